import { type Exact, integer } from '../../../shared/money.js';
import { type Day, dayOf, rowInForce } from './dates.js';
import { type Problem, type ProblemPath, problem } from './problems.js';
import type { PreparedCommodity, PreparedRateBook } from './rate-book/prepared-book.js';
import type { ExchangeRateRef } from './results.js';
import type { IsoDate } from './types.js';

/** Rate-book lookups shared by the rules: each returns the row in force on the date, or a problem. */

/** NOK per one unit of a currency on a date, with the citation of the rate used. */
export interface Conversion {
  currency: string;
  factor: Exact;
  /** null for NOK, which needs no rate. */
  ref: ExchangeRateRef | null;
  /** Fixed parts of the customs-value sentence, built once per assessment (see customs-value.ts). */
  phrases: ConversionPhrases;
}

export interface ConversionPhrases {
  invoice: string;
  share: string;
  sum: string;
  rate: string;
}

function phrasesOf(currency: string, ref: ExchangeRateRef | null): ConversionPhrases {
  return {
    invoice: `Invoice amount ${currency} `,
    share: ` + share of freight and insurance ${currency} `,
    sum: ` (allocated by invoice value) = ${currency} `,
    rate: ref === null ? '; customs value ' : `; ${conversionPhrase(ref)} `,
  };
}

/** "× 10.5 NOK per 1 USD (exchange rate FX-1 in force on 2025-03-01)": how a sentence cites a conversion. */
export function conversionPhrase(ref: ExchangeRateRef): string {
  return `× ${ref.rate} NOK per ${ref.unit} ${ref.currency} (exchange rate ${ref.id} in force on ${ref.date})`;
}

/**
 * A customs-value sentence without the allocation figures (the item's share of freight and
 * insurance, and the sum): for a reader who sees only some items of a consignment, for whom the
 * share and the freight would together give away the value of the others.
 */
export function withoutAllocationFigures(explanation: string): string {
  return explanation.replace(
    / \+ share of freight and insurance ([A-Z]{3}) \S+ \(allocated by invoice value\) = \1 \S+?(?=;)/,
    ' + its share of freight and insurance (not shown: it depends on goods outside what you may see)',
  );
}

const NOK_CONVERSION: Conversion = {
  currency: 'NOK',
  factor: integer(1),
  ref: null,
  phrases: phrasesOf('NOK', null),
};

/**
 * The exchange rate in force on the date (the authority's published rate). When it is missing the
 * problem is recorded and a placeholder rate of 1 is returned, so that the rest of the input is still
 * checked and every problem reported at once; the result is discarded because a problem exists.
 */
export function conversionOn(
  book: PreparedRateBook,
  currency: string,
  date: IsoDate,
  path: ProblemPath,
  problems: Problem[],
): Conversion {
  if (currency === 'NOK') return NOK_CONVERSION;
  const row = rowInForce(book.exchangeRates.get(currency), dayOf(date));
  if (row === undefined) {
    problems.push(problem('EXCHANGE_RATE_MISSING', path, `No exchange rate for ${currency} is in force on ${date}.`));
    return {
      currency,
      factor: NOK_CONVERSION.factor,
      ref: null,
      phrases: phrasesOf(currency, null),
    };
  }
  const ref: ExchangeRateRef = {
    id: row.id,
    currency,
    rate: row.rateText,
    unit: row.unit,
    date,
    validFrom: row.validFrom,
    validTo: row.validTo,
  };
  return { currency, factor: row.factor, ref, phrases: phrasesOf(currency, ref) };
}

/** Memoises conversions per currency within one assessment (travellers mix currencies). */
export class Conversions {
  private readonly cache = new Map<string, Conversion>();
  constructor(
    private readonly book: PreparedRateBook,
    private readonly date: IsoDate,
    private readonly problems: Problem[],
  ) {}

  of(currency: string, path: ProblemPath): Conversion {
    const cached = this.cache.get(currency);
    if (cached && (cached.ref !== null || currency === 'NOK')) return cached;
    const conversion = conversionOn(this.book, currency, this.date, path, this.problems);
    this.cache.set(currency, conversion);
    return conversion;
  }
}

/** The version of a commodity code in force (with its rates); `path` locates the item. */
export function commodityOn(ctx: RuleContext, code: string, path: ProblemPath): PreparedCommodity | undefined {
  const commodity = rowInForce(ctx.book.codes.get(code), ctx.day);
  if (commodity === undefined) {
    ctx.problems.push(
      problem(
        'COMMODITY_CODE_NOT_VALID_ON_DATE',
        [...path, 'commodityCode'],
        `Commodity code ${code} is not in the tariff on ${ctx.date}.`,
      ),
    );
    return undefined;
  }
  if (commodity.ratesNotLoaded) {
    ctx.problems.push(
      problem(
        'RATES_NOT_LOADED',
        [...path, 'commodityCode'],
        `No rates are loaded for commodity code ${code}: it cannot be assessed until they are.`,
      ),
    );
    return undefined;
  }
  return commodity;
}

/** What every rule needs: the rates, the date they are taken on, and where to report problems. */
export interface RuleContext {
  book: PreparedRateBook;
  date: IsoDate;
  /** `date` as a day number, for rate lookups. */
  day: Day;
  problems: Problem[];
}
