import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateScaled } from '../../../src/modules/assessment/engine/allocation.js';
import { allocateByValue } from '../../../src/modules/assessment/engine/index.js';
import { bestCover, type KnapsackItem } from '../../../src/modules/assessment/engine/traveller/value-allowance.js';
import { Decimal } from '../../../src/shared/decimal.js';
import { type Exact, exactOf, formatExact } from '../../../src/shared/money.js';

const x = (v: string) => exactOf(v);
const texts = (values: Exact[]) => values.map((v) => new Decimal(formatExact(v)).toFixed(2));

describe('allocation of freight and insurance', () => {
  it('splits by value and gives left-over hundredths to the largest remainders', () => {
    // 100.00 over three equal values: 33.333... each; 3333 + 3333 + 3333 = 9999 cents, one left,
    // all remainders equal: the earliest item gets it.
    expect(texts(allocateByValue(x('100'), [x('1'), x('1'), x('1')]))).toEqual(['33.34', '33.33', '33.33']);
    // 10.00 over 1 : 2: 333.33 and 666.66 cents; remainders 1/3 and 2/3: the second gets the cent.
    expect(texts(allocateByValue(x('10'), [x('1'), x('2')]))).toEqual(['3.33', '6.67']);
  });

  it('splits equally when every value is zero, and allocates nothing when there is nothing', () => {
    expect(texts(allocateByValue(x('1'), [x('0'), x('0')]))).toEqual(['0.50', '0.50']);
    expect(texts(allocateByValue(x('0'), [x('5'), x('7')]))).toEqual(['0.00', '0.00']);
  });

  it('allocates in finer steps when the total has more decimals', () => {
    expect(allocateByValue(x('0.001'), [x('1'), x('1')]).map(formatExact)).toEqual(['0.001', '0']);
  });

  it('gives ties to the earlier items', () => {
    expect(allocateScaled(5n, [1n, 1n, 1n, 1n, 1n, 1n, 1n])).toEqual([1n, 1n, 1n, 1n, 1n, 0n, 0n]);
  });

  it('always sums to the total and stays within one step of the exact share', () => {
    const cents = fc.integer({ min: 0, max: 10_000_000 });
    fc.assert(
      fc.property(cents, fc.array(cents, { minLength: 1, maxLength: 40 }), (total, weights) => {
        const t = new Decimal(total).div(100);
        const w = weights.map((c) => new Decimal(c).div(100));
        const shares = allocateByValue(
          x(t.toFixed()),
          w.map((v) => x(v.toFixed())),
        ).map((share) => new Decimal(formatExact(share)));
        const sum = shares.reduce((a, b) => a.plus(b), new Decimal(0));
        expect(sum.eq(t)).toBe(true);
        const weightSum = w.reduce((a, b) => a.plus(b), new Decimal(0));
        shares.forEach((share, i) => {
          const exact = weightSum.isZero() ? t.div(w.length) : t.times(w[i] as Decimal).div(weightSum);
          expect(share.minus(exact).abs().lt('0.01')).toBe(true);
        });
      }),
    );
  });
});

describe('value-allowance optimisation', () => {
  /** Exhaustive search: the most duty saved by any subset within the capacity. */
  function bruteForce(items: readonly KnapsackItem[], capacity: bigint): bigint {
    let best = 0n;
    for (let mask = 0; mask < 1 << items.length; mask++) {
      let weight = 0n;
      let profit = 0n;
      items.forEach((item, i) => {
        if (mask & (1 << i)) {
          weight += item.weight;
          profit += item.profit;
        }
      });
      if (weight <= capacity && profit > best) best = profit;
    }
    return best;
  }

  const item = fc.record({
    weight: fc.bigInt({ min: 1n, max: 800_000n }),
    profit: fc.bigInt({ min: 0n, max: 500_000n }),
  });

  it.each([
    ['the Pareto front', undefined],
    ['the capacity table', 0],
  ])('finds the same optimum as exhaustive search, by %s', (_, frontLimit) => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), fc.bigInt({ min: 0n, max: 600_000n }), (items, capacity) => {
        const chosen = bestCover(items, capacity, frontLimit);
        const weight = chosen.reduce((a, i) => a + (items[i] as KnapsackItem).weight, 0n);
        const profit = chosen.reduce((a, i) => a + (items[i] as KnapsackItem).profit, 0n);
        expect(new Set(chosen).size).toBe(chosen.length);
        expect(weight <= capacity).toBe(true);
        expect(profit).toBe(bruteForce(items, capacity));
      }),
      { numRuns: 300 },
    );
  });

  it('stays fast at its documented bound of 100 items, in the hardest case', () => {
    // Duty proportional to value (VAT only) makes every subset sum a Pareto state: the table is used.
    const items = Array.from({ length: 100 }, (_, i) => {
      const weight = 1001 + ((i * 7919) % 150_000);
      return { weight: BigInt(weight), profit: BigInt(weight >> 2) };
    });
    const started = performance.now();
    const chosen = bestCover(items, 600_000n);
    const used = chosen.reduce((sum, i) => sum + (items[i] as KnapsackItem).weight, 0n);
    expect(used <= 600_000n && used > 599_000n).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
