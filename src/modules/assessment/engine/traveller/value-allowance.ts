import { exactOf as exactOfText, type Money, parseMoney, roundToOre } from '../../../../shared/money.js';
import { type CustomsBase, customsValue } from '../customs-value.js';
import { info, nok, type Rounded, whole } from '../explain.js';
import { assessGoodsItem } from '../goods-item.js';
import type { TravellerGoodsInput } from '../inputs.js';
import { type Conversions, commodityOn, type RuleContext } from '../lookup.js';
import { commodityCodeAt, currencyAt, decimalTextAt, optionalAmountAt, type ParsedGoodsItem } from '../parse.js';
import { problem } from '../problems.js';
import type { PreparedAmount } from '../rate-book/prepared-book.js';
import type { AssessmentLine, TravellerItemAssessment } from '../results.js';
import { chargesOf } from '../totals.js';
import { vatLine } from '../vat.js';

/**
 * The traveller's value allowance (6,000 / 3,000 NOK) over goods other than alcohol and tobacco:
 * each item's value in NOK (rounded to øre, at the rate in force on the date of entry) counts
 * against the allowance, and the allowance covers the subset that saves the most duty. Items not
 * covered are taxed on their whole value.
 *
 * Interpretation: a traveller's item with a commodity code pays the ordinary (TALL) duty and the VAT
 * of its class, as an ordinary import would (no preference: travellers' proof of origin is outside
 * the engine); an item without a code is treated as duty-free goods at the general VAT rate, which is
 * true of most goods travellers buy.
 */
export interface GoodsOutcome {
  items: TravellerItemAssessment[];
  usedNok: Money;
  coveredIds: string[];
}

export function assessTravellerGoods(
  ctx: RuleContext,
  conversions: Conversions,
  allowance: PreparedAmount,
  inputs: readonly TravellerGoodsInput[],
): GoodsOutcome | null {
  if (inputs.length > MAX_ALLOWANCE_ITEMS) {
    ctx.problems.push(
      problem('TOO_MANY_ITEMS', ['goods'], `At most ${MAX_ALLOWANCE_ITEMS} goods items per traveller.`),
    );
    return null;
  }
  const before = ctx.problems.length;
  const taxed: { id: string; value: Rounded; cvLine: AssessmentLine; lines: readonly AssessmentLine[] }[] = [];
  inputs.forEach((input, index) => {
    const path = ['goods', index];
    const amount = decimalTextAt(input.amount, path, 'amount', ctx.problems, true);
    const currency = currencyAt(input.currency, path, 'currency', ctx.problems);
    const code = input.commodityCode ?? null;
    const validCode = code === null ? null : commodityCodeAt(code, path, 'commodityCode', ctx.problems);
    const netMassKg = optionalAmountAt(input.netMassKg, path, 'netMassKg', ctx.problems);
    const supplementary = optionalAmountAt(input.supplementaryQuantity, path, 'supplementaryQuantity', ctx.problems);
    if (amount === null || currency === null || (code !== null && validCode === null)) return;
    const conversion = conversions.of(currency, [...path, 'currency']);
    const base: CustomsBase = { invoiceText: amount, value: exactOfText(amount), share: null };

    if (validCode === null) {
      const cv = customsValue(base, conversion);
      const vat = vatLine(ctx, {
        vatClass: 'general',
        parts: [{ label: 'value', value: cv.value }],
        payable: true,
        path,
      });
      if (vat) taxed.push({ id: input.id, value: cv.value, cvLine: cv.line, lines: [cv.line, vat.line] });
      return;
    }
    const commodity = commodityOn(ctx, validCode, path);
    if (commodity === undefined) return;
    // Origin is irrelevant without a preference claim; 'ZZ' is the ISO code for "unknown".
    const item: ParsedGoodsItem = {
      path,
      itemNumber: index + 1,
      commodityCode: validCode,
      originCountry: 'ZZ',
      preferenceClaimed: null,
      netMassKg,
      supplementaryQuantity: supplementary,
      alcoholStrength: null,
      invoiceAmount: base.value,
      invoiceText: amount,
      vehicle: null,
      packaging: null,
    };
    const assessed = assessGoodsItem({ ...ctx, conversion, vatPayable: true }, item, base, commodity);
    const cvLine = assessed?.lines[0];
    if (assessed && cvLine) {
      taxed.push({ id: input.id, value: whole(parseMoney(cvLine.amount)), cvLine, lines: assessed.lines });
    }
  });
  if (ctx.problems.length > before) return null;

  const capacity = roundToOre(allowance.amount);
  const covered = new Set(
    bestCover(
      taxed.map((t) => ({ weight: t.value.ore, profit: chargesOf(t.lines) })),
      capacity,
    ),
  );
  let usedNok = 0n;
  for (const i of covered) usedNok += (taxed[i] as (typeof taxed)[number]).value.ore;
  const used = whole(usedNok);

  const items = taxed.map((t, i): TravellerItemAssessment => {
    if (!covered.has(i)) return { id: t.id, section: 'GOODS', lines: t.lines };
    const relief = info({
      kind: 'VALUE_ALLOWANCE',
      amount: t.value,
      rule: 'TRAVELLER_VALUE_ALLOWANCE',
      explanation: `Covered by the value allowance of NOK ${allowance.ref.value} (${allowance.citation}); the covered goods use ${nok(used)} of it, chosen to save the most duty: no duty or VAT.`,
      rates: allowance.refs,
      baseAmount: t.value.fixed,
    });
    return { id: t.id, section: 'GOODS', lines: [t.cvLine, relief] };
  });
  return {
    items,
    usedNok,
    coveredIds: [...covered].sort((a, b) => a - b).map((i) => (taxed[i] as (typeof taxed)[number]).id),
  };
}

/**
 * Which goods the allowance covers: a 0/1 knapsack. Each item has a weight (its
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
