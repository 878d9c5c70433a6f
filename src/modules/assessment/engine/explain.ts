import {
  decimalPlaces,
  type Exact,
  exactOfMoney,
  formatExact,
  formatMoney,
  type Money,
  powerOfTen,
  roundQuotientToOre,
  roundToOre,
} from '../../../shared/money.js';
import type { AssessmentLine, Basis, ExchangeRateRef, LineKind, Quantity, RateRef, RuleCode } from './results.js';

/**
 * Building lines and their explanations. Every sentence quotes the exact figures the amount was
 * computed from and the exact result before rounding, so that a reader can redo the arithmetic with
 * nothing but the sentence. The rounding itself is always `roundToOre` (half-up to øre).
 */

/** An amount rounded to øre, with its two-decimal text and the sentence fragment that shows the rounding. */
export interface Rounded {
  readonly ore: Money;
  /** Two decimals, as the line shows it. */
  readonly fixed: string;
  /** "= NOK 12.35", or "= 12.3456, rounded half-up to NOK 12.35". */
  readonly text: string;
}

/** Rounds an exact amount and says so. */
export function rounded(exact: Exact): Rounded {
  const ore = roundToOre(exact);
  const fixed = formatMoney(ore);
  const text =
    decimalPlaces(exact) <= 2 ? `= NOK ${fixed}` : `= ${formatExact(exact)}, rounded half-up to NOK ${fixed}`;
  return { ore, fixed, text };
}

/** An amount that is already whole øre (a sum of rounded amounts, a part of a base). */
export function whole(ore: Money): Rounded {
  const fixed = formatMoney(ore);
  return { ore, fixed, text: `= NOK ${fixed}` };
}

/** The amount as an exact value, for rules that apply a rate to it. */
export function exactOf(amount: Rounded): Exact {
  return exactOfMoney(amount.ore);
}

export function nok(value: Rounded): string {
  return `NOK ${value.fixed}`;
}

/** A decimal exactly as computed: no exponent, no padding. */
export function plain(value: Exact): string {
  return formatExact(value);
}

/** "valid 2025-01-01 to 2025-12-31" or "valid from 2025-01-01". */
export function validity(ref: { validFrom: string; validTo: string | null }): string {
  return ref.validTo === null ? `valid from ${ref.validFrom}` : `valid ${ref.validFrom} to ${ref.validTo}`;
}

/** "rate EX-7, valid from 2025-01-01": how a sentence cites a rate-book row. */
export function cite(ref: RateRef): string {
  return `rate ${ref.id}, ${validity(ref)}`;
}

export const NO_RATES: readonly RateRef[] = Object.freeze([]);

/** What a line says beyond its amount; what is not given is absent from the basis (null or no rates). */
export interface LineParts {
  kind: LineKind;
  amount: Rounded;
  /** False for lines that are a base or a relief (customs value, quota used): shown, never summed. */
  charge: boolean;
  /** Paid to customs (false: a VAT-registered importer's VAT, or a line that is not a charge). */
  payable: boolean;
  rule: RuleCode;
  explanation: string;
  rates?: readonly RateRef[];
  /** The base as shown: a NOK amount with two decimals, or an exact amount in the invoice currency. */
  baseAmount?: string | null;
  /** The currency of `baseAmount` when it is not NOK. */
  baseCurrency?: string;
  quantity?: Quantity | null;
  exchangeRate?: ExchangeRateRef | null;
  /** Every exchange rate the line rests on, when more than `exchangeRate`. */
  exchangeRates?: readonly ExchangeRateRef[];
}

export function line(parts: LineParts): AssessmentLine {
  return build(parts, parts.charge, parts.payable);
}

/** A line that is a base or a relief (customs value, allowance, quota). */
export function info(parts: Omit<LineParts, 'charge' | 'payable'>): AssessmentLine {
  return build(parts, false, false);
}

function build(parts: Omit<LineParts, 'charge' | 'payable'>, charge: boolean, payable: boolean): AssessmentLine {
  const basis: Basis = {
    rule: parts.rule,
    rates: parts.rates ?? NO_RATES,
    baseAmount: parts.baseAmount ?? null,
    baseCurrency: parts.baseAmount == null ? null : (parts.baseCurrency ?? 'NOK'),
    quantity: parts.quantity ?? null,
    exchangeRate: parts.exchangeRate ?? null,
    ...(parts.exchangeRates && parts.exchangeRates.length > (parts.exchangeRate ? 1 : 0)
      ? { exchangeRates: parts.exchangeRates }
      : {}),
    explanation: parts.explanation,
  };
  return { kind: parts.kind, amount: parts.amount.fixed, charge, payable, basis };
}

export function quantity(value: Exact, unit: string): Quantity {
  return { value: formatExact(value), unit };
}

/**
 * `numerator / denominator` (positive) rounded to øre, for a share that may not be a finite decimal
 * (a price split by quantity): the sentence quotes the exact quotient when it is finite, else its
 * first ten decimals.
 */
export function roundedQuotient(numerator: Exact, denominator: Exact): Rounded {
  const ore = roundQuotientToOre(numerator, denominator);
  const fixed = formatMoney(ore);
  const quotient = finiteQuotient(numerator, denominator);
  if (quotient !== null) {
    const text =
      decimalPlaces(quotient) <= 2 ? `= NOK ${fixed}` : `= ${formatExact(quotient)}, rounded half-up to NOK ${fixed}`;
    return { ore, fixed, text };
  }
  const scale = 10 + Math.max(0, numerator.scale - denominator.scale);
  const digits = formatExact({
    units: (numerator.units * powerOfTen(denominator.scale + scale - numerator.scale)) / denominator.units,
    scale,
  });
  return { ore, fixed, text: `= ${digits}… (not a finite decimal), rounded half-up to NOK ${fixed}` };
}

/** The quotient as an exact decimal when it is one (at most 40 decimals), else null. */
function finiteQuotient(numerator: Exact, denominator: Exact): Exact | null {
  for (let extra = 0; extra <= 40; extra++) {
    // n·10^-a / (d·10^-b) = (n·10^(b+extra) / d) · 10^-(a+extra)
    const n = numerator.units * powerOfTen(denominator.scale + extra);
    if (n % denominator.units === 0n) return { units: n / denominator.units, scale: numerator.scale + extra };
  }
  return null;
}
