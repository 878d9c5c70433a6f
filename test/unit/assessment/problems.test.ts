import { describe, expect, it } from 'vitest';
import {
  assessDeclaration,
  InvalidRateBookError,
  prepareRateBook,
} from '../../../src/modules/assessment/engine/index.js';
import { bookWith, declaration, goodsItem, ok, problemsOf, seedBook, seedRateBook } from './fixtures.js';

const book = seedBook();

describe('problems', () => {
  it('reports every problem of every item at once, with paths', () => {
    const problems = problemsOf(
      assessDeclaration(
        book,
        declaration({
          items: [
            goodsItem({ itemNumber: 1, commodityCode: '12345678' }),
            goodsItem({ itemNumber: 2, originCountry: 'CN', preferenceClaimed: 'TGS1' }),
            goodsItem({ itemNumber: 3, commodityCode: '22083000', alcoholStrength: null }),
            goodsItem({ itemNumber: 4, invoiceAmount: '-5' }),
          ],
        }),
      ),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['INVALID_INPUT', ['items', 3, 'invoiceAmount']],
      ['COMMODITY_CODE_NOT_VALID_ON_DATE', ['items', 0, 'commodityCode']],
      ['PREFERENCE_NOT_APPLICABLE', ['items', 1, 'preferenceClaimed']],
      ['ALCOHOL_STRENGTH_REQUIRED', ['items', 2, 'alcoholStrength']],
    ]);
    for (const p of problems) expect(p.message.length).toBeGreaterThan(10);
  });

  it('rejects malformed header fields and duplicate item numbers', () => {
    const problems = problemsOf(
      assessDeclaration(
        book,
        declaration({
          receivedOn: '2025-02-30',
          invoiceCurrency: 'usd',
          freight: '1,50',
          items: [goodsItem({ itemNumber: 1 }), goodsItem({ itemNumber: 1 })],
        }),
      ),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['INVALID_INPUT', ['receivedOn']],
      ['INVALID_INPUT', ['invoiceCurrency']],
      ['INVALID_INPUT', ['freight']],
      ['DUPLICATE_ITEM', ['items', 1, 'itemNumber']],
    ]);
  });

  it('treats a code outside its validity window as not valid on the date', () => {
    // The seed tariff starts on 2022-01-01.
    const problems = problemsOf(assessDeclaration(book, declaration({ receivedOn: '2021-12-31' })));
    expect(problems.map((p) => p.code)).toEqual(['COMMODITY_CODE_NOT_VALID_ON_DATE']);
  });

  it('uses the version of a code in force on the date', () => {
    // 61102000 closes on 2024-12-31 and reopens as food (15 % VAT) on 2025-01-01.
    const b = bookWith((r) => {
      const jersey = r.commodities.find((c) => c.code === '61102000');
      if (!jersey) throw new Error('seed changed');
      return {
        ...r,
        commodities: [
          ...r.commodities.filter((c) => c.code !== '61102000'),
          { ...jersey, validTo: '2024-12-31' },
          { ...jersey, validFrom: '2025-01-01', vatClass: 'food' as const },
        ],
      };
    });
    // VAT on 1107.00: 25 % = 276.75 in 2024; 15 % = 166.05 in 2025.
    const before = ok(assessDeclaration(b, declaration({ receivedOn: '2024-12-31' })));
    const after = ok(assessDeclaration(b, declaration({ receivedOn: '2025-01-01' })));
    expect(before.totals.byKind.find((k) => k.kind === 'VAT')?.amount).toBe('276.75');
    expect(after.totals.byKind.find((k) => k.kind === 'VAT')?.amount).toBe('166.05');
  });
});

describe('rate book preparation', () => {
  it('rejects overlapping windows of one key', () => {
    const book = seedRateBook();
    const overlapping = {
      ...book,
      vatRates: [
        ...book.vatRates,
        { id: 'VAT-X', vatClass: 'general' as const, percent: '24', validFrom: '2020-01-01', validTo: null },
      ],
    };
    expect(() => prepareRateBook(overlapping)).toThrow(InvalidRateBookError);
  });

  it('rejects malformed decimals and dates, listing every issue', () => {
    const book = seedRateBook();
    try {
      prepareRateBook({
        ...book,
        vatRates: [{ id: 'V', vatClass: 'general', percent: '25,0', validFrom: '2020-1-1', validTo: null }],
        exchangeRates: [
          { id: 'X', currency: 'USD', rate: '10.5', unit: 3, validFrom: '2025-01-01', validTo: '2024-01-01' },
        ],
      });
      expect.unreachable('prepareRateBook accepted a malformed book');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRateBookError);
      const issues = (error as InvalidRateBookError).issues;
      expect(issues.some((i) => i.includes('vatRates[0]') && i.includes('dates'))).toBe(true);
      expect(issues.some((i) => i.includes('exchangeRates[0]') && i.includes('unit'))).toBe(true);
      expect(issues.some((i) => i.includes('validTo before validFrom'))).toBe(true);
    }
  });

  it('accepts adjacent windows', () => {
    const book = seedRateBook();
    const adjacent = {
      ...book,
      vatRates: [
        { id: 'V1', vatClass: 'general' as const, percent: '25', validFrom: '2016-01-01', validTo: '2024-12-31' },
        { id: 'V2', vatClass: 'general' as const, percent: '24', validFrom: '2025-01-01', validTo: null },
        ...book.vatRates.filter((v) => v.vatClass === 'food'),
      ],
    };
    const a = ok(assessDeclaration(prepareRateBook(adjacent), declaration()));
    expect(a.items[0]?.lines.find((l) => l.kind === 'VAT')?.basis.rates[0]?.id).toBe('V2');
  });
});
