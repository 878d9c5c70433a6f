import { exactOfMoney, minus, roundToOre, times } from '../../../shared/money.js';
import { rowInForce } from './dates.js';
import { exactOf, line, nok, type Rounded, rounded, whole } from './explain.js';
import type { RuleContext } from './lookup.js';
import { type ProblemPath, problem } from './problems.js';
import type { PreparedElectricThreshold } from './rate-book/prepared-book.js';
import type { AssessmentLine } from './results.js';
import type { VatClass } from './types.js';

/**
 * Import VAT at the rate of the goods' VAT class on the VAT base: the customs value plus the customs
 * duty and every excise duty and levy on importation (each already rounded, so the base is exact
 * øre). Electric cars pay VAT only on the part of the base above the threshold.
 *
 * VAT-registered importers report import VAT in their VAT return: the line is shown with
 * `payable: false` and counted in `vatToReport`, not in what is payable to customs.
 */

export interface VatBasePart {
  label: string;
  value: Rounded;
}

/** The start of a VAT line's sentence, up to the base: built once per VAT row by `prepareRateBook`. */
export function vatSentence(vatClass: VatClass, percent: string, citation: string): string {
  return `VAT ${percent} % (${vatClass}, ${citation}) on VAT base NOK `;
}

export interface VatGoods {
  vatClass: VatClass;
  /** The amounts the base is the sum of, the first one the value. */
  parts: readonly VatBasePart[];
  payable: boolean;
  electric?: PreparedElectricThreshold | undefined;
  path: ProblemPath;
}

export function vatLine(ctx: RuleContext, goods: VatGoods): { value: Rounded; line: AssessmentLine } | null {
  const { vatClass, parts, electric } = goods;
  const rate = rowInForce(ctx.book.vat.get(vatClass), ctx.day);
  if (rate === undefined) {
    ctx.problems.push(
      problem(
        'VAT_RATE_MISSING',
        [...goods.path, 'commodityCode'],
        `No ${vatClass} VAT rate is in force on ${ctx.date}.`,
      ),
    );
    return null;
  }
  // The base is the sum of the parts; the sentence lists them when more than one is not zero.
  let sum = 0n;
  const nonZero: VatBasePart[] = [];
  for (const part of parts) {
    sum += part.value.ore;
    if (part.value.ore !== 0n) nonZero.push(part);
  }
  const base = whole(sum);
  const composition =
    nonZero.length > 1 ? ` (${nonZero.map((part) => `${part.label} ${part.value.fixed}`).join(' + ')})` : '';

  let taxable = base;
  let thresholdText = '';
  let rates = rate.refs;
  if (electric !== undefined) {
    const above = roundToOre(minus(exactOfMoney(base.ore), electric.amount));
    taxable = whole(above < 0n ? 0n : above);
    thresholdText = `; electric car: only the part above NOK ${electric.ref.value} is taxed (${electric.citation}), ${nok(taxable)}`;
    rates = [rate.ref, electric.ref];
  }
  const r = rounded(times(exactOf(taxable), rate.factor));
  const reported = goods.payable ? '' : '; reported in the importer\u2019s VAT return, not payable to customs';
  return {
    value: r,
    line: line({
      kind: 'VAT',
      amount: r,
      charge: true,
      payable: goods.payable,
      rule: electric ? 'VAT_ELECTRIC_CAR' : 'VAT_IMPORT',
      explanation: `${rate.sentence + base.fixed + composition + thresholdText} ${r.text}${reported}.`,
      rates,
      baseAmount: taxable.fixed,
    }),
  };
}
