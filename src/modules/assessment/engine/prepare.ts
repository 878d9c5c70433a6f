import { type Dated, Timeline } from './dates.js';
import { fixedOf } from './fixed-point.js';
import { prepareCodes } from './prepare-codes.js';
import { prepareTravellerRules, prepareVehicleRules } from './prepare-people.js';
import type {
  Cited,
  PreparedExchangeRate,
  PreparedExciseRate,
  PreparedPackagingRate,
  PreparedRateBook,
  PreparedVatRate,
} from './prepared.js';
import { lasting, Preparer, window } from './preparer.js';
import type { RateBook } from './types.js';
import { vatSentence } from './vat.js';

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

function isPowerOfTen(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && /^10*$/.test(String(n));
}

/**
 * Parses and indexes a rate book once. Assess with the result as many times as needed; prepare again
 * only when the rates change. Throws `InvalidRateBookError` listing every issue found.
 */
export function prepareRateBook(book: RateBook): PreparedRateBook {
  const p = new Preparer();

  const codes = prepareCodes(p, book);

  const groupMembers = p.index(
    'countryGroupMembers',
    book.countryGroupMembers,
    (r) => `${r.group}|${r.countryCode}`,
    window,
  );

  const excise = p.index(
    'exciseRates',
    book.exciseRates,
    (r) => `${r.category}|${r.strengthBand?.from ?? ''}`,
    (r, at): PreparedExciseRate => {
      const value = p.decimal(r.value, `${at}.value`);
      return {
        ...window(r),
        category: r.category,
        kind: r.kind,
        band: p.band(r.strengthBand, `${at}.strengthBand`),
        value,
        ...p.cited('EXCISE', r.id, value, r.kind, r),
      };
    },
  );

  const packaging = p.index(
    'packagingRates',
    book.packagingRates,
    (r) => (r.tax === 'BASIC' ? 'BASIC' : String(r.material)),
    (r, at): PreparedPackagingRate => {
      const perUnit = p.decimal(r.perUnit, `${at}.perUnit`);
      const exempt = r.exemptAtReturnPercent;
      return {
        ...window(r),
        tax: r.tax,
        material: r.material,
        perUnit,
        exemptAtReturnPercent: exempt === null ? null : p.decimal(exempt, `${at}.exemptAtReturnPercent`),
        ...p.cited('PACKAGING', r.id, perUnit, 'PER_UNIT', r),
      };
    },
  );

  const vat = p.index(
    'vatRates',
    book.vatRates,
    (r) => r.vatClass,
    (r, at): PreparedVatRate => {
      const percent = p.percent('VAT', r, r.percent, `${at}.percent`);
      return { ...percent, sentence: vatSentence(r.vatClass, percent.ref.value, percent.citation) };
    },
  );

  const exchangeRates = p.index(
    'exchangeRates',
    book.exchangeRates,
    (r) => r.currency,
    (r, at): PreparedExchangeRate => {
      const rate = p.decimal(r.rate, `${at}.rate`);
      if (!isPowerOfTen(r.unit)) p.issues.push(`${at}: unit must be 1, 10, 100, ...`);
      if (rate.isZero()) p.issues.push(`${at}: rate must be positive`);
      const unit = isPowerOfTen(r.unit) ? r.unit : 1;
      return {
        ...window(r),
        id: String(r.id),
        currency: r.currency,
        rateText: rate.toFixed(),
        unit,
        factor: lasting(rate.div(unit)),
        fixedFactor: fixedOf(rate.div(unit)),
      };
    },
  );

  const voec = p.list(
    'voecRules',
    book.voecRules,
    () => 'VOEC',
    (r, at) => p.amount('VOEC', r, r.itemValueLimitNok, 'NOK', `${at}.itemValueLimitNok`),
  );

  const traveller = prepareTravellerRules(p, book.travellerRules);
  const vehicle = prepareVehicleRules(p, book.vehicleTax);

  if (p.issues.length > 0) throw new InvalidRateBookError(p.issues);

  return {
    codes,
    groupMembers: nest(groupMembers),
    excise: regroup(excise, (r) => r.category),
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
