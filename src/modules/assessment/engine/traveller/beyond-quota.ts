import {
  compare,
  divideByPowerOfTen,
  type Exact,
  exactOfMoney,
  integer,
  type Money,
  minus,
  plus,
  times,
  ZERO,
} from '../../../../shared/money.js';
import { type Day, rowInForce, rowsInForce } from '../dates.js';
import { type ExciseTaxCategory, exciseAmount, exciseLine, exciseRateFor, inBand } from '../excise.js';
import { cite, info, line, nok, plain, quantity, type Rounded, rounded, roundedQuotient, whole } from '../explain.js';
import type { Conversion, RuleContext } from '../lookup.js';
import { type ProblemPath, problem } from '../problems.js';
import type { Measure, Measured } from '../quantities.js';
import type { PreparedFlatRate, PreparedRateBook } from '../rate-book/prepared-book.js';
import type { AssessmentLine, LineKind, RateRef } from '../results.js';
import type { TravellerAlcoholKind, TravellerTobaccoKind } from '../types.js';
import { type VatBasePart, vatLine } from '../vat.js';

/**
 * Lines for the part of a traveller's alcohol or tobacco item beyond the quota:
 * - FLAT: within the simplified limits, the flat rate per litre / 100 pieces / 100 g, which
 *   includes excise and VAT;
 * - ORDINARY: beyond a simplified limit, the whole excess of that group at ordinary rates: excise
 *   duty on the excess quantity plus VAT on (the price of the excess + that excise). The price of
 *   the excess is the item's price in NOK in proportion to the quantity. No customs duty: the tariff
 *   rates for beverages and tobacco are zero in the seed, and a traveller's item carries no code.
 */

export type Regime = 'FLAT' | 'ORDINARY';

export interface ExciseGood {
  id: string;
  path: ProblemPath;
  kind: TravellerAlcoholKind | TravellerTobaccoKind;
  category: ExciseTaxCategory;
  /** Litres, pieces or grams. */
  total: Exact;
  unit: 'l' | 'pcs' | 'g';
  strength: Exact | null;
  flatRate: PreparedFlatRate | undefined;
  /** Price in NOK, rounded to øre, with the conversion used; null when not given. */
  price: { value: Rounded; original: string; conversion: Conversion } | null;
}

const NIL = whole(0n);
const THOUSAND = integer(1000);

export function flatRateFor(
  book: PreparedRateBook,
  day: Day,
  kind: ExciseGood['kind'],
  strength: Exact | null,
): PreparedFlatRate | undefined {
  return rowsInForce(book.traveller.flatRates.get(kind), day).find(
    (r) => r.band === null || (strength !== null && inBand(r.band, strength)),
  );
}

function measureOf(good: ExciseGood, qty: Exact): (m: Measure) => Measured {
  return (m) => {
    if (m === good.unit) return { ok: true, value: qty, unit: good.unit };
    if (m === 'ml' && good.unit === 'l') return { ok: true, value: times(qty, THOUSAND), unit: 'ml' };
    return {
      ok: false,
      code: 'QUANTITY_UNIT_MISMATCH',
      field: 'kind',
      message: `The ${good.category} rate is not per ${good.unit}.`,
    };
  };
}

/** A cost per unit as `num / den` (den positive): exact, for ordering. */
export interface UnitCost {
  num: Exact;
  den: Exact;
}

export function compareCosts(a: UnitCost, b: UnitCost): number {
  return compare(times(a.num, b.den), times(b.num, a.den));
}

const ONE = integer(1);

/** Cost of one unit (litre, piece, gram) in a regime, exact: orders which units the quota covers. */
export function unitCost(ctx: RuleContext, good: ExciseGood, regime: Regime): UnitCost {
  if (regime === 'FLAT') {
    const r = good.flatRate;
    if (r === undefined) return { num: ZERO, den: ONE };
    return { num: r.per === 'LITRE' ? r.value : divideByPowerOfTen(r.value, 2), den: ONE };
  }
  const found = exciseRateFor(ctx, good.category, good.strength);
  const excise = found.kind === 'rate' ? exciseAmount(found.rate, good.strength, measureOf(good, ONE)) : null;
  const exciseCost = excise?.ok ? excise.exact : ZERO;
  const vat = rowInForce(ctx.book.vat.get('general'), ctx.day)?.factor ?? ZERO;
  // excise + (price / total + excise) × vat, over the common denominator `total`.
  const price = good.price ? exactOfMoney(good.price.value.ore) : ZERO;
  const num = plus(times(times(exciseCost, plus(ONE, vat)), good.total), times(price, vat));
  return { num, den: good.total };
}

