import { compare, divideByPowerOfTen, type Exact, times, ZERO } from '../../../shared/money.js';
import { rowsInForce } from './dates.js';
import { line, plain, quantity, type Rounded, rounded } from './explain.js';
import type { RuleContext } from './lookup.js';
import { type ProblemPath, problem } from './problems.js';
import type { Measure, Measured } from './quantities.js';
import type { PreparedBand, PreparedExciseRate } from './rate-book/prepared-book.js';
import type { AssessmentLine, LineKind, Quantity, RuleCode } from './results.js';
import type { ExciseCategory, ExciseRateKind } from './types.js';

/**
 * Excise duties on import by the commodity's excise category: alcohol by strength band (per vol-%
 * per litre, or per litre for the weak bands), tobacco per 100 pieces or per 100 g, e-liquid per
 * 100 ml. Used by declarations and by travellers' goods beyond the simplified limits.
 */

export type ExciseTaxCategory = Exclude<ExciseCategory, 'vehicle'>;

const MEASURE_OF: Record<ExciseRateKind, Measure> = {
  PER_VOL_PERCENT_LITRE: 'l',
  PER_LITRE: 'l',
  PER_100_PIECES: 'pcs',
  PER_100_GRAMS: 'g',
  PER_100_ML: 'ml',
};

export function lineKindOf(category: ExciseTaxCategory): LineKind {
  if (category === 'alcohol') return 'EXCISE_ALCOHOL';
  if (category === 'e-liquid') return 'EXCISE_E_LIQUID';
  return 'EXCISE_TOBACCO';
}

export function inBand(band: PreparedBand, strength: Exact): boolean {
  const from = compare(strength, band.from);
  if (band.fromInclusive ? from < 0 : from <= 0) return false;
  if (band.to === null) return true;
  const to = compare(strength, band.to);
  return band.toInclusive ? to <= 0 : to < 0;
}

type Found =
  | { kind: 'rate'; rate: PreparedExciseRate }
  | { kind: 'none' }
  | { kind: 'problem'; code: 'EXCISE_RATE_MISSING' | 'ALCOHOL_STRENGTH_REQUIRED'; message: string };

/**
 * The excise rate in force for a category (and strength, when the category is banded). A strength
 * below the lowest band carries no excise (low-alcohol drinks); a strength in a gap between bands,
 * or no rate at all for the category, is a rate-book gap reported as EXCISE_RATE_MISSING.
 */
export function exciseRateFor(ctx: RuleContext, category: ExciseTaxCategory, strength: Exact | null): Found {
  const rows = rowsInForce(ctx.book.excise.get(category), ctx.day);
  if (rows.length === 0) {
    return {
      kind: 'problem',
      code: 'EXCISE_RATE_MISSING',
      message: `No ${category} excise rate is in force on ${ctx.date}.`,
    };
  }
  const banded = rows.filter((r) => r.band !== null);
  if (banded.length === 0) return { kind: 'rate', rate: rows[0] as PreparedExciseRate };
  if (strength === null) {
    return { kind: 'problem', code: 'ALCOHOL_STRENGTH_REQUIRED', message: 'The alcohol strength (% vol) is required.' };
  }
  const match = banded.find((r) => inBand(r.band as PreparedBand, strength));
  if (match) return { kind: 'rate', rate: match };
  const belowAll = banded.every((r) => !inBand({ ...(r.band as PreparedBand), to: null }, strength));
  if (belowAll) return { kind: 'none' };
  return {
    kind: 'problem',
    code: 'EXCISE_RATE_MISSING',
    message: `No ${category} excise band covers ${plain(strength)} % vol on ${ctx.date}.`,
  };
}

/** Applies an excise rate to the quantity it is expressed in; a problem when that quantity is missing. */
export function exciseAmount(
  rate: PreparedExciseRate,
  strength: Exact | null,
  measureOf: (m: Measure) => Measured,
): { ok: true; exact: Exact; how: string; qty: Quantity } | { ok: false; measured: Measured & { ok: false } } {
  const m = measureOf(MEASURE_OF[rate.kind]);
  if (!m.ok) return { ok: false, measured: m };
  const v = rate.ref.value;
  switch (rate.kind) {
    case 'PER_VOL_PERCENT_LITRE': {
      const s = strength ?? ZERO;
      const volPercentLitres = times(m.value, s);
      return {
        ok: true,
        exact: times(volPercentLitres, rate.value),
        how: `${plain(m.value)} l × ${plain(s)} % vol = ${plain(volPercentLitres)} vol-% litres × NOK ${v}`,
        qty: quantity(volPercentLitres, 'vol-% l'),
      };
    }
    case 'PER_LITRE':
      return {
        ok: true,
        exact: times(m.value, rate.value),
        how: `${plain(m.value)} l × NOK ${v} per litre`,
        qty: quantity(m.value, 'l'),
      };
    default:
      return {
        ok: true,
        exact: divideByPowerOfTen(times(m.value, rate.value), 2),
        how: `${plain(m.value)} ${m.unit} × NOK ${v} per 100 ${m.unit}`,
        qty: quantity(m.value, m.unit),
      };
  }
}

export interface ExciseGoods {
  category: ExciseTaxCategory;
  strength: Exact | null;
  /** The quantity each kind of rate is applied to. */
  measureOf: (m: Measure) => Measured;
  payable: boolean;
  path: ProblemPath;
  /** EXCISE, or the traveller rule the duty is charged under. */
  rule?: RuleCode;
  /** Said after the category: ", ordinary rate beyond the simplified limit". */
  context?: string;
}

/** The excise line of goods, or null when they carry none or a problem was recorded. */
export function exciseLine(ctx: RuleContext, goods: ExciseGoods): { value: Rounded; line: AssessmentLine } | null {
  const { category, strength, path } = goods;
  const found = exciseRateFor(ctx, category, strength);
  if (found.kind === 'none') return null;
  if (found.kind === 'problem') {
    const at = found.code === 'ALCOHOL_STRENGTH_REQUIRED' ? [...path, 'alcoholStrength'] : path;
    ctx.problems.push(problem(found.code, at, found.message));
    return null;
  }
  const rate = found.rate;
  const applied = exciseAmount(rate, strength, goods.measureOf);
  if (!applied.ok) {
    ctx.problems.push(problem(applied.measured.code, [...path, applied.measured.field], applied.measured.message));
    return null;
  }
  const r = rounded(applied.exact);
  const band = rate.band ? `, band ${rate.band.text}` : '';
  return {
    value: r,
    line: line({
      kind: lineKindOf(category),
      amount: r,
      charge: true,
      payable: goods.payable,
      rule: goods.rule ?? 'EXCISE',
      explanation: `Excise duty on ${category}${band}${goods.context ?? ''} (${rate.citation}): ${applied.how} ${r.text}.`,
      rates: rate.refs,
      quantity: applied.qty,
    }),
  };
}
