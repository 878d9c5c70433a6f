import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/shared/decimal.js';
import {
  compare,
  type Exact,
  exactOf,
  formatExact,
  formatMoney,
  minus,
  parseExact,
  parseMoney,
  plus,
  roundQuotientToOre,
  roundToOre,
  times,
} from '../../src/shared/money.js';

/** decimal.js, at 60 significant digits and half-up rounding, is the oracle for the integer arithmetic. */
const decimal = (value: Exact) => new Decimal(formatExact(value));
const oreOf = (d: InstanceType<typeof Decimal>) =>
  BigInt(d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).times(100).toFixed());

const exact = fc
  .tuple(
    fc.oneof(
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
      // Halves and near-halves of an øre at every scale.
      fc
        .tuple(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.constantFrom(5n, 49n, 50n, 51n, 495n, 500n, 505n))
        .map(([whole, tail]) => whole * 1000n + tail),
    ),
    fc.integer({ min: 0, max: 30 }),
  )
  .map(([units, scale]): Exact => ({ units, scale }));

describe('money on integers', () => {
  it('rounds half up to øre, away from zero on ties', () => {
    expect(formatMoney(roundToOre(exactOf('1.005')))).toBe('1.01');
    expect(formatMoney(roundToOre(exactOf('1.004999')))).toBe('1.00');
    expect(formatMoney(roundToOre(exactOf('-1.005')))).toBe('-1.01');
    expect(formatMoney(roundToOre(exactOf('2.5')))).toBe('2.50');
    expect(formatMoney(roundToOre(exactOf('-0.004')))).toBe('0.00');
  });

  it('rounds exactly as decimal.js rounds half up, whatever the digits', () => {
    fc.assert(
      fc.property(exact, (value) => {
        expect(roundToOre(value)).toBe(oreOf(decimal(value)));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes canonical text, as decimal.js does, and reads it back', () => {
    fc.assert(
      fc.property(exact, (value) => {
        const text = formatExact(value);
        expect(text).toBe(decimal(value).toFixed());
        expect(compare(parseExact(text) as Exact, value)).toBe(0);
        expect(parseMoney(formatMoney(roundToOre(value)))).toBe(roundToOre(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('adds, subtracts, multiplies and compares exactly', () => {
    fc.assert(
      fc.property(exact, exact, (a, b) => {
        expect(formatExact(plus(a, b))).toBe(decimal(a).plus(decimal(b)).toFixed());
        expect(formatExact(minus(a, b))).toBe(decimal(a).minus(decimal(b)).toFixed());
        expect(formatExact(times(a, b))).toBe(decimal(a).times(decimal(b)).toFixed());
        expect(compare(a, b)).toBe(decimal(a).comparedTo(decimal(b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds a quotient half up to øre', () => {
    expect(formatMoney(roundQuotientToOre(exactOf('1'), exactOf('3')))).toBe('0.33');
    expect(formatMoney(roundQuotientToOre(exactOf('2'), exactOf('3')))).toBe('0.67');
    expect(formatMoney(roundQuotientToOre(exactOf('0.01'), exactOf('2')))).toBe('0.01');
    const positive = exact.filter((v) => v.units > 0n);
    fc.assert(
      fc.property(exact, positive, (n, d) => {
        // Exact to 60 digits, decimal.js agrees unless its own rounding of the quotient decides the øre.
        const q = decimal(n).div(decimal(d));
        const expected = oreOf(q);
        expect(roundQuotientToOre(n, d) - expected <= 1n && expected - roundQuotientToOre(n, d) <= 1n).toBe(true);
        if (q.sd() < 55) expect(roundQuotientToOre(n, d)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses any text but plain decimal notation', () => {
    for (const bad of ['1e3', '1,5', '1 000', '.5', '01', 'abc', '', '+1']) expect(parseExact(bad)).toBeNull();
    expect(parseExact(12)).toBeNull();
  });
});