const FLAT_KIND: Record<'ALCOHOL' | 'TOBACCO', LineKind> = {
  ALCOHOL: 'FLAT_RATE_ALCOHOL',
  TOBACCO: 'FLAT_RATE_TOBACCO',
};
const QUOTA_KIND: Record<'ALCOHOL' | 'TOBACCO', LineKind> = { ALCOHOL: 'ALCOHOL_QUOTA', TOBACCO: 'TOBACCO_QUOTA' };

/**
 * The lines of one item given how much of it the quota covers and the regime of its excess, with
 * the sum of its charges. Problems go to `ctx.problems` (a scratch list while optimising).
 */
export function excessLines(
  ctx: RuleContext,
  good: ExciseGood,
  covered: Exact,
  regime: Regime,
  quota: { refs: readonly RateRef[]; note: string },
  limit: RateRef | undefined,
): { lines: AssessmentLine[]; cost: Money } {
  const section = good.category === 'alcohol' ? 'ALCOHOL' : 'TOBACCO';
  const unit = good.unit;
  const lines: AssessmentLine[] = [];
  const cost = 0n;
  if (covered.units > 0n) {
    lines.push(
      info({
        kind: QUOTA_KIND[section],
        amount: NIL,
        rule: section === 'ALCOHOL' ? 'TRAVELLER_ALCOHOL_QUOTA' : 'TRAVELLER_TOBACCO_QUOTA',
        explanation: `${plain(covered)} ${unit} of ${plain(good.total)} ${unit} within the quota${quota.note}: no duty.`,
        rates: quota.refs,
        quantity: quantity(covered, unit),
      }),
    );
  }
  const excess = minus(good.total, covered);
  if (excess.units <= 0n) return { lines, cost };

  if (regime === 'FLAT') {
    const rate = good.flatRate;
    if (rate === undefined) {
      ctx.problems.push(
        problem(
          'FLAT_RATE_MISSING',
          good.path,
          `No flat rate for ${good.kind}${good.strength ? ` at ${plain(good.strength)} % vol` : ''} on ${ctx.date}.`,
        ),
      );
      return { lines, cost };
    }
    const per = rate.per === 'LITRE' ? '' : ' / 100';
    const product = times(excess, rate.value);
    const r = rounded(rate.per === 'LITRE' ? product : divideByPowerOfTen(product, 2));
    const band = rate.band ? `, ${rate.band.text}` : '';
    lines.push(
      line({
        kind: FLAT_KIND[section],
        amount: r,
        charge: true,
        payable: true,
        rule: 'TRAVELLER_FLAT_RATE',
        explanation: `Flat rate for ${good.kind}${band} beyond the quota, within the simplified limit (${rate.citation}; includes excise and VAT): ${plain(excess)} ${unit} × NOK ${plain(rate.value)}${per} ${r.text}.`,
        rates: limit ? [rate.ref, limit] : [rate.ref],
        quantity: quantity(excess, unit),
      }),
    );
    return { lines, cost: r.ore };
  }

  if (good.price === null) {
    ctx.problems.push(
      problem(
        'VALUE_REQUIRED',
        [...good.path, 'amount'],
        `Ordinary rates apply to ${plain(excess)} ${unit} of this item beyond the simplified limit; its price is needed.`,
      ),
    );
    return { lines, cost };
  }
  const price = good.price;
  const value = roundedQuotient(times(exactOfMoney(price.value.ore), excess), good.total);
  const fx = price.conversion.ref;
  const priceText =
    fx === null
      ? nok(price.value)
      : `${price.conversion.currency} ${price.original} × ${fx.rate} NOK per ${fx.unit} (exchange rate ${fx.id} on ${fx.date}) = ${nok(price.value)}`;
  lines.push(
    info({
      kind: 'CUSTOMS_VALUE',
      amount: value,
      rule: 'TRAVELLER_ORDINARY_BEYOND_LIMIT',
      explanation: `Beyond the simplified limit${limit ? ` (${cite(limit)})` : ''}, the whole excess is taxed at ordinary rates. Price ${priceText}, for ${plain(excess)} of ${plain(good.total)} ${unit} ${value.text}.`,
      rates: limit ? [limit] : [],
      baseAmount: value.fixed,
      exchangeRate: fx,
      quantity: quantity(excess, unit),
    }),
  );
  const excise = exciseLine(ctx, {
    category: good.category,
    strength: good.strength,
    measureOf: measureOf(good, excess),
    payable: true,
    path: good.path,
    rule: 'TRAVELLER_ORDINARY_BEYOND_LIMIT',
    context: ', ordinary rate beyond the simplified limit',
  });
  if (excise) lines.push(excise.line);
  const parts: VatBasePart[] = [{ label: 'value', value }];
  if (excise) parts.push({ label: 'excise duty', value: excise.value });
  const vat = vatLine(ctx, { vatClass: 'general', parts, payable: true, path: good.path });
  if (vat) lines.push(vat.line);
  return { lines, cost: (excise?.value.ore ?? 0n) + (vat?.value.ore ?? 0n) };
}
