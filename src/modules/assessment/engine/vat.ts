import { Decimal } from '../../../shared/decimal.js';
import { rowInForce } from './dates.js';
import { fixedProduct, lineOf, type Money, money, moneyOfOre, nok, type Rounded, roundedExact } from './explain.js';
import type { RuleContext } from './lookup.js';
import type { PreparedElectricThreshold } from './prepared.js';
import { type ProblemPath, problem } from './problems.js';
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
  value: Money;
}

const ZERO = new Decimal(0);

/** The start of a VAT line's sentence, up to the base: built once per VAT row by `prepareRateBook`. */
export function vatSentence(vatClass: VatClass, percent: string, citation: string): string {
  return `VAT ${percent} % (${vatClass}, ${citation}) on VAT base NOK `;
}

const ZERO_FIXED = '0.00';

/**
 * The sum of the parts, and how many of them are not zero: the first part itself when no other is
 * above zero (the usual duty-free item), else their sum, in whole øre while that is exact and in
 * decimals beyond.
 */
function vatBase(parts: readonly VatBasePart[]): { base: Money; nonZero: number } {
  const first = (parts[0] as VatBasePart).value;
  let ore = first.ore;
  let nonZero = first.fixed === ZERO_FIXED ? 0 : 1;
  let added = false;
  for (let i = 1; i < parts.length; i++) {
    const value = (parts[i] as VatBasePart).value;
    if (value.fixed === ZERO_FIXED) continue;
    added = true;
    nonZero++;
    ore += value.ore;
  }
  if (!added) return { base: first, nonZero };
  if (Number.isSafeInteger(ore)) return { base: moneyOfOre(ore), nonZero };
  let sum = first.amount;
  for (let i = 1; i < parts.length; i++) sum = sum.plus((parts[i] as VatBasePart).value.amount);
  return { base: money(sum), nonZero };
}

export function vatLine(
  ctx: RuleContext,
  vatClass: VatClass,
  parts: readonly VatBasePart[],
  payable: boolean,
  electric: PreparedElectricThreshold | undefined,
  path: ProblemPath,
): { value: Rounded; line: AssessmentLine } | null {
  const rate = rowInForce(ctx.book.vat.get(vatClass), ctx.day);
  if (rate === undefined) {
    ctx.problems.push(
      problem('VAT_RATE_MISSING', [...path, 'commodityCode'], `No ${vatClass} VAT rate is in force on ${ctx.date}.`),
    );
    return null;
  }
  // The base is the sum of the parts; the sentence lists them when more than one is not zero.
  const { base, nonZero } = vatBase(parts);
  let composition = '';
  if (nonZero > 1) {
    for (const part of parts) {
      if (part.value.fixed === ZERO_FIXED) continue;
      composition +=
        composition === '' ? ` (${part.label} ${part.value.fixed}` : ` + ${part.label} ${part.value.fixed}`;
    }
    composition += ')';
  }

  let taxable = base;
  let thresholdText = '';
  let rates = rate.refs;
  if (electric !== undefined) {
    const above = base.amount.minus(electric.amount);
    taxable = money(above.isNegative() ? ZERO : above);
    thresholdText = `; electric car: only the part above NOK ${electric.ref.value} is taxed (${electric.citation}), ${nok(taxable)}`;
    rates = [rate.ref, electric.ref];
  }
  const r = roundedExact(
    (electric === undefined && fixedProduct(taxable, rate.fixedFactor)) || taxable.amount.times(rate.factor),
  );
  const reported = payable ? '' : '; reported in the importer\u2019s VAT return, not payable to customs';
  const explanation = `${rate.sentence + base.fixed + composition + thresholdText} ${r.text}${reported}.`;
  return {
    value: r,
    line: lineOf(
      'VAT',
      r,
      true,
      payable,
      electric ? 'VAT_ELECTRIC_CAR' : 'VAT_IMPORT',
      explanation,
      rates,
      taxable.fixed,
      null,
      null,
    ),
  };
}
