import { readFileSync } from 'node:fs';
import {
  type CommodityRow,
  type DutyRateKind,
  type DutyRateRow,
  type ExciseRateRow,
  type PreparedRateBook,
  prepareRateBook,
  type RateBook,
  type StrengthBand,
} from '../../../src/modules/assessment/engine/index.js';
import { parseOpenDataDecimal } from '../../../src/shared/decimal.js';

/**
 * The seed rate book of the tests, built the way the platform will build its own: the tariff,
 * country groups and exchange rates from the seed files in data/reference (comma decimals and all),
 * the other figures from rules.md, which notes the source year of each. Validity windows the sources
 * do not give are development choices (tariff from 2022-01-01, excise by calendar year). Tests
 * change a figure by spreading over `seedRateBook()`.
 */

const REFERENCE = new URL('../../../data/reference/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, REFERENCE), 'utf8');

const TARIFF_FROM = '2022-01-01';
const KINDS: Record<string, DutyRateKind> = { P: 'PERCENT', K: 'PER_KG', L: 'PER_LITRE' };
const GROUP_COLUMNS = ['TALL', 'TEF', 'TEFT', 'TGS1', 'TGSP'] as const;

function tariff(): Pick<RateBook, 'commodities' | 'dutyRates' | 'researchLevyRates'> {
  const rows = read('tariff-sample.csv')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const header = (rows.shift() as string).split(';');
  const commodities: CommodityRow[] = [];
  const dutyRates: DutyRateRow[] = [];
  const researchLevyRates: RateBook['researchLevyRates'][number][] = [];
  for (const row of rows) {
    const cells = Object.fromEntries(row.split(';').map((v, i) => [header[i], v.trim()])) as Record<string, string>;
    const code = cells.code as string;
    commodities.push({
      code,
      validFrom: TARIFF_FROM,
      validTo: null,
      description: cells.description as string,
      unit: cells.unit as CommodityRow['unit'],
      vatClass: cells.vat as CommodityRow['vatClass'],
      exciseCategory: (cells.excise || null) as CommodityRow['exciseCategory'],
      restrictedBy: cells.restricted_by || null,
    });
    for (const group of GROUP_COLUMNS) {
      const cell = cells[group];
      if (!cell) continue;
      const [value, unit] = cell.split(' ') as [string, string];
      dutyRates.push({
        id: `D-${code}-${group}`,
        commodityCode: code,
        countryGroup: group,
        kind: KINDS[unit] as DutyRateKind,
        value,
        validFrom: TARIFF_FROM,
        validTo: null,
      });
    }
    if (cells.research_levy) {
      const percent = cells.research_levy.split(' ')[0] as string;
      researchLevyRates.push({ id: `RL-${code}`, codePrefix: code, percent, validFrom: TARIFF_FROM, validTo: null });
    }
  }
  return { commodities, dutyRates, researchLevyRates };
}

function countryGroupMembers(): RateBook['countryGroupMembers'] {
  const groups = JSON.parse(read('country-groups.json')) as Record<string, unknown>;
  return Object.entries(groups).flatMap(([group, members]) =>
    Array.isArray(members)
      ? members.map((countryCode: string) => ({ group, countryCode, validFrom: '2000-01-01', validTo: null }))
      : [],
  );
}

function exchangeRates(): RateBook['exchangeRates'] {
  const data = JSON.parse(read('exchange-rates-sample.json')) as {
    omregningskurser: {
      valutakode: string;
      fomdato: string;
      tomdato: string;
      valutakurs: string;
      omregningsenhet: number;
    }[];
  };
  return data.omregningskurser.map((r, i) => ({
    id: `FX-${i + 1}`,
    currency: r.valutakode,
    rate: (parseOpenDataDecimal(r.valutakurs) as { toFixed(): string }).toFixed(),
    unit: r.omregningsenhet,
    validFrom: r.fomdato,
    validTo: r.tomdato,
  }));
}

const YEARS = [
  { year: '2024', validFrom: '2024-01-01', validTo: '2024-12-31' },
  { year: '2025', validFrom: '2025-01-01', validTo: '2025-12-31' },
  { year: '2026', validFrom: '2026-01-01', validTo: null },
] as const;

export const band = (from: string, fromInclusive: boolean, to: string | null, toInclusive: boolean): StrengthBand => ({
  from,
  fromInclusive,
  to,
  toInclusive,
});

/** rules.md "Excise duties on import": [category, kind, band, 2024, 2025, 2026]. */
const EXCISE: [ExciseRateRow['category'], ExciseRateRow['kind'], StrengthBand | null, string, string, string][] = [
  ['alcohol', 'PER_LITRE', band('0.7', false, '2.7', true), '3.53', '3.64', '3.72'],
  ['alcohol', 'PER_LITRE', band('2.7', false, '3.7', false), '13.28', '13.68', '13.98'],
  ['alcohol', 'PER_LITRE', band('3.7', true, '4.7', true), '22.99', '23.68', '24.20'],
  ['alcohol', 'PER_VOL_PERCENT_LITRE', band('4.7', false, '22', true), '5.14', '5.29', '5.41'],
  ['alcohol', 'PER_VOL_PERCENT_LITRE', band('22', false, null, false), '8.77', '9.03', '9.23'],
  ['tobacco-cigarettes', 'PER_100_PIECES', null, '315', '324', '331'],
  ['tobacco-smoking', 'PER_100_GRAMS', null, '315', '324', '331'],
  ['tobacco-snus', 'PER_100_GRAMS', null, '97', '100', '102'],
  ['tobacco-chewing', 'PER_100_GRAMS', null, '128', '132', '135'],
  ['e-liquid', 'PER_100_ML', null, '511', '526', '538'],
];

function exciseRates(): ExciseRateRow[] {
  return EXCISE.flatMap(([category, kind, strengthBand, ...values]) =>
    YEARS.map((y, i) => ({
      id: `EX-${category}-${strengthBand?.from ?? 'all'}-${y.year}`,
      category,
      kind,
      strengthBand,
      value: values[i] as string,
      validFrom: y.validFrom,
      validTo: y.validTo,
    })),
  );
}

const open = (validFrom: string) => ({ validFrom, validTo: null });

export function seedRateBook(): RateBook {
  return {
    ...tariff(),
    countryGroupMembers: countryGroupMembers(),
    exchangeRates: exchangeRates(),
    exciseRates: exciseRates(),
    vatRates: [
      { id: 'VAT-general', vatClass: 'general', percent: '25', ...open('2016-01-01') },
      { id: 'VAT-food', vatClass: 'food', percent: '15', ...open('2016-01-01') },
    ],
    packagingRates: [
      {
        id: 'PK-GM',
        tax: 'ENVIRONMENTAL',
        material: 'GLASS_METAL',
        perUnit: '6.71',
        exemptAtReturnPercent: '95',
        ...open('2024-01-01'),
      },
      {
        id: 'PK-PL',
        tax: 'ENVIRONMENTAL',
        material: 'PLASTIC',
        perUnit: '4.06',
        exemptAtReturnPercent: '95',
        ...open('2024-01-01'),
      },
      {
        id: 'PK-CA',
        tax: 'ENVIRONMENTAL',
        material: 'CARTON',
        perUnit: '1.65',
        exemptAtReturnPercent: '95',
        ...open('2024-01-01'),
      },
      {
        id: 'PK-BASIC',
        tax: 'BASIC',
        material: null,
        perUnit: '1.38',
        exemptAtReturnPercent: null,
        ...open('2024-01-01'),
      },
    ],
    voecRules: [{ id: 'VOEC-1', itemValueLimitNok: '3000', ...open('2020-04-01') }],
    travellerRules: {
      allowances: [
        { id: 'AL-24', awayOver24Hours: true, amountNok: '6000', ...open('2020-01-01') },
        { id: 'AL-U24', awayOver24Hours: false, amountNok: '3000', ...open('2020-01-01') },
      ],
      alcoholQuotas: [
        { id: 'AQ-S', kind: 'spirits', litres: '1', ...open('2020-01-01') },
        { id: 'AQ-W', kind: 'wine', litres: '1.5', ...open('2020-01-01') },
        { id: 'AQ-B', kind: 'beer', litres: '2', ...open('2020-01-01') },
      ],
      alcoholAgeLimits: [
        { id: 'AGE-18', strengthAbove: '0', minimumAge: 18, ...open('2020-01-01') },
        { id: 'AGE-20', strengthAbove: '22', minimumAge: 20, ...open('2020-01-01') },
      ],
      tobaccoQuotas: [
        { id: 'TQ-C', group: 'cigarettes', quantity: '100', minimumAge: 18, ...open('2020-01-01') },
        { id: 'TQ-O', group: 'other-tobacco', quantity: '125', minimumAge: 18, ...open('2020-01-01') },
      ],
      simplifiedLimits: [
        { id: 'SL-S', group: 'spirits', quantity: '4', ...open('2020-01-01') },
        { id: 'SL-BW', group: 'beer-wine', quantity: '27', ...open('2020-01-01') },
        { id: 'SL-C', group: 'cigarettes', quantity: '400', ...open('2020-01-01') },
        { id: 'SL-O', group: 'other-tobacco', quantity: '500', ...open('2020-01-01') },
      ],
      flatRates: [
        { id: 'FR-BEER', kind: 'beer', per: 'LITRE', strengthBand: null, value: '24', ...open('2024-01-01') },
        {
          id: 'FR-WINE-15',
          kind: 'wine',
          per: 'LITRE',
          strengthBand: band('0', false, '15', true),
          value: '67',
          ...open('2024-01-01'),
        },
        {
          id: 'FR-WINE-22',
          kind: 'wine',
          per: 'LITRE',
          strengthBand: band('15', false, '22', true),
          value: '129',
          ...open('2024-01-01'),
        },
        {
          id: 'FR-SPIRITS',
          kind: 'spirits',
          per: 'LITRE',
          strengthBand: band('22', false, '60', true),
          value: '411',
          ...open('2024-01-01'),
        },
        {
          id: 'FR-CIG',
          kind: 'cigarettes',
          per: '100_PIECES',
          strengthBand: null,
          value: '377',
          ...open('2024-01-01'),
        },
        {
          id: 'FR-TOB',
          kind: 'smoking-tobacco',
          per: '100_GRAMS',
          strengthBand: null,
          value: '377',
          ...open('2024-01-01'),
        },
        { id: 'FR-SNUS', kind: 'snus', per: '100_GRAMS', strengthBand: null, value: '117', ...open('2024-01-01') },
      ],
    },
    vehicleTax: {
      weightBands: [
        { id: 'VW-2025', fromKg: '500', toKg: null, perKg: '12.44', validFrom: '2025-01-01', validTo: '2025-12-31' },
        { id: 'VW-2026', fromKg: '500', toKg: null, perKg: '12.71', ...open('2026-01-01') },
      ],
      ageDeductions: [{ id: 'VA-36', ageOverMonths: 36, percent: '33', ...open('2020-01-01') }],
      electricVatThresholds: [{ id: 'EV-1', commodityPrefix: '870380', thresholdNok: '500000', ...open('2023-01-01') }],
    },
  };
}

let cached: PreparedRateBook | undefined;
/** The prepared seed book, shared (it is immutable). */
export function seedBook(): PreparedRateBook {
  cached ??= prepareRateBook(seedRateBook());
  return cached;
}
