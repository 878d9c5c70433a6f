import { describe, expect, it } from 'vitest';
import { assessTraveller, type TravellerGoodsInput } from '../../../src/modules/assessment/engine/index.js';
import { amounts, ok, problemsOf, seedBook, traveller } from './fixtures.js';

const book = seedBook();

function good(id: string, amount: string, extra: Partial<TravellerGoodsInput> = {}): TravellerGoodsInput {
  return { id, description: id, amount, currency: 'NOK', ...extra };
}

describe('traveller value allowance', () => {
  it('covers the set of goods that saves the most duty; an item over the allowance is taxed whole', () => {
    // Allowance 6000 (over 24 h). Coat EUR 400 = 4640.00 (VAT 1160.00), phone 7000.00 (over the
    // allowance: VAT on all of it, 1750.00), shoes 1500.00 (VAT 375.00), bag 900.00 (VAT 225.00).
    // Coat + shoes = 6140 does not fit; coat + bag = 5540 saves 1385, the most possible.
    // Payable: phone 1750.00 + shoes 375.00 = 2125.00.
    const a = ok(
      assessTraveller(
        book,
        traveller({
          goods: [
            good('coat', '400', { currency: 'EUR' }),
            good('phone', '7000'),
            good('shoes', '1500'),
            good('bag', '900'),
          ],
        }),
      ),
    );
    expect(a.allowance).toMatchObject({ usedNok: '5540.00', coveredGoodsIds: ['coat', 'bag'], rate: { id: 'AL-24' } });
    expect(a.totals.payable).toBe('2125.00');
    const phone = a.items.find((i) => i.id === 'phone');
    expect(phone && amounts(phone)).toEqual({ CUSTOMS_VALUE: '7000.00', VAT: '1750.00' });
    const coat = a.items.find((i) => i.id === 'coat');
    expect(coat && amounts(coat)).toEqual({ CUSTOMS_VALUE: '4640.00', VALUE_ALLOWANCE: '4640.00' });
  });

  it('finds the optimum where taking the largest item first would not', () => {
    // 4000, 3000, 3000 against 6000: the two 3000s save 1500; the 4000 alone saves 1000.
    // Payable: VAT on the 4000 = 1000.00.
    const a = ok(
      assessTraveller(book, traveller({ goods: [good('a', '4000'), good('b', '3000'), good('c', '3000')] })),
    );
    expect(a.allowance.coveredGoodsIds).toEqual(['b', 'c']);
    expect(a.totals.payable).toBe('1000.00');
  });

  it('gives NOK 3,000 after less than 24 hours', () => {
    // 3500 is over the allowance: VAT 875.00; 2000 is covered.
    const a = ok(
      assessTraveller(book, traveller({ awayOver24Hours: false, goods: [good('a', '3500'), good('b', '2000')] })),
    );
    expect(a.allowance).toMatchObject({ coveredGoodsIds: ['b'], rate: { id: 'AL-U24', value: '3000' } });
    expect(a.totals.payable).toBe('875.00');
  });

  it('taxes a single item over the allowance on its whole value', () => {
    // 6500: VAT 25 % of 6500 = 1625.00, not of the 500 above the allowance.
    const a = ok(assessTraveller(book, traveller({ goods: [good('tv', '6500')] })));
    expect(a.totals.payable).toBe('1625.00');
    expect(a.allowance.coveredGoodsIds).toEqual([]);
  });

  it('weighs duty, not value: covers the dutiable cheese rather than a dearer jacket', () => {
    // Under 24 h (3000). Cheese 2000 with code 04069099: duty 277 % = 5540.00, levy 4.00,
    // VAT 15 % × 7544.00 = 1131.60 (6675.60 in all). Jacket 2500 without code: VAT 625.00.
    // Both do not fit (4500): covering the cheese saves more. Payable 625.00.
    const a = ok(
      assessTraveller(
        book,
        traveller({
          awayOver24Hours: false,
          goods: [good('jacket', '2500'), good('cheese', '2000', { commodityCode: '04069099', netMassKg: '1' })],
        }),
      ),
    );
    expect(a.allowance.coveredGoodsIds).toEqual(['cheese']);
    expect(a.totals.payable).toBe('625.00');
  });

  it('reports goods problems with their paths', () => {
    const problems = problemsOf(
      assessTraveller(book, traveller({ goods: [good('x', 'ten'), good('x', '5', { currency: 'XYZ' })] })),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['DUPLICATE_ITEM', ['goods', 1, 'id']],
      ['INVALID_INPUT', ['goods', 0, 'amount']],
      ['EXCHANGE_RATE_MISSING', ['goods', 1, 'currency']],
    ]);
  });
});
