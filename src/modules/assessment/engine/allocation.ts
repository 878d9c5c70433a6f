import { type Exact, powerOfTen } from '../../../shared/money.js';

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
 */

/** The value as a count of 10^-scale (`scale` at least the value's own). */
function unitsAt(value: Exact, scale: number): bigint {
  return value.units * powerOfTen(scale - value.scale);
}

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
    const order = remainders.map((_, i) => i);
    order.sort((a, b) => {
      const ra = remainders[a] as bigint;
      const rb = remainders[b] as bigint;
      return ra === rb ? a - b : ra > rb ? -1 : 1;
    });
    for (let k = 0; k < left; k++) {
      const i = order[k] as number;
      shares[i] = (shares[i] as bigint) + 1n;
    }
  }
  return shares;
}

/**
 * The shares of `total` (freight plus insurance) for items of the given values, in hundredths of the
 * currency or in the finer step `total` is written in.
 */
export function allocateByValue(total: Exact, weights: readonly Exact[]): Exact[] {
  const scale = Math.max(2, total.scale);
  const weightScale = Math.max(0, ...weights.map((w) => w.scale));
  const shares = allocateScaled(
    unitsAt(total, scale),
    weights.map((w) => unitsAt(w, weightScale)),
  );
  return shares.map((units) => ({ units, scale }));
}
