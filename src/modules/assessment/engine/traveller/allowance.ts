/**
 * Which goods the traveller's value allowance covers: a 0/1 knapsack. Each item has a weight (its
 * value in øre) and a profit (the duty and VAT it would cost, in øre, which covering it saves); the
 * allowance is the capacity. An item worth more than the allowance can never be covered: the
 * whole-item rule falls out of the capacity constraint. Both methods below are exact.
 *
 * 1. Pareto front (small baskets): states (value used, duty saved), sorted by value used with
 *    strictly increasing duty saved; each item merges the front with a shifted copy and drops
 *    dominated states. Fast while the front is small, which it is for a few items.
 * 2. Table (when the front grows past FRONT_LIMIT): the classic dynamic programme over capacities
 *    0..C, C = allowance / g where g is the greatest common divisor of the allowance and all values
 *    (whole-krone prices give g ≥ 100). Work and memory are n × (C + 1): at most
 *    100 × 600,001 steps (about 0.1 s) and 7.5 MB of choice bits for the NOK 6,000 allowance,
 *    whatever the values. This is the documented bound; `MAX_ALLOWANCE_ITEMS` caps n.
 *    Duty saved is held as whole øre in a Float64Array: integers below 2^53 are exact, and the sum
 *    of all profits is checked to be below that before the table is used.
 *
 * Ties: among subsets saving the same duty, the one using the least allowance wins; remaining ties
 * go deterministically to the subset found first (earlier items are preferred).
 */

export const MAX_ALLOWANCE_ITEMS = 100;
const FRONT_LIMIT = 20_000;

export interface KnapsackItem {
  /** Value in øre. */
  weight: bigint;
  /** Duty and VAT saved by covering the item, in øre. */
  profit: bigint;
}

/** Indexes of the items to cover. `frontLimit` is for tests, to force the table. */
export function bestCover(items: readonly KnapsackItem[], capacity: bigint, frontLimit = FRONT_LIMIT): number[] {
  const usable = items
    .map((_, i) => i)
    .filter((i) => {
      const item = items[i] as KnapsackItem;
      return item.profit > 0n && item.weight <= capacity;
    });
  return byFront(items, usable, capacity, frontLimit) ?? byTable(items, usable, capacity);
}

interface Chosen {
  index: number;
  previous: Chosen | null;
}

interface State {
  weight: bigint;
  profit: bigint;
  chosen: Chosen | null;
}

function byFront(
  items: readonly KnapsackItem[],
  usable: readonly number[],
  capacity: bigint,
  limit: number,
): number[] | null {
  let front: State[] = [{ weight: 0n, profit: 0n, chosen: null }];
  for (const index of usable) {
    const item = items[index] as KnapsackItem;
    const shifted: State[] = [];
    for (const s of front) {
      const weight = s.weight + item.weight;
      if (weight > capacity) break;
      shifted.push({ weight, profit: s.profit + item.profit, chosen: { index, previous: s.chosen } });
    }
    front = mergeFronts(front, shifted);
    if (front.length > limit) return null;
  }
  const best = front[front.length - 1] as State;
  const indexes: number[] = [];
  for (let c = best.chosen; c !== null; c = c.previous) indexes.push(c.index);
  return indexes.reverse();
}

/** Merges two fronts sorted by weight, keeping only states that save strictly more than any lighter one. */
function mergeFronts(a: readonly State[], b: readonly State[]): State[] {
  const out: State[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    // On equal weight take the state without the new item first, so that ties keep earlier choices.
    let next: State;
    if (y === undefined || (x !== undefined && x.weight <= y.weight)) {
      next = x as State;
      i++;
    } else {
      next = y;
      j++;
    }
    const last = out[out.length - 1];
    if (last === undefined || next.profit > last.profit) {
      if (last !== undefined && last.weight === next.weight) out[out.length - 1] = next;
      else out.push(next);
    }
  }
  return out;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function byTable(items: readonly KnapsackItem[], usable: readonly number[], capacity: bigint): number[] {
  let g = capacity;
  for (const i of usable) g = gcd(g, (items[i] as KnapsackItem).weight);
  const total = usable.reduce((sum, i) => sum + (items[i] as KnapsackItem).profit, 0n);
  if (g === 0n || total > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('allowance optimisation out of range');

  const size = Number(capacity / g);
  const weights = usable.map((i) => Number((items[i] as KnapsackItem).weight / g));
  const profits = usable.map((i) => Number((items[i] as KnapsackItem).profit));
  const best = new Float64Array(size + 1);
  const taken = usable.map(() => new Uint32Array((size >> 5) + 1));
  weights.forEach((w, k) => {
    const p = profits[k] as number;
    const bits = taken[k] as Uint32Array;
    for (let c = size; c >= w; c--) {
      const candidate = (best[c - w] as number) + p;
      if (candidate > (best[c] as number)) {
        best[c] = candidate;
        bits[c >> 5] = (bits[c >> 5] as number) | (1 << (c & 31));
      }
    }
  });
  // The least capacity that reaches the best saving is the weight of a best subset.
  let c = 0;
  while ((best[c] as number) < (best[size] as number)) c++;
  const chosen: number[] = [];
  for (let k = usable.length - 1; k >= 0; k--) {
    if (((taken[k] as Uint32Array)[c >> 5] as number) & (1 << (c & 31))) {
      chosen.push(usable[k] as number);
      c -= weights[k] as number;
    }
  }
  return chosen.reverse();
}
