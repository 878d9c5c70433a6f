import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The one decimal type for money, rates and quantities. Exact to 60 significant digits, so that
 * no product of an amount, a rate and an exchange rate ever rounds before we decide it should.
 */
export const Decimal = DecimalJs.clone({ precision: 60, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

export type DecimalInput = Decimal | string | number;

export function toDecimal(value: DecimalInput): Decimal {
  return value instanceof Decimal ? value : new Decimal(value);
}

/**
 * The rounding rule of the assessment, in one place: each amount is rounded half-up to øre (two
 * decimals). Totals are sums of lines that were rounded here, never rounded again. The assessment
 * engine applies this same rule to integers where they are exact (`roundFixedToOre` in
 * modules/assessment/engine/fixed-point.ts); a property test holds the two equal.
 */
export function roundToOre(value: DecimalInput): Decimal {
  return toDecimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Canonical text of a decimal: no exponent, no trailing zeros beyond `minDecimals`. */
export function formatDecimal(value: DecimalInput, minDecimals = 0): string {
  const d = toDecimal(value);
  const fixed = d.toFixed();
  if (minDecimals === 0) return fixed;
  const decimals = d.decimalPlaces();
  return decimals >= minDecimals ? fixed : d.toFixed(minDecimals);
}

/** Money as a string with exactly two decimals, the way amounts in NOK are shown and stored. */
export function formatOre(value: DecimalInput): string {
  return roundToOre(value).toFixed(2);
}

const DECIMAL_PATTERN = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** Accepts the plain decimal notation of the API (a dot, no exponent, no thousands separators). */
export function parseDecimalText(text: string): Decimal | null {
  const trimmed = text.trim();
  if (!DECIMAL_PATTERN.test(trimmed)) return null;
  return new Decimal(trimmed);
}

/** Accepts the authority's open-data notation: comma decimals ("10,50"), optional spaces. */
export function parseOpenDataDecimal(text: string): Decimal | null {
  return parseDecimalText(text.replace(/\s/g, '').replace(',', '.'));
}

/**
 * Decimal text from the database in canonical form: "12.500" becomes "12.5", "40.000" becomes
 * "40". String work only: this runs for every quantity of every goods item a page shows.
 */
export function canonicalDecimal(text: string): string {
  if (!text.includes('.')) return text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--; // trailing "0"
  if (text.charCodeAt(end - 1) === 46) end--; // a bare "."
  return text.slice(0, end);
}
