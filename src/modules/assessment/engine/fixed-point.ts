import type { Decimal } from '../../../shared/decimal.js';
import { scaledNumber } from './allocation.js';

/**
 * Exact decimals as plain integers, for the arithmetic every goods item repeats: the customs value
 * (an amount times an exchange rate), and percentages of amounts (duty, research levy, VAT). A value
 * is `units / 10^places` with `units` a non-negative safe integer, so products are exact while they
 * stay below 2^53, and the code says when they would not (null) and falls back to decimals. Why:
 * decimal.js spent a quarter of the engine's time on these few operations (`npm run bench`, row f).
 */
export interface Fixed {
  readonly units: number;
  readonly places: number;
}

/** The value as a Fixed, or null when it is negative or its digits (leading zeros included) exceed 15. */
export function fixedOf(value: Decimal): Fixed | null {
  if (value.isNegative()) return null;
  return scaledNumber(value.toFixed());
}

/** The exact product, or null when it would leave the exact integer range. */
export function times(a: Fixed, b: Fixed): Fixed | null {
  const units = a.units * b.units;
  return Number.isSafeInteger(units) ? { units, places: a.places + b.places } : null;
}

/** Whole øre as a Fixed. */
export function fixedOre(ore: number): Fixed {
  return { units: ore, places: 2 };
}

/**
 * Half-up to whole øre (the rounding rule of `roundToOre`, on integers): the remainder below one
 * øre decides, a half øre rounds up. Values here are never negative, so up is away from zero.
 */
export function roundFixedToOre(value: Fixed): number {
  if (value.places <= 2) return value.units * 10 ** (2 - value.places);
  const divisor = 10 ** (value.places - 2);
  // `%` and the division of a multiple are exact on safe integers, where a float quotient is not.
  const remainder = value.units % divisor;
  const ore = (value.units - remainder) / divisor;
  return 2 * remainder >= divisor ? ore + 1 : ore;
}
