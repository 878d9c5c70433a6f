import { Decimal } from '../../../../shared/decimal.js';
import { type Day, rowInForce, rowsInForce } from '../dates.js';
import { type ExciseTaxCategory, exciseAmount, exciseLine, exciseRateFor, inBand } from '../excise.js';
import { charge, cite, info, type Money, money, nok, plain, quantity, rounded } from '../explain.js';
import type { Conversion, RuleContext } from '../lookup.js';
import type { PreparedFlatRate, PreparedRateBook } from '../prepared.js';
import { type ProblemPath, problem } from '../problems.js';
import type { Measure, Measured } from '../quantities.js';
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
  total: Decimal;
  unit: 'l' | 'pcs' | 'g';
  strength: Decimal | null;
  flatRate: PreparedFlatRate | undefined;
  /** Price in NOK, rounded to øre, with the conversion used; null when not given. */
  price: { value: Money; original: string; conversion: Conversion } | null;
}

const HUNDRED = new Decimal(100);
const NIL = money(new Decimal(0));

export function flatRateFor(
  book: PreparedRateBook,
  day: Day,
  kind: ExciseGood['kind'],
  strength: Decimal | null,
): PreparedFlatRate | undefined {
  return rowsInForce(book.traveller.flatRates.get(kind), day).find(
    (r) => r.band === null || (strength !== null && inBand(r.band, strength)),
  );
}

function measureOf(good: ExciseGood, qty: Decimal): (m: Measure) => Measured {
  return (m) => {
    if (m === good.unit) return { ok: true, value: qty, unit: good.unit };
    if (m === 'ml' && good.unit === 'l') return { ok: true, value: qty.times(1000), unit: 'ml' };
    return {
      ok: false,
      code: 'QUANTITY_UNIT_MISMATCH',
      field: 'kind',
      message: `The ${good.category} rate is not per ${good.unit}.`,
    };
  };
}

/** Cost of one unit (litre, piece, gram) in a regime, exact: orders which units the quota covers. */
export function unitCost(ctx: RuleContext, good: ExciseGood, regime: Regime): Decimal {
  if (regime === 'FLAT') {
    const r = good.flatRate;
    if (r === undefined) return new Decimal(0);
    return r.per === 'LITRE' ? r.value : r.value.div(HUNDRED);
  }
  const found = exciseRateFor(ctx, good.category, good.strength);
  const one = new Decimal(1);
  const excise = found.kind === 'rate' ? exciseAmount(found.rate, good.strength, measureOf(good, one)) : null;
  const exciseCost = excise?.ok ? excise.exact : new Decimal(0);
  const pricePerUnit = good.price ? good.price.value.amount.div(good.total) : new Decimal(0);
  const vatFactor = rowInForce(ctx.book.vat.get('general'), ctx.day)?.factor ?? 0;
  return exciseCost.plus(pricePerUnit.plus(exciseCost).times(vatFactor));
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
  covered: Decimal,
  regime: Regime,
  quota: { refs: readonly RateRef[]; note: string },
  limit: RateRef | undefined,
): { lines: AssessmentLine[]; cost: Decimal } {
  const section = good.category === 'alcohol' ? 'ALCOHOL' : 'TOBACCO';
  const unit = good.unit;
  const lines: AssessmentLine[] = [];
  let cost = new Decimal(0);
  if (covered.gt(0)) {
    lines.push(
      info(
        QUOTA_KIND[section],
        NIL,
        section === 'ALCOHOL' ? 'TRAVELLER_ALCOHOL_QUOTA' : 'TRAVELLER_TOBACCO_QUOTA',
        `${plain(covered)} ${unit} of ${plain(good.total)} ${unit} within the quota${quota.note}: no duty.`,
        { rates: quota.refs, quantity: quantity(covered, unit) },
      ),
    );
  }
  const excess = good.total.minus(covered);
  if (excess.lte(0)) return { lines, cost };

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
    const r = rounded(rate.per === 'LITRE' ? excess.times(rate.value) : excess.times(rate.value).div(HUNDRED));
    const band = rate.band ? `, ${rate.band.text}` : '';
    lines.push(
      charge(
        FLAT_KIND[section],
        r,
        true,
        'TRAVELLER_FLAT_RATE',
        `Flat rate for ${good.kind}${band} beyond the quota, within the simplified limit (${rate.citation}; includes excise and VAT): ${plain(excess)} ${unit} × NOK ${plain(rate.value)}${per} ${r.text}.`,
        { rates: limit ? [rate.ref, limit] : [rate.ref], quantity: quantity(excess, unit) },
      ),
    );
    return { lines, cost: r.amount };
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
  const value = rounded(price.value.amount.times(excess).div(good.total));
  const fx = price.conversion.ref;
  const priceText =
    fx === null
      ? nok(price.value)
      : `${price.conversion.currency} ${price.original} × ${fx.rate} NOK per ${fx.unit} (exchange rate ${fx.id} on ${fx.date}) = ${nok(price.value)}`;
  lines.push(
    info(
      'CUSTOMS_VALUE',
      value,
      'TRAVELLER_ORDINARY_BEYOND_LIMIT',
      `Beyond the simplified limit${limit ? ` (${cite(limit)})` : ''}, the whole excess is taxed at ordinary rates. Price ${priceText}, for ${plain(excess)} of ${plain(good.total)} ${unit} ${value.text}.`,
      { rates: limit ? [limit] : [], baseAmount: value.fixed, exchangeRate: fx, quantity: quantity(excess, unit) },
    ),
  );
  const excise = exciseLine(
    ctx,
    good.category,
    good.strength,
    measureOf(good, excess),
    true,
    good.path,
    'TRAVELLER_ORDINARY_BEYOND_LIMIT',
    ', ordinary rate beyond the simplified limit',
  );
  if (excise) lines.push(excise.line);
  const parts: VatBasePart[] = [{ label: 'value', value }];
  if (excise) parts.push({ label: 'excise duty', value: excise.value });
  const vat = vatLine(ctx, 'general', parts, true, undefined, good.path);
  if (vat) lines.push(vat.line);
  cost = (excise?.value.amount ?? new Decimal(0)).plus(vat?.value.amount ?? 0);
  return { lines, cost };
}
