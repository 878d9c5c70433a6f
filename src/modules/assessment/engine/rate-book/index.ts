import { divideByPowerOfTen, formatExact, isZero } from '../../../../shared/money.js';
import { type Dated, Timeline } from '../dates.js';
import type { RateBook } from '../types.js';
import { vatSentence } from '../vat.js';
import { prepareCommodities } from './commodities.js';
import type {
  Cited,
  PreparedExchangeRate,
  PreparedExciseRate,
  PreparedPackagingRate,
  PreparedRateBook,
  PreparedVatRate,
} from './prepared-book.js';
import { kept, RowReader, window } from './rows.js';
import { prepareTravellerRules, prepareVehicleRules } from './traveller-and-vehicle-rules.js';

/**
 * Preparing a rate book: parsing and indexing every row once, so that assessments do lookups and
 * arithmetic only. The platform keeps the prepared book per rates version and prepares again only
 * when the rates change.
 */

/**
 * A rate book the engine cannot apply unambiguously: a malformed decimal or date, a window that
 * ends before it starts, or two rows of the same key in force on the same day. This is a data error
 * of the platform, not a problem of a declarant's input, so it is thrown once at preparation.
 */
export class InvalidRateBookError extends Error {
  readonly issues: readonly string[];
  constructor(issues: readonly string[]) {
    super(
      `invalid rate book: ${issues.slice(0, 5).join('; ')}${issues.length > 5 ? ` (+${issues.length - 5} more)` : ''}`,
    );
    this.name = 'InvalidRateBookError';
    this.issues = issues;
  }
}

/** 1, 10, 100, ...: and how many zeros. */
function zerosOfPowerOfTen(n: number): number | null {
  return Number.isInteger(n) && n >= 1 && /^10*$/.test(String(n)) ? String(n).length - 1 : null;
}

/** Parses and indexes a rate book. Throws `InvalidRateBookError` listing every issue found. */
export function prepareRateBook(book: RateBook): PreparedRateBook {
  const r = new RowReader();

  const codes = prepareCommodities(r, book);

  const groupMembers = r.index(
    'countryGroupMembers',
    book.countryGroupMembers,
    (row) => `${row.group}|${row.countryCode}`,
    window,
  );

  const excise = r.index(
    'exciseRates',
    book.exciseRates,
    (row) => `${row.category}|${row.strengthBand?.from ?? ''}`,
    (row, at): PreparedExciseRate => {
      const value = r.decimal(row.value, `${at}.value`);
      return {
        ...window(row),
        category: row.category,
        kind: row.kind,
        band: r.band(row.strengthBand, `${at}.strengthBand`),
        value,
        ...r.cited({ table: 'EXCISE', id: row.id, value, kind: row.kind, row }),
      };
    },
  );

  const packaging = r.index(
    'packagingRates',
    book.packagingRates,
    (row) => (row.tax === 'BASIC' ? 'BASIC' : String(row.material)),
    (row, at): PreparedPackagingRate => {
      const perUnit = r.decimal(row.perUnit, `${at}.perUnit`);
      const exempt = row.exemptAtReturnPercent;
      return {
        ...window(row),
        tax: row.tax,
        material: row.material,
        perUnit,
        exemptAtReturnPercent: exempt === null ? null : r.decimal(exempt, `${at}.exemptAtReturnPercent`),
        ...r.cited({ table: 'PACKAGING', id: row.id, value: perUnit, kind: 'PER_UNIT', row }),
      };
    },
  );

  const vat = r.index(
    'vatRates',
    book.vatRates,
    (row) => row.vatClass,
    (row, at): PreparedVatRate => {
      const percent = r.percent('VAT', row, row.percent, `${at}.percent`);
      return { ...percent, sentence: vatSentence(row.vatClass, percent.ref.value, percent.citation) };
    },
  );

  const exchangeRates = r.index(
    'exchangeRates',
    book.exchangeRates,
    (row) => row.currency,
    (row, at): PreparedExchangeRate => {
      const rate = r.decimal(row.rate, `${at}.rate`);
      const zeros = zerosOfPowerOfTen(row.unit);
      if (zeros === null) r.issues.push(`${at}: unit must be 1, 10, 100, ...`);
      if (isZero(rate)) r.issues.push(`${at}: rate must be positive`);
      return {
        ...window(row),
        id: String(row.id),
        currency: row.currency,
        rateText: formatExact(rate),
        unit: zeros === null ? 1 : row.unit,
        factor: kept(divideByPowerOfTen(rate, zeros ?? 0)),
      };
    },
  );

  const voec = r.list(
    'voecRules',
    book.voecRules,
    () => 'VOEC',
    (row, at) => r.amount('VOEC', row, row.itemValueLimitNok, 'NOK', `${at}.itemValueLimitNok`),
  );

  const traveller = prepareTravellerRules(r, book.travellerRules);
  const vehicle = prepareVehicleRules(r, book.vehicleTax);

  if (r.issues.length > 0) throw new InvalidRateBookError(r.issues);

  return {
    codes,
    groupMembers: nest(groupMembers),
    excise: regroup(excise, (row) => row.category),
    packaging,
    vat,
    exchangeRates,
    voec,
    traveller,
    vehicle,
  };
}

/** Turns keys 'a|b' into nested maps a → b → timeline. */
function nest<P extends Dated>(map: Map<string, Timeline<P>>): Map<string, Map<string, Timeline<P>>> {
  const out = new Map<string, Map<string, Timeline<P>>>();
  for (const [key, timeline] of map) {
    const [outer, inner] = key.split('|') as [string, string];
    const byInner = out.get(outer) ?? new Map<string, Timeline<P>>();
    byInner.set(inner, timeline);
    out.set(outer, byInner);
  }
  return out;
}

/** Regroups prepared rows under a coarser key (rows of several bands in one timeline). */
function regroup<P extends Cited, K extends string>(
  map: Map<string, Timeline<P>>,
  key: (row: P) => K,
): Map<K, Timeline<P>> {
  const lists = new Map<K, P[]>();
  for (const timeline of map.values()) {
    for (const row of timeline.rows) {
      const k = key(row);
      const list = lists.get(k);
      if (list) list.push(row);
      else lists.set(k, [row]);
    }
  }
  const out = new Map<K, Timeline<P>>();
  for (const [k, rows] of lists) out.set(k, new Timeline(rows.sort((a, b) => a.fromDay - b.fromDay)));
  return out;
}
