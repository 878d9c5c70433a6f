import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The decimal type of the API's inputs (amounts, quantities, rates as declared and loaded). Exact
 * to 60 significant digits. The assessment computes on integers instead (money.ts), from the same
 * decimal text.
 */
export const Decimal = DecimalJs.clone({ precision: 60, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

export type DecimalInput = Decimal | string | number;

export function toDecimal(value: DecimalInput): Decimal {
  return value instanceof Decimal ? value : new Decimal(value);
}

/** Canonical text of a decimal: no exponent, no trailing zeros beyond `minDecimals`. */
export function formatDecimal(value: DecimalInput, minDecimals = 0): string {
  const d = toDecimal(value);
  const fixed = d.toFixed();
  if (minDecimals === 0) return fixed;
  const decimals = d.decimalPlaces();
  return decimals >= minDecimals ? fixed : d.toFixed(minDecimals);
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
