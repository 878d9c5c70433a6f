import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessDeclaration,
  assessPrivateImport,
  assessTraveller,
  type DeclarationAssessment,
  type DeclarationInput,
  type GoodsItemInput,
  prepareRateBook,
} from '../../../src/modules/assessment/engine/index.js';
import { Decimal } from '../../../src/shared/decimal.js';
import { goodsItem, lineOf, ok, seedBook, seedRateBook } from './fixtures.js';

const book = seedBook();
const seed = seedRateBook();

/** Amounts as decimal text with 0 to 2 decimals, as clients send them. */
const amount = (max = 1_000_000_00) =>
  fc.integer({ min: 0, max }).chain((cents) => fc.constantFrom(cents.toString(), (cents / 100).toFixed(2)));

/** A goods item of the seed tariff with what its rules need; claims only where the origin qualifies. */
const item: fc.Arbitrary<GoodsItemInput> = fc
  .record({
    kind: fc.constantFrom('jersey', 'cheese', 'shoes', 'laptop', 'beef', 'beer', 'whisky', 'cigarettes', 'snus'),
    origin: fc.constantFrom<[string, string | null]>(
      ['CN', null],
      ['DE', 'TEF'],
      ['DE', null],
      ['CH', 'TEFT'],
      ['ET', 'TGS1'],
      ['PK', 'TGSP'],
    ),
    invoiceAmount: amount(),
    mass: amount(100_000),
    quantity: fc.integer({ min: 1, max: 5000 }),
    strength: fc.integer({ min: 1, max: 600 }).map((x) => (x / 10).toFixed(1)),
  })
  .map(({ kind, origin, invoiceAmount, mass, quantity, strength }) => {
    const code = {
      jersey: '61102000',
      cheese: '04069099',
      shoes: '64039900',
      laptop: '84713000',
      beef: '02013000',
      beer: '22030000',
      whisky: '22083000',
      cigarettes: '24022000',
      snus: '24039910',
    }[kind];
    return goodsItem({
      commodityCode: code,
      originCountry: origin[0],
      preferenceClaimed: origin[1],
      invoiceAmount,
      netMassKg: mass,
      supplementaryQuantity: String(quantity),
      alcoholStrength: kind === 'beer' || kind === 'whisky' ? strength : null,
    });
  });

const declarationInput: fc.Arbitrary<DeclarationInput> = fc.record({
  kind: fc.constant('IMPORT' as const),
  invoiceCurrency: fc.constantFrom('NOK', 'USD', 'EUR', 'SEK', 'JPY', 'GBP', 'CNY'),
  freight: amount(1_000_000),
  insurance: amount(10_000),
  receivedOn: fc
    .integer({ min: 0, max: 364 })
    .map((d) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10)),
  importerVatRegistered: fc.boolean(),
  items: fc
    .array(item, { minLength: 1, maxLength: 12 })
    .map((items) => items.map((it, i) => ({ ...it, itemNumber: i + 1 }))),
});

const sum = (values: readonly string[]) => values.reduce((a, v) => a.plus(v), new Decimal(0));

