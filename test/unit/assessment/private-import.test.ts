import { describe, expect, it } from 'vitest';
import {
  assessPrivateImport,
  type GoodsItemInput,
  type PrivateImportInput,
} from '../../../src/modules/assessment/engine/index.js';
import { amounts, goodsItem, lineOf, ok, problemsOf, seedBook } from './fixtures.js';

const book = seedBook();

function purchase(items: GoodsItemInput[], overrides: Partial<PrivateImportInput> = {}): PrivateImportInput {
  return {
    kind: 'PRIVATE_IMPORT',
    invoiceCurrency: 'EUR',
    freight: '0',
    insurance: '0',
    receivedOn: '2025-03-01',
    voecNumber: 'VOEC-2020-0001',
    items,
    ...overrides,
  };
}

describe('private imports (online purchases)', () => {
  it('lets a VOEC item under NOK 3,000 pass without duty or VAT', () => {
    // EUR 200 × 11.60 = 2320.00 < 3000: covered by VOEC.
    const a = ok(assessPrivateImport(book, purchase([goodsItem({ invoiceAmount: '200' })])));
    const item = a.items[0];
    expect(item && amounts(item)).toEqual({ CUSTOMS_VALUE: '2320.00', VOEC_RELIEF: '2320.00' });
    expect(item && lineOf(item, 'VOEC_RELIEF')).toMatchObject({ charge: false, basis: { rule: 'VOEC_COVERED' } });
    expect(a.totals).toMatchObject({ payable: '0.00', total: '0.00', byKind: [] });
  });

  it('taxes a VOEC item of NOK 3,000 or more from the first krone', () => {
    // EUR 300 × 11.60 = 3480.00: duty 10.7 % = 372.36; VAT 25 % × 3852.36 = 963.09; payable 1335.45.
    const a = ok(assessPrivateImport(book, purchase([goodsItem({ invoiceAmount: '300' })])));
    expect(a.items[0] && amounts(a.items[0])).toEqual({
      CUSTOMS_VALUE: '3480.00',
      CUSTOMS_DUTY: '372.36',
      VAT: '963.09',
    });
    expect(a.totals.payable).toBe('1335.45');
  });

  it('treats the limit as "under": exactly NOK 3,000 is taxed', () => {
    // NOK 3000.00: duty 10.7 % = 321.00; VAT 25 % × 3321.00 = 830.25; payable 1151.25, no relief.
    const a = ok(
      assessPrivateImport(book, purchase([goodsItem({ invoiceAmount: '3000' })], { invoiceCurrency: 'NOK' })),
    );
    expect(a.items[0] && amounts(a.items[0])).toEqual({
      CUSTOMS_VALUE: '3000.00',
      CUSTOMS_DUTY: '321.00',
      VAT: '830.25',
    });
    expect(a.totals.payable).toBe('1151.25');
  });

  it('does not cover food, restricted goods or goods with excise', () => {
    // Cheese (food), smartphone (restricted by NKOM), beer (excise), all under NOK 3,000: all taxed.
    const a = ok(
      assessPrivateImport(
        book,
        purchase([
          goodsItem({ itemNumber: 1, commodityCode: '04069099', invoiceAmount: '20' }),
          goodsItem({ itemNumber: 2, commodityCode: '85171300', invoiceAmount: '100' }),
          goodsItem({
            itemNumber: 3,
            commodityCode: '22030000',
            invoiceAmount: '10',
            supplementaryQuantity: '1',
            alcoholStrength: '4.5',
          }),
        ]),
      ),
    );
    for (const item of a.items) expect(item.lines.some((l) => l.kind === 'VAT' && l.payable)).toBe(true);
    expect(a.items.some((i) => i.lines.some((l) => l.kind === 'VOEC_RELIEF'))).toBe(false);
  });

  it('taxes everything from the first krone without a VOEC number, VAT always payable', () => {
    // EUR 10 × 11.60 = 116.00; duty 10.7 % = 12.412 → 12.41; VAT 25 % × 128.41 = 32.1025 → 32.10.
    const a = ok(assessPrivateImport(book, purchase([goodsItem({ invoiceAmount: '10' })], { voecNumber: null })));
    expect(a.items[0] && amounts(a.items[0])).toEqual({ CUSTOMS_VALUE: '116.00', CUSTOMS_DUTY: '12.41', VAT: '32.10' });
    expect(a.items[0] && lineOf(a.items[0], 'VAT').payable).toBe(true);
    expect(a.totals).toMatchObject({ payable: '44.51', vatToReport: '0.00' });
  });

  it('tests the VOEC limit on the item value without freight', () => {
    // EUR 250 = 2900.00 NOK; freight EUR 50 makes the customs value 3480.00, but the item is still
    // under the limit on its own value: covered.
    const a = ok(assessPrivateImport(book, purchase([goodsItem({ invoiceAmount: '250' })], { freight: '50' })));
    expect(a.items[0] && amounts(a.items[0])).toEqual({ CUSTOMS_VALUE: '2900.00', VOEC_RELIEF: '2900.00' });
  });

  it('reports problems like a declaration', () => {
    const problems = problemsOf(assessPrivateImport(book, purchase([goodsItem({ commodityCode: '99999999' })])));
    expect(problems).toEqual([
      expect.objectContaining({ code: 'COMMODITY_CODE_NOT_VALID_ON_DATE', path: ['items', 0, 'commodityCode'] }),
    ]);
  });
});
