import { describe, expect, it } from 'vitest';
import { assessDeclaration, type GoodsItemInput } from '../../../src/modules/assessment/engine/index.js';
import { amounts, declaration, goodsItem, lineOf, ok, problemsOf, seedBook } from './fixtures.js';

const book = seedBook();

/** A used combustion car bought in Germany: customs duty 0 %, registration tax by weight. */
function car(overrides: Partial<GoodsItemInput> = {}): GoodsItemInput {
  return goodsItem({
    commodityCode: '87032300',
    originCountry: 'DE',
    supplementaryQuantity: '1',
    invoiceAmount: '25000',
    vehicle: { firstRegisteredOn: null, kerbWeightKg: '2100' },
    ...overrides,
  });
}

describe('freight and insurance each in their own currency', () => {
  it('converts NOK freight on a EUR invoice on its own and adds it in NOK', () => {
    // EUR on 2025-03-01: 11.60 NOK per EUR. Invoice EUR 25000 × 11.6 = NOK 290000.00.
    // Freight NOK 8500.50 needs no rate; the only item takes all of it: 290000.00 + 8500.50 = 298500.50.
    // Duty 0 % = 0.00; registration tax (2100 − 500) kg × 12.44 = 19904.00;
    // VAT 25 % × (298500.50 + 0.00) = 74625.125 → 74625.13 (registration tax is not in the VAT base).
    const a = ok(
      assessDeclaration(
        book,
        declaration({ invoiceCurrency: 'EUR', freight: '8500.50', freightCurrency: 'NOK', items: [car()] }),
      ),
    );
    const item = a.items[0] ?? { lines: [] };
    expect(amounts(item)).toEqual({
      CUSTOMS_VALUE: '298500.50',
      CUSTOMS_DUTY: '0.00',
      REGISTRATION_TAX: '19904.00',
      VAT: '74625.13',
    });
    const value = lineOf(item, 'CUSTOMS_VALUE');
    expect(value.basis.explanation).toBe(
      'Invoice amount EUR 25000 × 11.6 NOK per 1 EUR (exchange rate ' +
        `${a.exchangeRate?.id} in force on 2025-03-01) = NOK 290000.00 + share of freight and insurance ` +
        'NOK 8500.50 (allocated by invoice value) = NOK 298500.50; customs value = NOK 298500.50.',
    );
    expect(value.basis.exchangeRate?.currency).toBe('EUR');
    expect(value.basis.exchangeRates).toBeUndefined();
  });

  it('converts USD insurance at the USD rate and cites every rate in the basis', () => {
    // USD on 2025-03-01: 10.50 NOK per USD. Insurance USD 150.25 × 10.5 = 1577.625 → NOK 1577.63.
    // Share: NOK 8500.50 + 1577.63 = 10078.13; customs value 290000.00 + 10078.13 = 300078.13.
    // VAT 25 % × 300078.13 = 75019.5325 → 75019.53.
    const a = ok(
      assessDeclaration(
        book,
        declaration({
          invoiceCurrency: 'EUR',
          freight: '8500.50',
          freightCurrency: 'NOK',
          insurance: '150.25',
          insuranceCurrency: 'USD',
          items: [car()],
        }),
      ),
    );
    const item = a.items[0] ?? { lines: [] };
    expect(amounts(item)).toEqual({
      CUSTOMS_VALUE: '300078.13',
      CUSTOMS_DUTY: '0.00',
      REGISTRATION_TAX: '19904.00',
      VAT: '75019.53',
    });
    const basis = lineOf(item, 'CUSTOMS_VALUE').basis;
    expect(basis.exchangeRates?.map((r) => [r.currency, r.rate, r.date])).toEqual([
      ['EUR', '11.6', '2025-03-01'],
      ['USD', '10.5', '2025-03-01'],
    ]);
  });

  it('allocates the NOK share in whole øre by invoice value, the shares summing to the total', () => {
    // Freight NOK 100.01 = 10001 øre over EUR 600 and 400: 6000.6 and 4000.4 øre; the øre left goes to
    // the larger remainder (item 1): shares 60.01 and 40.00.
    // Item 1: 600 × 11.6 = 6960.00 + 60.01 = 7020.01; duty 10.7 % = 751.14107 → 751.14;
    //   VAT 25 % × (7020.01 + 751.14 = 7771.15) = 1942.7875 → 1942.79.
    // Item 2 (shoes, free): 400 × 11.6 = 4640.00 + 40.00 = 4680.00; duty 0.00; VAT 1170.00.
    const a = ok(
      assessDeclaration(
        book,
        declaration({
          invoiceCurrency: 'EUR',
          freight: '100.01',
          freightCurrency: 'NOK',
          items: [
            goodsItem({ itemNumber: 1, invoiceAmount: '600' }),
            goodsItem({ itemNumber: 2, commodityCode: '64039900', invoiceAmount: '400' }),
          ],
        }),
      ),
    );
    expect(a.items.map(amounts)).toEqual([
      { CUSTOMS_VALUE: '7020.01', CUSTOMS_DUTY: '751.14', VAT: '1942.79' },
      { CUSTOMS_VALUE: '4680.00', CUSTOMS_DUTY: '0.00', VAT: '1170.00' },
    ]);
    expect(a.totals.payable).toBe('3863.93');
  });

  it('reports a missing exchange rate for the freight currency at its input path', () => {
    const problems = problemsOf(
      assessDeclaration(
        book,
        declaration({ invoiceCurrency: 'EUR', freight: '100', freightCurrency: 'CHF', items: [car()] }),
      ),
    );
    expect(problems).toEqual([
      expect.objectContaining({ code: 'EXCHANGE_RATE_MISSING', path: ['freight', 'currency'] }),
    ]);
  });
});
