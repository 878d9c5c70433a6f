/**
 * Money and the exact decimals it is computed from, on integers.
 *
 * `Money` is a whole number of øre as a bigint. `Exact` is any other exact decimal (a rate, a
 * quantity, an amount in another currency, a product not yet rounded): an integer count of
 * 10^-scale, so that every sum and product is exact whatever its digits and only `roundToOre`
 * ever rounds. Values are parsed once from the plain decimal text of the API and the database,
 * and printed back as canonical text (no exponent, no trailing zeros) or as two-decimal NOK.
 */

/** Whole øre. */
export type Money = bigint;

/** `units × 10^-scale`. */
export interface Exact {
  readonly units: bigint;
  readonly scale: number;
}

const POWERS_OF_TEN: readonly bigint[] = Array.from({ length: 64 }, (_, k) => 10n ** BigInt(k));

export function powerOfTen(k: number): bigint {
  return POWERS_OF_TEN[k] ?? 10n ** BigInt(k);
}

const DECIMAL_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** Plain decimal text ('1250.50', '-3', '0.0535') as an exact value; null for any other text. */
export function parseExact(text: unknown): Exact | null {
  return typeof text === 'string' && DECIMAL_TEXT.test(text) ? exactOf(text) : null;
}

/** Text already known to be plain decimal notation. */
export function exactOf(text: string): Exact {
  const dot = text.indexOf('.');
  if (dot < 0) return { units: BigInt(text), scale: 0 };
  return { units: BigInt(text.slice(0, dot) + text.slice(dot + 1)), scale: text.length - dot - 1 };
}

export function integer(value: number | bigint): Exact {
  return { units: BigInt(value), scale: 0 };
}

export const ZERO: Exact = integer(0);

/** The value with `scale` decimals (`scale` at least the value's own). */
function unitsAt(value: Exact, scale: number): bigint {
  return scale === value.scale ? value.units : value.units * powerOfTen(scale - value.scale);
}

export function plus(a: Exact, b: Exact): Exact {
  const scale = Math.max(a.scale, b.scale);
  return { units: unitsAt(a, scale) + unitsAt(b, scale), scale };
}

export function minus(a: Exact, b: Exact): Exact {
  const scale = Math.max(a.scale, b.scale);
  return { units: unitsAt(a, scale) - unitsAt(b, scale), scale };
}

export function times(a: Exact, b: Exact): Exact {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** `value / 10^k`: per cent, per 100 pieces, millilitres to litres. Exact. */
export function divideByPowerOfTen(value: Exact, k: number): Exact {
  return { units: value.units, scale: value.scale + k };
}

export function compare(a: Exact, b: Exact): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const x = unitsAt(a, scale);
  const y = unitsAt(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function min(a: Exact, b: Exact): Exact {
  return compare(a, b) <= 0 ? a : b;
}

export function isZero(value: Exact): boolean {
  return value.units === 0n;
}

export function isInteger(value: Exact): boolean {
  return value.scale === 0 || value.units % powerOfTen(value.scale) === 0n;
}

/** Decimals the value needs when written without trailing zeros. */
export function decimalPlaces(value: Exact): number {
  let { units, scale } = value;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return scale;
}

/** Rounded down to `scale` decimals (for non-negative values): 1.239 at 2 is 1.23. */
export function floorTo(value: Exact, scale: number): Exact {
  if (value.scale <= scale) return value;
  return { units: value.units / powerOfTen(value.scale - scale), scale };
}

/** Canonical decimal text: no exponent, no trailing zeros ('12.5', '40', '0.0535'). */
export function formatExact(value: Exact): string {
  const negative = value.units < 0n;
  const magnitude = negative ? -value.units : value.units;
  const sign = negative ? '-' : '';
  if (value.scale === 0) return sign + magnitude.toString();
  const digits = magnitude.toString().padStart(value.scale + 1, '0');
  const point = digits.length - value.scale;
  let end = digits.length;
  while (end > point && digits.charCodeAt(end - 1) === 48) end--;
  const text = end === point ? digits.slice(0, point) : `${digits.slice(0, point)}.${digits.slice(point, end)}`;
  return text === '0' ? text : sign + text;
}

/**
 * The rounding rule of the assessment, in one place: half-up to whole øre, a half øre away from
 * zero. Each amount line is rounded here once; totals are sums of rounded lines, never rounded again.
 */
export function roundToOre(value: Exact): Money {
  if (value.scale <= 2) return value.units * powerOfTen(2 - value.scale);
  return halfUp(value.units, powerOfTen(value.scale - 2));
}

/**
 * `numerator / denominator` (denominator positive) rounded by the same rule, for a share that is not
 * a finite decimal, such as a price split by quantity.
 */
export function roundQuotientToOre(numerator: Exact, denominator: Exact): Money {
  // n·10^-a / (d·10^-b) in øre = n·10^(b+2) / (d·10^a).
  return halfUp(numerator.units * powerOfTen(denominator.scale + 2), denominator.units * powerOfTen(numerator.scale));
}

/** n / d (d positive) to the nearest integer, a half away from zero. */
function halfUp(n: bigint, d: bigint): bigint {
  const negative = n < 0n;
  const magnitude = negative ? -n : n;
  const whole = magnitude / d;
  const rounded = 2n * (magnitude - whole * d) >= d ? whole + 1n : whole;
  return negative ? -rounded : rounded;
}

/** Money as an exact value (for the arithmetic of rules that apply a rate to an amount). */
export function exactOfMoney(amount: Money): Exact {
  return { units: amount, scale: 2 };
}

/** Money as text with exactly two decimals ('1335.45', '0.00'), as amounts are shown and stored. */
export function formatMoney(amount: Money): string {
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Two-decimal text (what `formatMoney` writes) back to whole øre. */
export function parseMoney(text: string): Money {
  return roundToOre(exactOf(text));
}
