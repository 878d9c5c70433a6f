import { describe, expect, it } from 'vitest';
import { assessDeclaration, type GoodsItemInput } from '../../../src/modules/assessment/engine/index.js';
import { amounts, declaration, goodsItem, lineOf, ok, problemsOf, seedBook } from './fixtures.js';

const book = seedBook();

function car(overrides: Partial<GoodsItemInput> = {}): GoodsItemInput {
  return goodsItem({
    commodityCode: '87038000',
    supplementaryQuantity: '1',
    invoiceAmount: '600000',
    vehicle: { firstRegisteredOn: null, kerbWeightKg: '2100' },
    ...overrides,
  });
}

function assess(item: GoodsItemInput, receivedOn = '2025-03-01') {
  const a = ok(assessDeclaration(book, declaration({ receivedOn, items: [item] })));
  const first = a.items[0];
  if (!first) throw new Error('no item');
  return first;
}

describe('registration tax on motor vehicles', () => {
  it('charges the weight component above the free weight', () => {
    // 2025: (2100 − 500) kg × 12.44 = 19904.00. 2026: 1600 × 12.71 = 20336.00.
    expect(amounts(assess(car())).REGISTRATION_TAX).toBe('19904.00');
    expect(amounts(assess(car(), '2026-03-01')).REGISTRATION_TAX).toBe('20336.00');
  });

  it('deducts the used-import age deduction when more than 36 months old', () => {
    // First registered 2021-01-01, assessed 2025-03-01: more than 36 months: 19904.00 × 67 % = 13335.68.
    const used = assess(car({ vehicle: { firstRegisteredOn: '2021-01-01', kerbWeightKg: '2100' } }));
    expect(lineOf(used, 'REGISTRATION_TAX')).toMatchObject({
      amount: '13335.68',
      basis: { rates: [{ id: 'VW-2025' }, { id: 'VA-36' }], quantity: { value: '2100', unit: 'kg' } },
    });
  });

  it('counts "more than 36 months" from the day: exactly 36 months is not more', () => {
    // 2022-03-01 + 36 months = 2025-03-01, not before 2025-03-01: no deduction.
    // 2022-02-28 + 36 months = 2025-02-28, before it: deduction.
    expect(
      amounts(assess(car({ vehicle: { firstRegisteredOn: '2022-03-01', kerbWeightKg: '2100' } }))).REGISTRATION_TAX,
    ).toBe('19904.00');
    expect(
      amounts(assess(car({ vehicle: { firstRegisteredOn: '2022-02-28', kerbWeightKg: '2100' } }))).REGISTRATION_TAX,
    ).toBe('13335.68');
  });

  it('charges VAT on an electric car only above the threshold, and not on the registration tax', () => {
    // CV 600000, duty 0: VAT base 600000.00 (registration tax excluded); taxable 100000.00 → VAT 25000.00.
    const ev = assess(car());
    expect(lineOf(ev, 'VAT')).toMatchObject({
      amount: '25000.00',
      basis: { rule: 'VAT_ELECTRIC_CAR', baseAmount: '100000.00' },
    });
    // Below the threshold: no VAT.
    expect(amounts(assess(car({ invoiceAmount: '400000' }))).VAT).toBe('0.00');
  });

  it('charges VAT on the whole value of a combustion car', () => {
    // 87032300, NOK 300000: VAT 75000.00.
    expect(amounts(assess(car({ commodityCode: '87032300', invoiceAmount: '300000' }))).VAT).toBe('75000.00');
  });

  it('asks for the vehicle data', () => {
    const problems = problemsOf(assessDeclaration(book, declaration({ items: [car({ vehicle: null })] })));
    expect(problems).toEqual([
      expect.objectContaining({ code: 'VEHICLE_DATA_REQUIRED', path: ['items', 0, 'vehicle'] }),
    ]);
  });
});
