import { describe, expect, it } from 'vitest';
import { assessDeclaration, type GoodsItemInput } from '../../../src/modules/assessment/engine/index.js';
import { amounts, bookWith, declaration, goodsItem, lineOf, ok, problemsOf, seedBook } from './fixtures.js';

const book = seedBook();

function beer(strength: string, overrides: Partial<GoodsItemInput> = {}): GoodsItemInput {
  return goodsItem({ commodityCode: '22030000', supplementaryQuantity: '33', alcoholStrength: strength, ...overrides });
}

function exciseOf(item: GoodsItemInput, receivedOn = '2025-03-01'): string | undefined {
  const a = ok(assessDeclaration(book, declaration({ receivedOn, items: [item] })));
  return a.items[0] && amounts(a.items[0]).EXCISE_ALCOHOL;
}

describe('alcohol excise by strength band (2025 rates)', () => {
  it('charges beer from 3.7 up to and including 4.7 % per litre', () => {
    // 33 l × NOK 23.68 = 781.44, at 4.5 % and at the inclusive ends 3.7 % and 4.7 %.
    expect(exciseOf(beer('4.5'))).toBe('781.44');
    expect(exciseOf(beer('3.7'))).toBe('781.44');
    expect(exciseOf(beer('4.7'))).toBe('781.44');
  });

  it('switches to the per vol-% rate above 4.7 %', () => {
    // 33 l × 4.8 = 158.4 vol-% litres × NOK 5.29 = 837.936 → 837.94.
    expect(exciseOf(beer('4.8'))).toBe('837.94');
  });

  it('respects the open and closed ends of the weak bands', () => {
    // 2.7 % is in "over 0.7 up to and including 2.7": 33 × 3.64 = 120.12.
    // 3.69 % is in "over 2.7 below 3.7": 33 × 13.68 = 451.44.
    expect(exciseOf(beer('2.7'))).toBe('120.12');
    expect(exciseOf(beer('3.69'))).toBe('451.44');
  });

  it('charges nothing at or below 0.7 % (no band)', () => {
    const a = ok(assessDeclaration(book, declaration({ items: [beer('0.7')] })));
    expect(a.items[0]?.lines.some((l) => l.kind === 'EXCISE_ALCOHOL')).toBe(false);
  });

  it('charges wine and spirits per vol-% per litre and adds excise to the VAT base', () => {
    // Wine 7.5 l at 12 %: 90 vol-% litres × 5.29 = 476.10.
    expect(
      exciseOf(goodsItem({ commodityCode: '22042100', supplementaryQuantity: '7.5', alcoholStrength: '12' })),
    ).toBe('476.10');
    // Whisky 7 l at 40 %, NOK 2000: 280 × 9.03 = 2528.40; VAT 25 % × (2000 + 0 + 2528.40) = 1132.10.
    const a = ok(
      assessDeclaration(
        book,
        declaration({
          items: [
            goodsItem({
              commodityCode: '22083000',
              supplementaryQuantity: '7',
              alcoholStrength: '40',
              invoiceAmount: '2000',
            }),
          ],
        }),
      ),
    );
    expect(a.items[0] && amounts(a.items[0])).toEqual({
      CUSTOMS_VALUE: '2000.00',
      CUSTOMS_DUTY: '0.00',
      EXCISE_ALCOHOL: '2528.40',
      VAT: '1132.10',
    });
    expect(a.items[0] && lineOf(a.items[0], 'EXCISE_ALCOHOL').basis.quantity).toEqual({
      value: '280',
      unit: 'vol-% l',
    });
  });

  it('takes the excise rate of the year of the date', () => {
    // Spirits 7 l at 40 % = 280 vol-% litres: 2024 × 8.77 = 2455.60; 2025 × 9.03 = 2528.40; 2026 × 9.23 = 2584.40.
    const whisky = goodsItem({ commodityCode: '22083000', supplementaryQuantity: '7', alcoholStrength: '40' });
    expect(exciseOf(whisky, '2024-06-01')).toBe('2455.60');
    expect(exciseOf(whisky, '2025-06-01')).toBe('2528.40');
    expect(exciseOf(whisky, '2026-06-01')).toBe('2584.40');
  });

  it('asks for the strength and the litres', () => {
    const problems = problemsOf(
      assessDeclaration(
        book,
        declaration({
          items: [beer('4.5', { alcoholStrength: null }), beer('4.5', { itemNumber: 2, supplementaryQuantity: null })],
        }),
      ),
    );
    expect(problems).toEqual([
      expect.objectContaining({ code: 'ALCOHOL_STRENGTH_REQUIRED', path: ['items', 0, 'alcoholStrength'] }),
      expect.objectContaining({ code: 'QUANTITY_REQUIRED', path: ['items', 1, 'supplementaryQuantity'] }),
    ]);
  });
});

