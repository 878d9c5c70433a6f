import { describe, expect, it } from 'vitest';
import { assessDeclaration, type DutyRateRow } from '../../../src/modules/assessment/engine/index.js';
import { amounts, bookWith, declaration, goodsItem, lineOf, ok, problemsOf, seedBook } from './fixtures.js';

const book = seedBook();
const open = { validFrom: '2022-01-01', validTo: null };

/** The seed book with the duty rows of one code replaced. */
function withDuty(code: string, rows: Omit<DutyRateRow, 'commodityCode' | 'validFrom' | 'validTo'>[]) {
  return bookWith((b) => ({
    ...b,
    dutyRates: [
      ...b.dutyRates.filter((r) => r.commodityCode !== code),
      ...rows.map((r) => ({ ...r, commodityCode: code, ...open })),
    ],
  }));
}

describe('customs duty by country group', () => {
  it('applies the preferential rate when the origin is in the claimed group', () => {
    // Jersey from DE claiming TEF: 0 %; VAT 25 % × 1000 = 250.00.
    const a = ok(
      assessDeclaration(book, declaration({ items: [goodsItem({ originCountry: 'DE', preferenceClaimed: 'TEF' })] })),
    );
    const item = a.items[0];
    expect(item?.countryGroup).toBe('TEF');
    expect(item && lineOf(item, 'CUSTOMS_DUTY')).toMatchObject({
      amount: '0.00',
      basis: { rule: 'DUTY_PREFERENTIAL' },
    });
    expect(a.totals.payable).toBe('250.00');
  });

  it('gives GSP least-developed countries their rate (TGS1)', () => {
    // Cheese from ET claiming TGS1: duty 0 %; research levy 0.20 % × 1000 = 2.00; VAT 15 % × 1002 = 150.30.
    const a = ok(
      assessDeclaration(
        book,
        declaration({
          items: [goodsItem({ commodityCode: '04069099', originCountry: 'ET', preferenceClaimed: 'TGS1' })],
        }),
      ),
    );
    expect(a.items[0] && amounts(a.items[0])).toMatchObject({
      CUSTOMS_DUTY: '0.00',
      RESEARCH_LEVY: '2.00',
      VAT: '150.30',
    });
  });

  it('rejects a claim for a group the origin is not in, with the item path', () => {
    const problems = problemsOf(
      assessDeclaration(book, declaration({ items: [goodsItem({ originCountry: 'CN', preferenceClaimed: 'TEF' })] })),
    );
    expect(problems).toEqual([
      expect.objectContaining({ code: 'PREFERENCE_NOT_APPLICABLE', path: ['items', 0, 'preferenceClaimed'] }),
    ]);
  });

  it('applies the ordinary rate when the claimed group has no rate of its own', () => {
    // Cheese from DE claiming TEF: the TEF column is empty, so TALL 277 % applies: 2770.00.
    const a = ok(
      assessDeclaration(
        book,
        declaration({
          items: [goodsItem({ commodityCode: '04069099', originCountry: 'DE', preferenceClaimed: 'TEF' })],
        }),
      ),
    );
    const duty = a.items[0] && lineOf(a.items[0], 'CUSTOMS_DUTY');
    expect(duty).toMatchObject({ amount: '2770.00', basis: { rule: 'DUTY_PREFERENCE_WITHOUT_OWN_RATE' } });
    expect(duty?.basis.rates[0]?.countryGroup).toBe('TALL');
  });

  it('never lets a claimed preference cost more than the ordinary rate', () => {
    // Beef 02013000: TALL 344 % of NOK 100 = 344.00; a TEF rate of NOK 100 per kg on 10 kg = 1000.00.
    // The ordinary rate is lower, so it applies.
    const b = withDuty('02013000', [
      { id: 'T', countryGroup: 'TALL', kind: 'PERCENT', value: '344' },
      { id: 'E', countryGroup: 'TEF', kind: 'PER_KG', value: '100' },
    ]);
    const input = goodsItem({
      commodityCode: '02013000',
      originCountry: 'SE',
      preferenceClaimed: 'TEF',
      invoiceAmount: '100',
      netMassKg: '10',
    });
    const duty = lineOf(
      ok(assessDeclaration(b, declaration({ items: [input] }))).items[0] ?? { lines: [] },
      'CUSTOMS_DUTY',
    );
    expect(duty).toMatchObject({ amount: '344.00', basis: { rule: 'DUTY_ORDINARY_LOWER_THAN_PREFERENTIAL' } });
  });

  it('applies a specific rate per kg to the net mass', () => {
    // NOK 55.00 per kg × 10.5 kg = 577.50.
    const b = withDuty('02013000', [{ id: 'T', countryGroup: 'TALL', kind: 'PER_KG', value: '55.00' }]);
    const a = ok(
      assessDeclaration(b, declaration({ items: [goodsItem({ commodityCode: '02013000', netMassKg: '10.5' })] })),
    );
    const duty = a.items[0] && lineOf(a.items[0], 'CUSTOMS_DUTY');
    expect(duty?.amount).toBe('577.50');
    expect(duty?.basis.quantity).toEqual({ value: '10.5', unit: 'kg' });
    expect(duty?.basis.baseAmount).toBeNull();
  });

  it('applies a rate per litre to the supplementary quantity in litres', () => {
    // Beer 22030000 (unit l): NOK 2.00 per litre × 33 l = 66.00.
    const b = withDuty('22030000', [{ id: 'T', countryGroup: 'TALL', kind: 'PER_LITRE', value: '2' }]);
    const item = goodsItem({ commodityCode: '22030000', supplementaryQuantity: '33', alcoholStrength: '0.5' });
    const a = ok(assessDeclaration(b, declaration({ items: [item] })));
    expect(a.items[0] && lineOf(a.items[0], 'CUSTOMS_DUTY').amount).toBe('66.00');
  });

  it('asks for the quantity a specific rate needs', () => {
    const b = withDuty('02013000', [{ id: 'T', countryGroup: 'TALL', kind: 'PER_KG', value: '55' }]);
    const problems = problemsOf(
      assessDeclaration(b, declaration({ items: [goodsItem({ commodityCode: '02013000', netMassKg: null })] })),
    );
    expect(problems).toEqual([expect.objectContaining({ code: 'QUANTITY_REQUIRED', path: ['items', 0, 'netMassKg'] })]);
  });

  it('reports a rate per litre on goods declared in kg as a unit mismatch', () => {
    const b = withDuty('02013000', [{ id: 'T', countryGroup: 'TALL', kind: 'PER_LITRE', value: '5' }]);
    const problems = problemsOf(
      assessDeclaration(b, declaration({ items: [goodsItem({ commodityCode: '02013000' })] })),
    );
    expect(problems.map((p) => p.code)).toEqual(['QUANTITY_UNIT_MISMATCH']);
  });

  it('reports a code without an ordinary rate', () => {
    const b = bookWith((r) => ({ ...r, dutyRates: r.dutyRates.filter((d) => d.commodityCode !== '61102000') }));
    expect(problemsOf(assessDeclaration(b, declaration())).map((p) => p.code)).toEqual(['DUTY_RATE_MISSING']);
  });

  it('takes the rate in force on the date of receipt', () => {
    // TALL 10 % until 2024-12-31, 5 % from 2025-01-01: NOK 1000 → 100.00 in 2024, 50.00 in 2025.
    const b = bookWith((r) => ({
      ...r,
      dutyRates: [
        ...r.dutyRates.filter((d) => d.commodityCode !== '61102000'),
        {
          id: 'OLD',
          commodityCode: '61102000',
          countryGroup: 'TALL',
          kind: 'PERCENT',
          value: '10',
          validFrom: '2022-01-01',
          validTo: '2024-12-31',
        },
        {
          id: 'NEW',
          commodityCode: '61102000',
          countryGroup: 'TALL',
          kind: 'PERCENT',
          value: '5',
          validFrom: '2025-01-01',
          validTo: null,
        },
      ],
    }));
    const before = ok(assessDeclaration(b, declaration({ receivedOn: '2024-12-31' })));
    const after = ok(assessDeclaration(b, declaration({ receivedOn: '2025-01-01' })));
    expect(before.items[0] && lineOf(before.items[0], 'CUSTOMS_DUTY')).toMatchObject({
      amount: '100.00',
      basis: { rates: [{ id: 'OLD' }] },
    });
    expect(after.items[0] && lineOf(after.items[0], 'CUSTOMS_DUTY')).toMatchObject({
      amount: '50.00',
      basis: { rates: [{ id: 'NEW' }] },
    });
  });

  it('uses the longest research-levy prefix in force', () => {
    // A heading-wide 0406 levy of 1 % is overridden for 04069099 by its own 0.20 %; 04069098 has its
    // own row too, so test the heading with a code without one: remove 04069098's row.
    const b = bookWith((r) => ({
      ...r,
      researchLevyRates: [
        ...r.researchLevyRates.filter((l) => l.codePrefix !== '04069098'),
        { id: 'RL-0406', codePrefix: '0406', percent: '1', validFrom: '2022-01-01', validTo: null },
      ],
    }));
    const a = ok(
      assessDeclaration(
        b,
        declaration({
          items: [goodsItem({ commodityCode: '04069099' }), goodsItem({ itemNumber: 2, commodityCode: '04069098' })],
        }),
      ),
    );
    expect(a.items[0] && lineOf(a.items[0], 'RESEARCH_LEVY')).toMatchObject({
      amount: '2.00',
      basis: { rates: [{ id: 'RL-04069099' }] },
    });
    expect(a.items[1] && lineOf(a.items[1], 'RESEARCH_LEVY')).toMatchObject({
      amount: '10.00',
      basis: { rates: [{ id: 'RL-0406' }] },
    });
  });
});
