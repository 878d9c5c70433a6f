import { Decimal } from '../../../shared/decimal.js';

/**
 * Allocation of the consignment's freight and insurance to its goods items, in proportion to
 * invoice value (the usual key when costs cannot be traced to items).
 *
 * Why a largest-remainder allocation in the invoice currency: an exact proportional share is often
 * not a finite decimal (100 split three ways), and rounding each share on its own can make the shares
 * sum to more or less than the freight paid. Instead each share is a whole number of hundredths of
 * the invoice currency (or of the smallest step the freight and insurance are written in); each item
 * first gets its share rounded down, and the hundredths left over go one each to the items with the
 * largest remainders (ties: the earlier item). The shares then always sum to the total exactly, and
 * each share is printed in the customs-value explanation, so the client can reproduce the value.
 * If every invoice amount is zero, the costs are split equally.
 *
 * The arithmetic is on integers scaled by a power of ten (bigint): exact, and it lets the customs
 * value in the invoice currency (invoice + share) be built without intermediate decimal objects.
 */

/** A non-negative decimal as an integer count of 10^-places. */
export interface Scaled {
  units: bigint;
  places: number;
}

/** Scales a validated non-negative decimal text ('1250.5' → 12505 at 1 place). */
export function scaledOf(text: string): Scaled {
  const dot = text.indexOf('.');
  if (dot < 0) return { units: BigInt(text), places: 0 };
  return { units: BigInt(text.slice(0, dot) + text.slice(dot + 1)), places: text.length - dot - 1 };
}

const POWERS_OF_TEN: bigint[] = Array.from({ length: 40 }, (_, k) => 10n ** BigInt(k));

export function powerOfTen(k: number): bigint {
  return POWERS_OF_TEN[k] ?? 10n ** BigInt(k);
}

export function rescale(value: Scaled, places: number): bigint {
  return places === value.places ? value.units : value.units * powerOfTen(places - value.places);
}

/** Canonical decimal text of a scaled integer: no exponent, trailing fraction zeros dropped. */
export function formatScaled(units: bigint | number, places: number): string {
  if (places === 0) return units.toString();
  const digits = units.toString().padStart(places + 1, '0');
  const point = digits.length - places;
  let end = digits.length;
  while (end > point && digits.charCodeAt(end - 1) === 48) end--;
  return end === point ? digits.slice(0, point) : `${digits.slice(0, point)}.${digits.slice(point, end)}`;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Largest-remainder allocation of `total` units in proportion to `weights` (all non-negative). */
export function allocateScaled(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) return [];
  let keys = weights;
  let sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) {
    keys = weights.map(() => 1n);
    sum = BigInt(weights.length);
  }
  const shares: bigint[] = [];
  const remainders: bigint[] = [];
  let given = 0n;
  for (const w of keys) {
    const numerator = total * w;
    const share = numerator / sum;
    shares.push(share);
    remainders.push(numerator % sum);
    given += share;
  }
  const left = Number(total - given);
  if (left > 0) {
    // Remainders are below `sum`; when that is a safe integer they sort as plain numbers (exactly).
    const order = remainders.map((_, i) => i);
    if (sum <= MAX_SAFE) {
      const keys = remainders.map(Number);
      order.sort((a, b) => (keys[b] as number) - (keys[a] as number) || a - b);
    } else {
      order.sort((a, b) => {
        const ra = remainders[a] as bigint;
        const rb = remainders[b] as bigint;
        return ra === rb ? a - b : ra > rb ? -1 : 1;
      });
    }
    for (let k = 0; k < left; k++) {
      const i = order[k] as number;
      shares[i] = (shares[i] as bigint) + 1n;
    }
  }
  return shares;
}

/**
 * The same scaled integers as plain numbers, for the common case where every value involved is
 * below 2^53: integers in that range are exact in a number, so the allocation is the same (the
 * tests compare both paths), several times faster than with bigints. Callers fall back to bigints
 * when this returns null.
 */
export function scaledNumber(text: string): { units: number; places: number } | null {
  const dot = text.indexOf('.');
  const digits = dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1);
  // 15 digits stay below 10^15 < 2^53.
  if (digits.length > 15) return null;
  return { units: Number(digits), places: dot < 0 ? 0 : text.length - dot - 1 };
}

/** `value × 10^k` when that is still exact, else null. */
export function rescaleNumber(value: number, k: number): number | null {
  const result = value * 10 ** k;
  return k >= 0 && k <= 15 && Number.isSafeInteger(result) ? result : null;
}

/** `allocateScaled` on numbers; null when a product `total × weight` could leave the exact range. */
export function allocateSmall(total: number, weights: readonly number[]): number[] | null {
  if (weights.length === 0) return [];
  let keys = weights;
  let sum = 0;
  let max = 0;
  for (const w of weights) {
    sum += w;
    if (w > max) max = w;
  }
  if (sum === 0) {
    keys = weights.map(() => 1);
    sum = weights.length;
    max = 1;
  }
  if (!Number.isSafeInteger(sum) || total > Math.floor(Number.MAX_SAFE_INTEGER / max)) return null;
  const shares: number[] = [];
  const remainders: number[] = [];
  let given = 0;
  for (const w of keys) {
    const numerator = total * w;
    const remainder = numerator % sum;
    const share = (numerator - remainder) / sum;
    shares.push(share);
    remainders.push(remainder);
    given += share;
  }
  let left = total - given;
  if (left > 0) {
    // The same choice as sorting by remainder (ties to the earlier item), without a comparator: the
    // `left`-th largest remainder is the threshold; all above it get a unit, then those equal to it
    // in item order until none is left.
    const sorted = Float64Array.from(remainders).sort();
    const threshold = sorted[sorted.length - left] as number;
    for (let i = 0; i < shares.length; i++) {
      if ((remainders[i] as number) > threshold) {
        shares[i] = (shares[i] as number) + 1;
        left--;
      }
    }
    for (let i = 0; i < shares.length && left > 0; i++) {
      if (remainders[i] === threshold) {
        shares[i] = (shares[i] as number) + 1;
        left--;
      }
    }
  }
  return shares;
}

/** Allocation step: hundredths, or finer when the total is written with more decimals. */
export function allocationPlaces(total: Scaled): number {
  return Math.max(2, total.places);
}

/** The same allocation on decimals, for callers outside the hot path (and the tests). */
export function allocateByValue(total: Decimal, weights: readonly Decimal[]): Decimal[] {
  const t = scaledOf(total.toFixed());
  const places = allocationPlaces(t);
  const scaled = weights.map((w) => scaledOf(w.toFixed()));
  const weightPlaces = Math.max(0, ...scaled.map((s) => s.places));
  const shares = allocateScaled(
    rescale(t, places),
    scaled.map((s) => rescale(s, weightPlaces)),
  );
  return shares.map((s) => new Decimal(formatScaled(s, places)));
}
