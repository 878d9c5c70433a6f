import { Decimal, roundToOre } from '../../../shared/decimal.js';
import { formatScaled } from './allocation.js';
import { type Fixed, fixedOre, roundFixedToOre, times } from './fixed-point.js';
import type { AssessmentLine, Basis, ExchangeRateRef, LineKind, Quantity, RateRef, RuleCode } from './results.js';
import { formatOreAmount } from './totals.js';

/**
 * Building lines and their explanations. Every sentence quotes the exact figures the amount was
 * computed from and the exact result before rounding, so that a reader can redo the arithmetic with
 * nothing but the sentence. The rounding itself is always `roundToOre` (half-up to øre).
 */

/**
 * An amount already rounded to øre, with its two-decimal text computed once (it is quoted often)
 * and its whole øre. The decimal is made only when a rule asks for it: on the common path amounts
 * are computed in whole øre (fixed-point.ts) and a decimal would be made and thrown away.
 */
export class Money {
  #amount: Decimal | undefined;
  constructor(
    readonly fixed: string,
    /** Whole øre; NaN when beyond the exact integer range (then rules use `amount`). */
    readonly ore: number,
    amount?: Decimal,
  ) {
    this.#amount = amount;
  }

  get amount(): Decimal {
    if (this.#amount === undefined) this.#amount = new Decimal(this.fixed);
    return this.#amount;
  }
}

/** A rounded amount with the sentence fragment that shows the rounding. */
export class Rounded extends Money {
  constructor(
    fixed: string,
    ore: number,
    readonly text: string,
    amount?: Decimal,
  ) {
    super(fixed, ore, amount);
  }
}

/** Wraps an amount that is already whole øre (sums of rounded amounts, thresholds in the rate book). */
export function money(amount: Decimal): Money {
  const fixed = fixed2(amount);
  return new Money(fixed, oreOfFixed(fixed), amount);
}

/** Whole øre as Money. */
export function moneyOfOre(ore: number): Money {
  return new Money(formatOreAmount(ore), ore);
}

/** Whole øre of a two-decimal text, NaN when beyond the exact integer range. */
function oreOfFixed(fixed: string): number {
  const ore = Number(fixed.replace('.', ''));
  return Number.isSafeInteger(ore) ? ore : Number.NaN;
}

/**
 * Two-decimal text of an amount that is whole øre. `toFixed(2)` would round again (and costs a
 * decimal allocation); the exact digits padded to two decimals are the same text, cheaper.
 */
function fixed2(amount: Decimal): string {
  const text = amount.toFixed();
  const dot = text.indexOf('.');
  if (dot < 0) return `${text}.00`;
  const decimals = text.length - dot - 1;
  if (decimals === 2) return text;
  if (decimals === 1) return `${text}0`;
  throw new RangeError(`${text} is not a whole number of øre`);
}

export function nok(value: Money): string {
  return `NOK ${value.fixed}`;
}

/** A decimal exactly as computed: no exponent, no padding. */
export function plain(value: Decimal): string {
  return value.toFixed();
}

/** "valid 2025-01-01 to 2025-12-31" or "valid from 2025-01-01". */
export function validity(ref: { validFrom: string; validTo: string | null }): string {
  return ref.validTo === null ? `valid from ${ref.validFrom}` : `valid ${ref.validFrom} to ${ref.validTo}`;
}

/** "rate EX-7, valid from 2025-01-01": how a sentence cites a rate-book row. */
export function cite(ref: RateRef): string {
  return `rate ${ref.id}, ${validity(ref)}`;
}

/**
 * Rounds an exact amount and says so: "= NOK 12.35" when nothing was rounded, otherwise
 * "= 12.3456, rounded half-up to NOK 12.35".
 */
export function rounded(exact: Decimal): Rounded {
  // Zero is the most common duty (most goods are duty-free, preferences are mostly 0 %): its rounding
  // is computed once, by the same rule, and shared.
  if (exact.isZero()) return ROUNDED_ZERO;
  const amount = roundToOre(exact);
  const fixed = fixed2(amount);
  const text = exact.decimalPlaces() <= 2 ? `= NOK ${fixed}` : `= ${exact.toFixed()}, rounded half-up to NOK ${fixed}`;
  return new Rounded(fixed, oreOfFixed(fixed), text, amount);
}

/**
 * `rounded` of an exact value in integers (fixed-point.ts), with the same sentence; null when the
 * value is beyond the exact integer range, for the caller to compute with decimals instead.
 */
export function roundedFixed(exact: Fixed | null): Rounded | null {
  if (exact === null) return null;
  let { units, places } = exact;
  if (units === 0) return ROUNDED_ZERO;
  // The exact figure as decimal.js would print it: no trailing zeros.
  while (places > 0 && units % 10 === 0) {
    units /= 10;
    places--;
  }
  const ore = roundFixedToOre({ units, places });
  if (!Number.isSafeInteger(ore)) return null;
  const fixed = formatOreAmount(ore);
  const text = places <= 2 ? `= NOK ${fixed}` : `= ${formatScaled(units, places)}, rounded half-up to NOK ${fixed}`;
  return new Rounded(fixed, ore, text);
}

/** An exact value from either arithmetic, rounded by `rounded` or `roundedFixed`. */
export type Exact = Decimal | Fixed;

export function roundedExact(exact: Exact): Rounded {
  if (exact instanceof Decimal) return rounded(exact);
  return roundedFixed(exact) ?? rounded(decimalOf(exact));
}

export function decimalOf(exact: Exact): Decimal {
  return exact instanceof Decimal ? exact : new Decimal(formatScaled(exact.units, exact.places));
}

/** `amount × factor` in integers when both fit (fixed-point.ts), else null. */
export function fixedProduct(amount: Money, factor: Fixed | null): Fixed | null {
  return factor !== null && Number.isSafeInteger(amount.ore) && amount.ore >= 0
    ? times(fixedOre(amount.ore), factor)
    : null;
}

const ZERO_ORE = roundToOre(0);
const ROUNDED_ZERO = new Rounded(fixed2(ZERO_ORE), 0, `= NOK ${fixed2(ZERO_ORE)}`, ZERO_ORE);

export interface BasisParts {
  rates?: readonly RateRef[];
  /** The base as shown: a NOK amount with two decimals, or an exact amount in the invoice currency. */
  baseAmount?: string | null;
  quantity?: Quantity | null;
  exchangeRate?: ExchangeRateRef | null;
}

export const NO_RATES: readonly RateRef[] = Object.freeze([]);

export function charge(
  kind: LineKind,
  amount: Money,
  payable: boolean,
  rule: RuleCode,
  explanation: string,
  parts: BasisParts = {},
): AssessmentLine {
  return line(kind, amount, true, payable, rule, explanation, parts);
}

/** A line that is a base or a relief (customs value, allowance, quota), shown but never summed. */
export function info(
  kind: LineKind,
  amount: Money,
  rule: RuleCode,
  explanation: string,
  parts: BasisParts = {},
): AssessmentLine {
  return line(kind, amount, false, false, rule, explanation, parts);
}

function line(
  kind: LineKind,
  amount: Money,
  isCharge: boolean,
  payable: boolean,
  rule: RuleCode,
  explanation: string,
  parts: BasisParts,
): AssessmentLine {
  return lineOf(
    kind,
    amount,
    isCharge,
    payable,
    rule,
    explanation,
    parts.rates ?? NO_RATES,
    parts.baseAmount ?? null,
    parts.quantity ?? null,
    parts.exchangeRate ?? null,
  );
}

/**
 * A line with every part given: what the rules on the hot path call, so that each line and basis is
 * built with the same shape and no options object.
 */
export function lineOf(
  kind: LineKind,
  amount: Money,
  isCharge: boolean,
  payable: boolean,
  rule: RuleCode,
  explanation: string,
  rates: readonly RateRef[],
  baseAmount: string | null,
  quantity: Quantity | null,
  exchangeRate: ExchangeRateRef | null,
): AssessmentLine {
  const basis: Basis = { rule, rates, baseAmount, quantity, exchangeRate, explanation };
  return { kind, amount: amount.fixed, charge: isCharge, payable, basis };
}

export function quantity(value: Decimal, unit: string): Quantity {
  return { value: plain(value), unit };
}
