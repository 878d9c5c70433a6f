import { describe, expect, it } from 'vitest';
import { OpenDataError, parseExchangeRates } from '../../src/modules/rates/files/exchange-rates.js';
import { commoditiesFromTariff, parseTariffCsv, TariffFileError } from '../../src/modules/rates/files/tariff-csv.js';

describe('exchange rates in the open-data shape', () => {
  it('reads comma decimals, validity windows and the conversion unit', () => {
    const rows = parseExchangeRates({
      omregningskurser: [
        { valutakode: 'sek', fomdato: '2025-01-01', tomdato: '2025-12-31', valutakurs: '100,80', omregningsenhet: 100 },
        { valutakode: 'USD', fomdato: '2025-07-01', tomdato: '', valutakurs: '10,2', omregningsenhet: 1 },
      ],
    });
    expect(rows).toEqual([
      { currencyCode: 'SEK', validFrom: '2025-01-01', validTo: '2025-12-31', rate: '100.8', unit: 100 },
      { currencyCode: 'USD', validFrom: '2025-07-01', validTo: null, rate: '10.2', unit: 1 },
    ]);
  });

  it('refuses a bad record and says which', () => {
    expect(() => parseExchangeRates([{ valutakode: 'USD', fomdato: '2025-01-01', valutakurs: '-1' }])).toThrow(
      OpenDataError,
    );
    expect(() => parseExchangeRates([{ valutakode: 'USD', fomdato: '2025-13-01', valutakurs: '1' }])).toThrow(
      /exchange rate 1/,
    );
    expect(() =>
      parseExchangeRates([{ valutakode: 'USD', fomdato: '2025-02-01', tomdato: '2025-01-01', valutakurs: '1' }]),
    ).toThrow(/before/);
  });
});

describe('the tariff file', () => {
  const csv = `# comment\ncode;description;unit;vat;excise;restricted_by\n0406.9099;Other cheese;kg;food;;\n22083000;Whiskies;l;general;alcohol;\n`;

  it('reads commodity codes with their unit, VAT class and excise category', () => {
    const rows = commoditiesFromTariff(parseTariffCsv(csv), '2022-01-01');
    expect(rows).toEqual([
      {
        code: '04069099',
        validFrom: '2022-01-01',
        validTo: null,
        description: 'Other cheese',
        unit: 'kg',
        vatClass: 'food',
        exciseCategory: null,
        restrictedBy: null,
      },
      {
        code: '22083000',
        validFrom: '2022-01-01',
        validTo: null,
        description: 'Whiskies',
        unit: 'l',
        vatClass: 'general',
        exciseCategory: 'alcohol',
        restrictedBy: null,
      },
    ]);
  });

  it('refuses rows with the wrong number of columns or a bad code', () => {
    expect(() => parseTariffCsv('code;description\n123;x;y\n')).toThrow(TariffFileError);
    expect(() => commoditiesFromTariff(parseTariffCsv('code;description\n123;x\n'), '2022-01-01')).toThrow(/8-digit/);
  });
});