describe('properties of declaration assessments', () => {
  it('totals are the sums of the rounded charge lines', () => {
    fc.assert(
      fc.property(declarationInput, (input) => {
        const a = ok(assessDeclaration(book, input));
        const charges = a.items.flatMap((i) => i.lines).filter((l) => l.charge);
        for (const line of charges) expect(line.amount).toMatch(/^\d+\.\d\d$/);
        const payable = sum(charges.filter((l) => l.payable).map((l) => l.amount));
        const reported = sum(charges.filter((l) => !l.payable).map((l) => l.amount));
        expect(a.totals.payable).toBe(payable.toFixed(2));
        expect(a.totals.vatToReport).toBe(reported.toFixed(2));
        expect(a.totals.total).toBe(payable.plus(reported).toFixed(2));
        expect(sum(a.totals.byKind.map((k) => k.amount)).toFixed(2)).toBe(a.totals.total);
        if (!input.importerVatRegistered) expect(a.totals.vatToReport).toBe('0.00');
      }),
      { numRuns: 200 },
    );
  });

  it('duty and total grow (weakly) with the invoice value', () => {
    fc.assert(
      fc.property(item, amount(), amount(), fc.constantFrom('NOK', 'USD', 'SEK'), (it, x, y, invoiceCurrency) => {
        const [low, high] = new Decimal(x).lte(y) ? [x, y] : [y, x];
        const assess = (invoiceAmount: string) =>
          ok(
            assessDeclaration(book, { ...base, invoiceCurrency, items: [{ ...it, invoiceAmount }] }),
          ) as DeclarationAssessment;
        const a = assess(low);
        const b = assess(high);
        const duty = (d: DeclarationAssessment) =>
          new Decimal(lineOf(d.items[0] ?? { lines: [] }, 'CUSTOMS_DUTY').amount);
        expect(duty(a).lte(duty(b))).toBe(true);
        expect(new Decimal(a.totals.total).lte(b.totals.total)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a claimed preference never costs more than the ordinary rate, whatever the rates', () => {
    // Random ordinary and EU rates, each a percentage or an amount per kg, for the jersey code.
    const rate = fc.oneof(
      fc.integer({ min: 0, max: 50_000 }).map((v) => ({ kind: 'PERCENT' as const, value: (v / 100).toFixed(2) })),
      fc.integer({ min: 0, max: 50_000 }).map((v) => ({ kind: 'PER_KG' as const, value: (v / 100).toFixed(2) })),
    );
    fc.assert(
      fc.property(rate, rate, amount(), amount(100_000), (ordinary, eu, invoiceAmount, mass) => {
        const b = prepareRateBook({
          ...seed,
          dutyRates: [
            ...seed.dutyRates.filter((r) => r.commodityCode !== '61102000'),
            {
              id: 'T',
              commodityCode: '61102000',
              countryGroup: 'TALL',
              ...ordinary,
              validFrom: '2022-01-01',
              validTo: null,
            },
            { id: 'E', commodityCode: '61102000', countryGroup: 'TEF', ...eu, validFrom: '2022-01-01', validTo: null },
          ],
        });
        const input = (claim: string | null) => ({
          ...base,
          items: [goodsItem({ originCountry: 'SE', preferenceClaimed: claim, invoiceAmount, netMassKg: mass })],
        });
        const claimed = ok(assessDeclaration(b, input('TEF')));
        const plain = ok(assessDeclaration(b, input(null)));
        expect(new Decimal(claimed.totals.total).lte(plain.totals.total)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('converts exactly through every currency and date of the exchange-rate table', () => {
    // Independent computation on integers: value × rate / unit, rounded half-up to øre.
    function expected(value: string, rate: string, unit: number): string {
      const [vi, vf = ''] = value.split('.');
      const [ri, rf = ''] = rate.split('.');
      const numerator = BigInt(vi + vf) * BigInt(ri + rf) * 100n;
      const denominator = 10n ** BigInt(vf.length + rf.length) * BigInt(unit);
      let ore = numerator / denominator;
      if ((numerator % denominator) * 2n >= denominator) ore += 1n;
      const digits = ore.toString().padStart(3, '0');
      return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
    }
    const row = fc.constantFrom(...seed.exchangeRates);
    const value = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 4 }))
      .map(([units, places]) => {
        const digits = units.toString().padStart(places + 1, '0');
        return places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
      });
    fc.assert(
      fc.property(row, fc.integer({ min: 0, max: 400 }), value, (r, offset, invoiceAmount) => {
        const from = Date.parse(`${r.validFrom}T00:00:00Z`);
        const to = Date.parse(`${r.validTo ?? '2025-12-31'}T00:00:00Z`);
        const day = new Date(Math.min(to, from + offset * 86_400_000)).toISOString().slice(0, 10);
        const a = ok(
          assessDeclaration(book, {
            ...base,
            invoiceCurrency: r.currency,
            receivedOn: day,
            items: [goodsItem({ commodityCode: '64039900', invoiceAmount })],
          }),
        );
        const cv = lineOf(a.items[0] ?? { lines: [] }, 'CUSTOMS_VALUE');
        expect(cv.basis.exchangeRate?.id).toBe(r.id);
        expect(cv.amount).toBe(expected(invoiceAmount, r.rate, r.unit));
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same input, or its JSON round trip, gives the same assessment', () => {
    fc.assert(
      fc.property(declarationInput, (input) => {
        const first = assessDeclaration(book, input);
        const again = assessDeclaration(book, input);
        const roundTrip = assessDeclaration(book, JSON.parse(JSON.stringify(input)) as DeclarationInput);
        expect(again).toEqual(first);
        expect(roundTrip).toEqual(first);
        expect(JSON.stringify(roundTrip)).toBe(JSON.stringify(first));
        // A freshly prepared book gives the same result as the shared one.
        expect(assessDeclaration(prepareRateBook(seed), input)).toEqual(first);
      }),
      { numRuns: 50 },
    );
  });

  it('is deterministic for private imports and travellers too', () => {
    let assessed = 0;
    const traveller = fc.record({
      kind: fc.constant('TRAVELLER' as const),
      arrivedOn: fc.constantFrom('2025-03-01', '2025-09-30'),
      awayOver24Hours: fc.boolean(),
      age: fc.integer({ min: 16, max: 80 }),
      goods: fc.array(
        fc.record({
          id: fc.uuid(),
          description: fc.constant('goods'),
          amount: amount(800_000),
          currency: fc.constantFrom('NOK', 'EUR', 'USD'),
        }),
        { maxLength: 8 },
      ),
      alcohol: fc.array(
        fc.record({
          id: fc.uuid(),
          kind: fc.constantFrom('spirits' as const, 'wine' as const, 'beer' as const),
          litres: fc.integer({ min: 1, max: 300 }).map((c) => (c / 10).toFixed(1)),
          strength: fc.constantFrom('4.5', '12', '16', '40'),
          amount: amount(500_000),
          currency: fc.constant('NOK'),
        }),
        { maxLength: 4 },
      ),
      tobacco: fc.array(
        fc.record({
          id: fc.uuid(),
          kind: fc.constantFrom('cigarettes' as const, 'smoking-tobacco' as const, 'snus' as const),
          quantity: fc.integer({ min: 1, max: 800 }).map(String),
          amount: amount(500_000),
          currency: fc.constant('NOK'),
        }),
        { maxLength: 3 },
      ),
    });
    fc.assert(
      fc.property(traveller, declarationInput, (t, d) => {
        const first = assessTraveller(book, t);
        if (first.ok) assessed++;
        expect(assessTraveller(book, JSON.parse(JSON.stringify(t)))).toEqual(first);
        if (first.ok) {
          const charges = first.assessment.items.flatMap((i) => i.lines).filter((l) => l.charge);
          expect(sum(charges.map((l) => l.amount)).toFixed(2)).toBe(first.assessment.totals.total);
        }
        const purchase = { ...d, kind: 'PRIVATE_IMPORT' as const, voecNumber: 'VOEC-1' };
        expect(assessPrivateImport(book, JSON.parse(JSON.stringify(purchase)))).toEqual(
          assessPrivateImport(book, purchase),
        );
      }),
      { numRuns: 50 },
    );
    // Most generated travellers are assessable, so the checks above are not vacuous.
    expect(assessed).toBeGreaterThan(25);
  });
});

const base: DeclarationInput = {
  kind: 'IMPORT',
  invoiceCurrency: 'NOK',
  freight: '0',
  insurance: '0',
  receivedOn: '2025-03-01',
  importerVatRegistered: false,
  items: [],
};
