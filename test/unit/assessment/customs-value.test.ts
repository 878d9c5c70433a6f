import { describe, expect, it } from 'vitest';
import { assessDeclaration } from '../../../src/modules/assessment/engine/index.js';
import { amounts, declaration, goodsItem, lineOf, ok, problemsOf, seedBook } from './fixtures.js';

const book = seedBook();

describe('customs value, exchange rates and VAT', () => {
  it('assesses a NOK item: value, ordinary duty and VAT on value + duty', () => {
    // Jersey 61102000 from CN, NOK 1000: duty 10.7 % × 1000.00 = 107.00;
    // VAT 25 % × (1000.00 + 107.00) = 276.75; payable 107.00 + 276.75 = 383.75.
    const a = ok(assessDeclaration(book, declaration()));
    const item = a.items[0];
    expect(item && amounts(item)).toEqual({ CUSTOMS_VALUE: '1000.00', CUSTOMS_DUTY: '107.00', VAT: '276.75' });
    expect(a.totals).toEqual({
      payable: '383.75',
      vatToReport: '0.00',
      total: '383.75',
      byKind: [
        { kind: 'CUSTOMS_DUTY', amount: '107.00' },
        { kind: 'VAT', amount: '276.75' },
      ],
    });
    expect(a.exchangeRate).toBeNull();
  });

  it('names the currency of every base amount: the invoice currency before conversion, NOK after', () => {
    const a = ok(
      assessDeclaration(book, declaration({ invoiceCurrency: 'USD', items: [goodsItem({ invoiceAmount: '600' })] })),
    );
    const item = a.items[0] ?? { lines: [] };
    const bases = item.lines.map((l) => [l.kind, l.basis.baseAmount, l.basis.baseCurrency]);
    // 600 USD × 10.5 = 6300.00 NOK; duty 10.7 % of it = 674.10; VAT on 6300.00 + 674.10.
    expect(bases).toEqual([
      ['CUSTOMS_VALUE', '600', 'USD'],
      ['CUSTOMS_DUTY', '6300.00', 'NOK'],
      ['VAT', '6974.10', 'NOK'],
    ]);
    const nokItem = ok(assessDeclaration(book, declaration())).items[0] ?? { lines: [] };
    expect(nokItem.lines.map((l) => l.basis.baseCurrency)).toEqual(['NOK', 'NOK', 'NOK']);
  });

  it('allocates freight and insurance by invoice value and converts at the rate in force', () => {
    // USD on 2025-03-01: FX-1, 10.50 NOK per USD. Freight 50 + insurance 0.01 = USD 50.01 = 5001 cents.
    // Item 1 (600 of 1000): 5001 × 0.6 = 3000.6 cents; item 2: 2000.4. One cent is left: it goes to
    // the larger remainder (item 1). Shares 30.01 and 20.00.
    // Item 1: (600 + 30.01) × 10.5 = 6615.105 → 6615.11; duty 10.7 % → 707.81677 → 707.82;
    //   VAT 25 % × (6615.11 + 707.82 = 7322.93) = 1830.7325 → 1830.73.
    // Item 2 (shoes, free): 420.00 × 10.5 = 4410.00; duty 0.00; VAT 1102.50.
    const a = ok(
      assessDeclaration(
        book,
        declaration({
          invoiceCurrency: 'USD',
          freight: '50',
          insurance: '0.01',
          items: [
            goodsItem({ itemNumber: 1, invoiceAmount: '600' }),
            goodsItem({ itemNumber: 2, commodityCode: '64039900', invoiceAmount: '400' }),
          ],
        }),
      ),
    );
    const [first, second] = a.items;
    expect(first && amounts(first)).toEqual({ CUSTOMS_VALUE: '6615.11', CUSTOMS_DUTY: '707.82', VAT: '1830.73' });
    expect(second && amounts(second)).toEqual({ CUSTOMS_VALUE: '4410.00', CUSTOMS_DUTY: '0.00', VAT: '1102.50' });
    expect(a.totals.payable).toBe('3641.05');
    const cv = first && lineOf(first, 'CUSTOMS_VALUE');
    expect(cv?.basis.baseAmount).toBe('630.01');
    expect(cv?.basis.exchangeRate).toEqual({
      id: 'FX-1',
      currency: 'USD',
      rate: '10.5',
      unit: 1,
      date: '2025-03-01',
      validFrom: '2025-01-01',
      validTo: '2025-06-30',
    });
    expect(cv?.basis.explanation).toContain('USD 30.01');
    expect(cv?.basis.explanation).toContain('6615.105');
  });

  it('allocates exactly with amounts too large for plain numbers', () => {
    // Invoice amounts of 10^16 and more: the bigint path. Freight 0.03 over two equal items: 0.02 + 0.01.
    const a = ok(
      assessDeclaration(
        book,
        declaration({
          freight: '0.03',
          items: [
            goodsItem({ commodityCode: '64039900', invoiceAmount: '12345678901234567.50' }),
            goodsItem({ itemNumber: 2, commodityCode: '64039900', invoiceAmount: '12345678901234567.50' }),
          ],
        }),
      ),
    );
    expect(a.items.map((i) => amounts(i).CUSTOMS_VALUE)).toEqual(['12345678901234567.52', '12345678901234567.51']);
  });

  it('takes the exchange rate whose window contains the date of receipt', () => {
    // USD 100 on 2025-07-01 uses FX-2 (10.20): 1020.00; on 2025-06-30 FX-1 (10.50): 1050.00.
    const july = ok(
      assessDeclaration(
        book,
        declaration({ invoiceCurrency: 'USD', receivedOn: '2025-07-01', items: [goodsItem({ invoiceAmount: '100' })] }),
      ),
    );
    const june = ok(
      assessDeclaration(
        book,
        declaration({ invoiceCurrency: 'USD', receivedOn: '2025-06-30', items: [goodsItem({ invoiceAmount: '100' })] }),
      ),
    );
    expect(july.exchangeRate?.id).toBe('FX-2');
    expect(july.items[0] && amounts(july.items[0]).CUSTOMS_VALUE).toBe('1020.00');
    expect(june.exchangeRate?.id).toBe('FX-1');
    expect(june.items[0] && amounts(june.items[0]).CUSTOMS_VALUE).toBe('1050.00');
  });

  it('divides by the unit of currencies quoted per 100', () => {
    // SEK: 100.80 NOK per 100 SEK. 1234.56 × 100.80 / 100 = 1244.43648 → 1244.44.
    // JPY: 7.05 NOK per 100 JPY. 100000 × 7.05 / 100 = 7050.00.
    const sek = ok(
      assessDeclaration(
        book,
        declaration({ invoiceCurrency: 'SEK', items: [goodsItem({ invoiceAmount: '1234.56' })] }),
      ),
    );
    const jpy = ok(
      assessDeclaration(book, declaration({ invoiceCurrency: 'JPY', items: [goodsItem({ invoiceAmount: '100000' })] })),
    );
    expect(sek.items[0] && amounts(sek.items[0]).CUSTOMS_VALUE).toBe('1244.44');
    expect(jpy.items[0] && amounts(jpy.items[0]).CUSTOMS_VALUE).toBe('7050.00');
  });

  it('reports a missing exchange rate, also outside every window', () => {
    const chf = problemsOf(assessDeclaration(book, declaration({ invoiceCurrency: 'CHF' })));
    expect(chf).toEqual([expect.objectContaining({ code: 'EXCHANGE_RATE_MISSING', path: ['invoiceCurrency'] })]);
    const late = problemsOf(assessDeclaration(book, declaration({ invoiceCurrency: 'USD', receivedOn: '2026-01-02' })));
    expect(late.map((p) => p.code)).toEqual(['EXCHANGE_RATE_MISSING']);
  });

  it('rounds each line half-up to øre, not half-even', () => {
    // Shoes (duty-free) NOK 10.10: VAT 25 % = 2.525 → 2.53 (half-even would give 2.52).
    // USD 100.01 × 10.5 = 1050.105 → 1050.11 (half-even: 1050.10).
    const vat = ok(
      assessDeclaration(
        book,
        declaration({ items: [goodsItem({ commodityCode: '64039900', invoiceAmount: '10.10' })] }),
      ),
    );
    expect(vat.items[0] && amounts(vat.items[0]).VAT).toBe('2.53');
    const cv = ok(
      assessDeclaration(book, declaration({ invoiceCurrency: 'USD', items: [goodsItem({ invoiceAmount: '100.01' })] })),
    );
    expect(cv.items[0] && amounts(cv.items[0]).CUSTOMS_VALUE).toBe('1050.11');
  });

  it('computes duty from the rounded customs value', () => {
    // Cheese USD 1.01 × 10.5 = 10.605 → customs value 10.61.
    // Duty 277 % × 10.61 = 29.3897 → 29.39 (from the unrounded 10.605 it would be 29.37585 → 29.38).
    const a = ok(
      assessDeclaration(
        book,
        declaration({
          invoiceCurrency: 'USD',
          items: [goodsItem({ commodityCode: '04069099', invoiceAmount: '1.01' })],
        }),
      ),
    );
    const item = a.items[0];
    expect(item && amounts(item).CUSTOMS_VALUE).toBe('10.61');
    expect(item && lineOf(item, 'CUSTOMS_DUTY').amount).toBe('29.39');
    expect(item && lineOf(item, 'CUSTOMS_DUTY').basis.baseAmount).toBe('10.61');
  });

  it('shows VAT of a VAT-registered importer without making it payable', () => {
    // Same as the first case: duty 107.00 payable, VAT 276.75 to report in the VAT return.
    const a = ok(assessDeclaration(book, declaration({ importerVatRegistered: true })));
    const vat = a.items[0] && lineOf(a.items[0], 'VAT');
    expect(vat?.payable).toBe(false);
    expect(vat?.basis.explanation).toContain('VAT return');
    expect(a.totals).toMatchObject({ payable: '107.00', vatToReport: '276.75', total: '383.75' });
  });

  it('adds the research levy to the VAT base at the food rate', () => {
    // Cheese 04069099 NOK 1000 from CN: duty 277 % = 2770.00; research levy 0.20 % = 2.00;
    // VAT 15 % × (1000 + 2770 + 2) = 565.80.
    const a = ok(assessDeclaration(book, declaration({ items: [goodsItem({ commodityCode: '04069099' })] })));
    const item = a.items[0];
    expect(item && amounts(item)).toEqual({
      CUSTOMS_VALUE: '1000.00',
      CUSTOMS_DUTY: '2770.00',
      RESEARCH_LEVY: '2.00',
      VAT: '565.80',
    });
    expect(item && lineOf(item, 'VAT').basis.rates[0]?.id).toBe('VAT-food');
  });

  it('explains every line with the figures it was computed from', () => {
    const a = ok(assessDeclaration(book, declaration()));
    const item = a.items[0];
    expect(item && lineOf(item, 'CUSTOMS_DUTY').basis).toEqual({
      rule: 'DUTY_ORDINARY',
      rates: [
        {
          table: 'DUTY',
          id: 'D-61102000-TALL',
          value: '10.7',
          kind: 'PERCENT',
          countryGroup: 'TALL',
          validFrom: '2022-01-01',
          validTo: null,
        },
      ],
      baseAmount: '1000.00',
      baseCurrency: 'NOK',
      quantity: null,
      exchangeRate: null,
      explanation:
        'Customs duty, ordinary rate (TALL, rate D-61102000-TALL, valid from 2022-01-01): 10.7 % of customs value NOK 1000.00 = NOK 107.00.',
    });
    expect(item && lineOf(item, 'VAT').basis.explanation).toBe(
      'VAT 25 % (general, rate VAT-general, valid from 2016-01-01) on VAT base NOK 1107.00 (customs value 1000.00 + customs duty 107.00) = NOK 276.75.',
    );
  });
});
