import { type Decimal, roundToOre } from '../../../shared/decimal.js';
import type { AssessmentLine, Basis, ExchangeRateRef, LineKind, Quantity, RateRef, RuleCode } from './results.js';

/**
 * Building lines and their explanations. Every sentence quotes the exact figures the amount was
 * computed from and the exact result before rounding, so that a reader can redo the arithmetic with
 * nothing but the sentence. The rounding itself is always `roundToOre` (half-up to øre).
 */

/** An amount already rounded to øre, with its two-decimal text computed once (it is quoted often). */
export interface Money {
  amount: Decimal;
  fixed: string;
}

/** A rounded amount with the sentence fragment that shows the rounding. */
export interface Rounded extends Money {
  text: string;
}

/** Wraps an amount that is already whole øre (sums of rounded amounts, thresholds in the rate book). */
export function money(amount: Decimal): Money {
  return { amount, fixed: fixed2(amount) };
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
  return { amount, fixed, text };
}

const ZERO_ORE = roundToOre(0);
const ROUNDED_ZERO: Rounded = Object.freeze({
  amount: ZERO_ORE,
  fixed: fixed2(ZERO_ORE),
  text: `= NOK ${fixed2(ZERO_ORE)}`,
});

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
