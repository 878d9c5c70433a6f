import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatScaled } from '../../../src/modules/assessment/engine/allocation.js';
import { money, rounded, roundedExact, roundedFixed } from '../../../src/modules/assessment/engine/explain.js';
import { fixedOf, roundFixedToOre, times } from '../../../src/modules/assessment/engine/fixed-point.js';
import { Decimal, roundToOre } from '../../../src/shared/decimal.js';

/**
 * The engine computes customs values and percentages in integers where they fit (fixed-point.ts)
 * and in decimals where they do not. Both must give the same amount, the same whole øre and the
 * same sentence, whatever the digits: the rounding rule is `roundToOre`'s, done twice.
 */
const fixedValue = fc.record({
  units: fc.oneof(
    fc.integer({ min: 0, max: 1_000_000 }),
    fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    // Halves and near-halves of an øre at every scale.
    fc
      .tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom(5, 49, 50, 51, 495, 500, 505))
      .map(([whole, tail]) => whole * 1000 + tail),
  ),
  // Products of an invoice amount and an exchange rate reach some 28 places.
  places: fc.integer({ min: 0, max: 30 }),
});

const decimalOf = (value: { units: number; places: number }) => new Decimal(formatScaled(value.units, value.places));

describe('integer arithmetic of the engine', () => {
  it('rounds half up to øre exactly as roundToOre does', () => {
    fc.assert(
      fc.property(fixedValue, (value) => {
        expect(roundFixedToOre(value)).toBe(Number(roundToOre(decimalOf(value)).times(100).toFixed()));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same rounded amount, øre and sentence as decimals', () => {
    fc.assert(
      fc.property(fixedValue, (value) => {
        const viaDecimal = rounded(decimalOf(value));
        const viaIntegers = roundedFixed(value);
        if (viaIntegers === null) return; // beyond the exact range: the caller uses decimals
        expect({ fixed: viaIntegers.fixed, ore: viaIntegers.ore, text: viaIntegers.text }).toEqual({
          fixed: viaDecimal.fixed,
          ore: viaDecimal.ore,
          text: viaDecimal.text,
        });
        expect(viaIntegers.amount.eq(viaDecimal.amount)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('multiplies exactly, or declines when the product would not be exact', () => {
    fc.assert(
      fc.property(fixedValue, fixedValue, (a, b) => {
        const product = times(a, b);
        const exact = decimalOf(a).times(decimalOf(b));
        if (product === null) {
          expect(exact.times(new Decimal(10).pow(a.places + b.places)).gt(Number.MAX_SAFE_INTEGER)).toBe(true);
        } else {
          expect(decimalOf(product).eq(exact)).toBe(true);
          expect(roundedExact(product).fixed).toBe(rounded(exact).fixed);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('takes only what it can hold exactly', () => {
    expect(fixedOf(new Decimal('10.5'))).toEqual({ units: 105, places: 1 });
    expect(fixedOf(new Decimal('1').div(3))).toBeNull();
    expect(fixedOf(new Decimal('-1'))).toBeNull();
    expect(money(new Decimal('12.30')).ore).toBe(1230);
  });
});