describe('tobacco and e-liquid excise', () => {
  it('charges cigarettes per 100 pieces and snus per 100 g of net mass', () => {
    // 200 cigarettes × 324 / 100 = 648.00. Snus 0.5 kg = 500 g × 100 / 100 = 500.00.
    const a = ok(
      assessDeclaration(
        book,
        declaration({
          items: [
            goodsItem({ commodityCode: '24022000', supplementaryQuantity: '200' }),
            goodsItem({ itemNumber: 2, commodityCode: '24039910', netMassKg: '0.5' }),
          ],
        }),
      ),
    );
    expect(a.items.map((i) => amounts(i).EXCISE_TOBACCO)).toEqual(['648.00', '500.00']);
  });

  it('charges e-liquid per 100 ml, converting litres', () => {
    // A test code for e-liquid declared in litres: 0.03 l = 30 ml × 526 / 100 = 157.80.
    const b = bookWith((r) => ({
      ...r,
      commodities: [
        ...r.commodities,
        {
          code: '24041200',
          validFrom: '2022-01-01',
          validTo: null,
          description: 'E-liquid',
          unit: 'l',
          vatClass: 'general',
          exciseCategory: 'e-liquid',
          restrictedBy: null,
        },
      ],
      dutyRates: [
        ...r.dutyRates,
        {
          id: 'D-EL',
          commodityCode: '24041200',
          countryGroup: 'TALL',
          kind: 'PERCENT',
          value: '0',
          validFrom: '2022-01-01',
          validTo: null,
        },
      ],
    }));
    const a = ok(
      assessDeclaration(
        b,
        declaration({ items: [goodsItem({ commodityCode: '24041200', supplementaryQuantity: '0.03' })] }),
      ),
    );
    expect(a.items[0] && lineOf(a.items[0], 'EXCISE_E_LIQUID')).toMatchObject({
      amount: '157.80',
      basis: { quantity: { value: '30', unit: 'ml' } },
    });
  });

  it('reports a category without a rate on the date', () => {
    const b = bookWith((r) => ({
      ...r,
      exciseRates: r.exciseRates.filter((e) => e.category !== 'tobacco-cigarettes'),
    }));
    const problems = problemsOf(
      assessDeclaration(b, declaration({ items: [goodsItem({ commodityCode: '24022000' })] })),
    );
    expect(problems.map((p) => p.code)).toEqual(['EXCISE_RATE_MISSING']);
  });
});

describe('beverage packaging', () => {
  const can = (returnPercent: string | null) =>
    beer('4.5', { packaging: { material: 'GLASS_METAL', units: '10', returnPercent } });

  it('reduces the environmental tax by the return percentage; no basic tax in a return system', () => {
    // 10 units × 6.71 × (100 − 87) / 100 = 8.723 → 8.72; basic tax not due.
    const a = ok(assessDeclaration(book, declaration({ items: [can('87')] })));
    expect(a.items[0] && amounts(a.items[0])).toMatchObject({
      PACKAGING_ENVIRONMENTAL_TAX: '8.72',
      PACKAGING_BASIC_TAX: '0.00',
    });
  });

  it('charges full environmental and basic tax outside a return system, none from 95 % returned', () => {
    // Outside: 10 × 6.71 = 67.10 and 10 × 1.38 = 13.80. At 95 %: exempt, 0.00.
    const outside = ok(assessDeclaration(book, declaration({ items: [can(null)] })));
    expect(outside.items[0] && amounts(outside.items[0])).toMatchObject({
      PACKAGING_ENVIRONMENTAL_TAX: '67.10',
      PACKAGING_BASIC_TAX: '13.80',
    });
    const returned = ok(assessDeclaration(book, declaration({ items: [can('95')] })));
    expect(returned.items[0] && amounts(returned.items[0]).PACKAGING_ENVIRONMENTAL_TAX).toBe('0.00');
  });

  it('adds packaging taxes to the VAT base', () => {
    // Beer NOK 1000, excise 781.44, packaging 67.10 + 13.80: VAT 25 % × 1862.34 = 465.585 → 465.59.
    const a = ok(assessDeclaration(book, declaration({ items: [can(null)] })));
    expect(a.items[0] && amounts(a.items[0]).VAT).toBe('465.59');
  });
});
