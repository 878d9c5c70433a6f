import { describe, expect, it } from 'vitest';
import {
  assessTraveller,
  type TravellerAlcoholInput,
  type TravellerTobaccoInput,
} from '../../../src/modules/assessment/engine/index.js';
import { amounts, lineOf, ok, problemsOf, seedBook, traveller } from './fixtures.js';

const book = seedBook();

function drink(
  id: string,
  kind: TravellerAlcoholInput['kind'],
  litres: string,
  strength: string,
  amount?: string,
): TravellerAlcoholInput {
  return { id, kind, litres, strength, ...(amount ? { amount, currency: 'NOK' } : {}) };
}

function smoke(
  id: string,
  kind: TravellerTobaccoInput['kind'],
  quantity: string,
  amount?: string,
): TravellerTobaccoInput {
  return { id, kind, quantity, ...(amount ? { amount, currency: 'NOK' } : {}) };
}

const payable = (alcohol: TravellerAlcoholInput[], age = 30, tobacco: TravellerTobaccoInput[] = []) =>
  ok(assessTraveller(book, traveller({ age, alcohol, tobacco }))).totals.payable;

describe('alcohol quota', () => {
  it('covers 1 l spirits, 1.5 l wine and 2 l beer', () => {
    const a = ok(
      assessTraveller(
        book,
        traveller({
          alcohol: [drink('s', 'spirits', '1', '40'), drink('w', 'wine', '1.5', '12'), drink('b', 'beer', '2', '4.5')],
        }),
      ),
    );
    expect(a.totals.payable).toBe('0.00');
    expect(a.alcoholQuotaUsed).toEqual({ spirits: '1', wine: '1.5', beer: '2' });
  });

  it('exchanges unused spirits quota for wine, litre for litre', () => {
    // Wine 3 l at 12 %: 1.5 l wine quota + 1 l spirits quota; 0.5 l × NOK 67 = 33.50.
    expect(payable([drink('w', 'wine', '3', '12')])).toBe('33.50');
  });

  it('exchanges spirits and wine quota for beer', () => {
    // Beer 5 l: 2 + 1.5 + 1 = 4.5 l covered; 0.5 l × NOK 24 = 12.00.
    expect(payable([drink('b', 'beer', '5', '4.5')])).toBe('12.00');
  });

  it('never exchanges the other way', () => {
    // Spirits 2 l: only the 1 l spirits quota; 1 l × NOK 411 = 411.00.
    expect(payable([drink('s', 'spirits', '2', '40')])).toBe('411.00');
  });

  it('covers the most expensive litres first', () => {
    // Wine 2 l at 16 % (NOK 129/l) and 2 l at 12 % (NOK 67/l), 2.5 l of quota: all 16 % and 0.5 l of
    // the 12 % are covered; 1.5 l × 67 = 100.50 (the other way round it would be 1.5 × 129 = 193.50).
    expect(payable([drink('cheap', 'wine', '2', '12'), drink('strong', 'wine', '2', '16')])).toBe('100.50');
  });

  it('keeps beverages above 22 % out of the quota below 20, but lets the quota go to wine', () => {
    // Age 19: spirits 1 l is taxed (411.00); the spirits quota covers wine: 2 l wine all covered.
    const a = ok(
      assessTraveller(
        book,
        traveller({ age: 19, alcohol: [drink('s', 'spirits', '1', '40'), drink('w', 'wine', '2', '12')] }),
      ),
    );
    expect(a.totals.payable).toBe('411.00');
    expect(a.alcoholQuotaUsed).toEqual({ spirits: '0', wine: '2', beer: '0' });
  });

  it('gives no alcohol quota below 18', () => {
    // Wine 1 l × 67 = 67.00.
    expect(payable([drink('w', 'wine', '1', '12')], 17)).toBe('67.00');
  });

  it('charges the flat rate up to the simplified limit and ordinary rates for the whole excess beyond', () => {
    // Wine at 12 %: 29.5 l → 2.5 l quota, 27 l excess = the limit: 27 × 67 = 1809.00.
    expect(payable([drink('w', 'wine', '29.5', '12')])).toBe('1809.00');
    // 30 l for NOK 3000 → 27.5 l excess > 27: ordinary rates on all 27.5 l:
    //   value 3000 × 27.5 / 30 = 2750.00; excise 27.5 × 12 = 330 vol-% l × 5.29 = 1745.70;
    //   VAT 25 % × 4495.70 = 1123.925 → 1123.93; 1745.70 + 1123.93 = 2869.63.
    const a = ok(assessTraveller(book, traveller({ alcohol: [drink('w', 'wine', '30', '12', '3000')] })));
    const wine = a.items[0];
    expect(wine && amounts(wine)).toEqual({
      ALCOHOL_QUOTA: '0.00',
      CUSTOMS_VALUE: '2750.00',
      EXCISE_ALCOHOL: '1745.70',
      VAT: '1123.93',
    });
    expect(wine && lineOf(wine, 'EXCISE_ALCOHOL').basis.rule).toBe('TRAVELLER_ORDINARY_BEYOND_LIMIT');
    expect(a.totals.payable).toBe('2869.63');
  });

  it('asks for the price when ordinary rates apply', () => {
    const problems = problemsOf(assessTraveller(book, traveller({ alcohol: [drink('w', 'wine', '30', '12')] })));
    expect(problems).toEqual([expect.objectContaining({ code: 'VALUE_REQUIRED', path: ['alcohol', 0, 'amount'] })]);
  });

  it('moves spirits quota to wine when that keeps the wine within its simplified limit', () => {
    // Spirits 3 l at 40 %, wine 29 l at 12 % for NOK 2900.
    // Spirits quota on spirits: spirits excess 2 l (822.00), wine excess 27.5 l > 27: ordinary,
    //   value 2750.00, excise 1745.70, VAT 1123.93: 3691.63 in all.
    // 0.5 l of it on wine: spirits excess 2.5 l × 411 = 1027.50, wine excess 27 l × 67 = 1809.00: 2836.50.
    const a = ok(
      assessTraveller(
        book,
        traveller({ alcohol: [drink('s', 'spirits', '3', '40'), drink('w', 'wine', '29', '12', '2900')] }),
      ),
    );
    expect(a.totals.payable).toBe('2836.50');
    expect(a.alcoholQuotaUsed).toEqual({ spirits: '0.5', wine: '2', beer: '0' });
  });
});

describe('tobacco quota', () => {
  it('chooses the alternative quota that saves more: cigarettes', () => {
    // 200 cigarettes + 100 g snus. Cigarette quota: 100 × 377/100 = 377.00 + snus 100 × 117/100 = 117.00 = 494.00.
    // Other-tobacco quota: snus covered, 200 cigarettes × 3.77 = 754.00. Cigarettes win.
    const a = ok(
      assessTraveller(book, traveller({ tobacco: [smoke('c', 'cigarettes', '200'), smoke('s', 'snus', '100')] })),
    );
    expect(a.totals.payable).toBe('494.00');
    expect(a.tobaccoQuotaUsed).toEqual({ group: 'cigarettes', quantity: '100' });
  });

  it('chooses the alternative quota that saves more: other tobacco', () => {
    // 50 cigarettes + 200 g smoking tobacco. Cigarette quota: 200 × 3.77 = 754.00.
    // 125 g quota: 75 g × 3.77 = 282.75 + 50 cigarettes × 3.77 = 188.50 = 471.25.
    const a = ok(
      assessTraveller(
        book,
        traveller({ tobacco: [smoke('c', 'cigarettes', '50'), smoke('t', 'smoking-tobacco', '200')] }),
      ),
    );
    expect(a.totals.payable).toBe('471.25');
    expect(a.tobaccoQuotaUsed).toEqual({ group: 'other-tobacco', quantity: '125' });
  });

  it('taxes the whole excess at ordinary rates beyond 400 cigarettes', () => {
    // 600 cigarettes for NOK 900: 100 in the quota, 500 > 400 beyond: value 900 × 500/600 = 750.00;
    // excise 500 × 324/100 = 1620.00; VAT 25 % × 2370.00 = 592.50; 2212.50.
    const a = ok(assessTraveller(book, traveller({ tobacco: [smoke('c', 'cigarettes', '600', '900')] })));
    expect(a.items[0] && amounts(a.items[0])).toEqual({
      TOBACCO_QUOTA: '0.00',
      CUSTOMS_VALUE: '750.00',
      EXCISE_TOBACCO: '1620.00',
      VAT: '592.50',
    });
    expect(a.totals.payable).toBe('2212.50');
  });

  it('gives no tobacco quota below 18', () => {
    // 100 cigarettes × 3.77 = 377.00.
    expect(payable([], 17, [smoke('c', 'cigarettes', '100')])).toBe('377.00');
  });
});
