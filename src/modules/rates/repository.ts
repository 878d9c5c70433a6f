import { and, asc, desc, eq, gte, ilike, inArray, isNotNull, isNull, like, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { KeysetPageRequest } from '../../shared/pagination.js';
import {
  CITED_RATE_PREFIXES,
  type CitedRate,
  type CitedRateTable,
  type CommodityCodeRow,
  type CountryGroupMemberRow,
  type CountryRow,
  type CurrencyRow,
  type CustomsOfficeRow,
  citedRateId,
  type ExchangeRateRow,
  type ProcedureCodeRow,
  type RateRows,
  type TariffChapterRow,
  type TariffHeadingRow,
  type TariffSectionRow,
} from './model.js';
import {
  assessmentRules,
  commodityCodes,
  countries,
  countryGroupMembers,
  countryGroups,
  currencies,
  customsOffices,
  dutyRates,
  exchangeRates,
  exciseRates,
  packagingRates,
  procedureCodes,
  ratesVersion,
  researchLevyRates,
  tariffChapters,
  tariffHeadings,
  tariffSections,
  vatRates,
} from './tables.js';

function validOn(date: string) {
  return and(
    lte(commodityCodes.validFrom, date),
    or(isNull(commodityCodes.validTo), gte(commodityCodes.validTo, date)),
  );
}

export interface CommodityCodeSearch {
  /** Leading digits of the code. */
  prefix?: string | undefined;
  /**
   * Words that must all occur in the description, case-insensitive, each anywhere (inside longer
   * words too). Bounded by the caller (search.ts): each word is one condition that the trigram
   * index on the description serves.
   */
  words?: readonly string[] | undefined;
  /** Only versions in force on this date; all versions when absent. */
  validOn?: string | undefined;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A page of commodity codes in (code, validFrom) order. */
export async function searchCommodityCodes(
  db: Executor,
  search: CommodityCodeSearch,
  page: KeysetPageRequest,
): Promise<CommodityCodeRow[]> {
  return await commoditySearchQuery(db, search, page);
}

/** The query behind `searchCommodityCodes`, unexecuted, so that its plan can be examined. */
export function commoditySearchQuery(db: Executor, search: CommodityCodeSearch, page: KeysetPageRequest) {
  const words = search.words ?? [];
  const key = sql`(${commodityCodes.code}, ${commodityCodes.validFrom})`;
  return db
    .select()
    .from(commodityCodes)
    .where(
      and(
        search.prefix ? like(commodityCodes.code, `${escapeLike(search.prefix)}%`) : undefined,
        ...words.map((word) => ilike(commodityCodes.description, `%${escapeLike(word)}%`)),
        search.validOn ? validOn(search.validOn) : undefined,
        page.after ? sql`${key} > (${page.after[0]}, ${page.after[1]}::date)` : undefined,
        page.before ? sql`${key} < (${page.before[0]}, ${page.before[1]}::date)` : undefined,
      ),
    )
    .orderBy(
      ...(page.inverted
        ? [desc(commodityCodes.code), desc(commodityCodes.validFrom)]
        : [asc(commodityCodes.code), asc(commodityCodes.validFrom)]),
    )
    .limit(page.limit);
}

/** The version of a code in force on a date. */
export async function findCommodityCode(
  db: Executor,
  code: string,
  date: string,
): Promise<CommodityCodeRow | undefined> {
  const [row] = await db
    .select()
    .from(commodityCodes)
    .where(and(sql`${commodityCodes.code} = ${code}`, validOn(date)))
    .orderBy(desc(commodityCodes.validFrom))
    .limit(1);
  return row;
}

export function listCountries(db: Executor): Promise<CountryRow[]> {
  return db.select().from(countries).orderBy(asc(countries.code));
}

export function listCurrencies(db: Executor): Promise<CurrencyRow[]> {
  return db.select().from(currencies).orderBy(asc(currencies.code));
}

export function listCustomsOffices(db: Executor): Promise<CustomsOfficeRow[]> {
  return db.select().from(customsOffices).orderBy(asc(customsOffices.code));
}

export function listProcedureCodes(db: Executor, declarationType?: 'IMPORT' | 'EXPORT'): Promise<ProcedureCodeRow[]> {
  return db
    .select()
    .from(procedureCodes)
    .where(declarationType ? eq(procedureCodes.declarationType, declarationType) : undefined)
    .orderBy(asc(procedureCodes.code));
}

/** Which of the given codes exist; one statement whatever the number of codes. */
export async function existingCountryCodes(db: Executor, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .select({ code: countries.code })
    .from(countries)
    .where(inArray(countries.code, [...codes]));
  return new Set(rows.map((row) => row.code));
}

/** The members of the given country groups, each membership with its validity. */
export function countryGroupMemberships(db: Executor, groups: readonly string[]): Promise<CountryGroupMemberRow[]> {
  if (groups.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(countryGroupMembers)
    .where(inArray(countryGroupMembers.group, [...groups]));
}

/** Which of the given country groups exist. */
export async function existingCountryGroups(db: Executor, groups: readonly string[]): Promise<Set<string>> {
  if (groups.length === 0) return new Set();
  const rows = await db
    .select({ code: countryGroups.code })
    .from(countryGroups)
    .where(inArray(countryGroups.code, [...groups]));
  return new Set(rows.map((row) => row.code));
}

/**
 * Which of the given commodity codes (or code prefixes) and chapters the tariff has, in any
 * version: a prefix counts when some commodity code starts with it.
 */
export async function existingTariffCodes(
  db: Executor,
  query: { readonly codes: readonly string[]; readonly chapters: readonly string[] },
): Promise<{ codes: Set<string>; chapters: Set<string> }> {
  const codes = new Set<string>();
  for (const code of new Set(query.codes)) {
    const [row] = await db
      .select({ code: commodityCodes.code })
      .from(commodityCodes)
      .where(like(commodityCodes.code, `${code.replace(/[%_\\]/g, '')}%`))
      .limit(1);
    if (row) codes.add(code);
  }
  const chapters =
    query.chapters.length === 0
      ? []
      : await db
          .select({ id: tariffChapters.id })
          .from(tariffChapters)
          .where(inArray(tariffChapters.id, [...query.chapters]));
  return { codes, chapters: new Set(chapters.map((row) => row.id)) };
}

/** The exchange rate in force for a currency on a date (the latest window that covers it). */
export async function findExchangeRate(
  db: Executor,
  currency: string,
  date: string,
): Promise<ExchangeRateRow | undefined> {
  const [row] = await db
    .select()
    .from(exchangeRates)
    .where(
      and(
        eq(exchangeRates.currencyCode, currency),
        lte(exchangeRates.validFrom, date),
        or(isNull(exchangeRates.validTo), gte(exchangeRates.validTo, date)),
      ),
    )
    .orderBy(desc(exchangeRates.validFrom))
    .limit(1);
  return row;
}

export interface ExchangeRateFilter {
  currency?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Rates whose windows overlap [from, to], newest first; at most `limit`. */
export function listExchangeRates(db: Executor, filter: ExchangeRateFilter, limit: number): Promise<ExchangeRateRow[]> {
  return db
    .select()
    .from(exchangeRates)
    .where(
      and(
        filter.currency ? eq(exchangeRates.currencyCode, filter.currency) : undefined,
        filter.to ? lte(exchangeRates.validFrom, filter.to) : undefined,
        filter.from ? or(isNull(exchangeRates.validTo), gte(exchangeRates.validTo, filter.from)) : undefined,
      ),
    )
    .orderBy(asc(exchangeRates.currencyCode), desc(exchangeRates.validFrom))
    .limit(limit);
}

/**
 * Every rate row of every window, in nine reads; the caller runs them in one snapshot so that the
 * rows are one version of the rates.
 */
export async function readRateRows(db: Executor): Promise<RateRows> {
  return {
    commodities: await db.select().from(commodityCodes),
    // Only the duty of codes that have rates: the assessment refuses the others before it reads
    // a duty, and the trade-agreement file rates every code of the published tariff.
    duties: await db
      .select()
      .from(dutyRates)
      .where(
        inArray(
          dutyRates.commodityCode,
          db.select({ code: commodityCodes.code }).from(commodityCodes).where(isNotNull(commodityCodes.vatClass)),
        ),
      ),
    members: await db.select().from(countryGroupMembers),
    levies: await db.select().from(researchLevyRates),
    excises: await db.select().from(exciseRates),
    packaging: await db.select().from(packagingRates),
    vats: await db.select().from(vatRates),
    rates: await db.select().from(exchangeRates),
    rules: await db.select().from(assessmentRules),
  };
}

/** The version of the rates now committed; 0 before the first load. One tiny read. */
export async function readRatesVersion(db: Executor): Promise<number> {
  const [row] = await db.select({ version: ratesVersion.version }).from(ratesVersion);
  return row?.version ?? 0;
}

/** The sections of the tariff in their published order. */
export function listTariffSections(db: Executor): Promise<TariffSectionRow[]> {
  return db.select().from(tariffSections).orderBy(asc(tariffSections.position));
}

export function tariffSectionsByIds(db: Executor, ids: readonly string[]): Promise<TariffSectionRow[]> {
  return db
    .select()
    .from(tariffSections)
    .where(inArray(tariffSections.id, [...ids]));
}

export function tariffChaptersByIds(db: Executor, ids: readonly string[]): Promise<TariffChapterRow[]> {
  return db
    .select()
    .from(tariffChapters)
    .where(inArray(tariffChapters.id, [...ids]));
}

export function tariffHeadingsByIds(db: Executor, ids: readonly string[]): Promise<TariffHeadingRow[]> {
  return db
    .select()
    .from(tariffHeadings)
    .where(inArray(tariffHeadings.id, [...ids]));
}

/** The chapters of many sections, in code order. */
export function tariffChaptersOfSections(db: Executor, sectionIds: readonly string[]): Promise<TariffChapterRow[]> {
  return db
    .select()
    .from(tariffChapters)
    .where(inArray(tariffChapters.sectionId, [...sectionIds]))
    .orderBy(asc(tariffChapters.id));
}

/** The headings of many chapters, in code order. */
export function tariffHeadingsOfChapters(db: Executor, chapterIds: readonly string[]): Promise<TariffHeadingRow[]> {
  return db
    .select()
    .from(tariffHeadings)
    .where(inArray(tariffHeadings.chapterId, [...chapterIds]))
    .orderBy(asc(tariffHeadings.id));
}

/** Every version of many codes, by code and newest first: a code has a version per period it changed in. */
export function commodityCodeVersions(db: Executor, codes: readonly string[]): Promise<CommodityCodeRow[]> {
  return db
    .select()
    .from(commodityCodes)
    .where(inArray(commodityCodes.code, [...codes]))
    .orderBy(asc(commodityCodes.code), desc(commodityCodes.validFrom));
}

export function customsOfficesByCodes(db: Executor, codes: readonly string[]): Promise<CustomsOfficeRow[]> {
  return db
    .select()
    .from(customsOffices)
    .where(inArray(customsOffices.code, [...codes]));
}

export function procedureCodesByCodes(db: Executor, codes: readonly string[]): Promise<ProcedureCodeRow[]> {
  return db
    .select()
    .from(procedureCodes)
    .where(inArray(procedureCodes.code, [...codes]));
}

/** The codes of many headings (their first four digits) in force on a date, in code order. */
export function commodityCodesOfHeadings(
  db: Executor,
  headingIds: readonly string[],
  date: string,
): Promise<CommodityCodeRow[]> {
  return db
    .select()
    .from(commodityCodes)
    .where(and(inArray(sql`left(${commodityCodes.code}, 4)`, [...headingIds]), validOn(date)))
    .orderBy(asc(commodityCodes.code));
}

/** A cited id: the table's letter, then the row's id (no leading zero, within a safe integer). */
const CITED_RATE_ID = new RegExp(`^([${Object.keys(CITED_RATE_PREFIXES).join('')}])([1-9][0-9]{0,14})$`);

/**
 * The rate rows the given cited ids name (`D12`, `V3`, ...), by cited id; one statement per table
 * asked, whatever the number of ids. An id that is malformed or names no row is not in the map.
 */
export async function citedRatesByIds(db: Executor, ids: readonly string[]): Promise<Map<string, CitedRate>> {
  const wanted = new Map<CitedRateTable, number[]>();
  for (const id of ids) {
    const match = CITED_RATE_ID.exec(id);
    if (!match) continue;
    const table = CITED_RATE_PREFIXES[match[1] as keyof typeof CITED_RATE_PREFIXES];
    wanted.set(table, [...(wanted.get(table) ?? []), Number(match[2])]);
  }
  const found = new Map<string, CitedRate>();
  const add = (rate: CitedRate) => found.set(rate.id, rate);
  for (const [table, rowIds] of wanted) {
    switch (table) {
      case 'DUTY':
        for (const row of await db.select().from(dutyRates).where(inArray(dutyRates.id, rowIds)))
          add({ table, id: citedRateId(table, row.id), row });
        break;
      case 'RESEARCH_LEVY':
        for (const row of await db.select().from(researchLevyRates).where(inArray(researchLevyRates.id, rowIds)))
          add({ table, id: citedRateId(table, row.id), row });
        break;
      case 'EXCISE':
        for (const row of await db.select().from(exciseRates).where(inArray(exciseRates.id, rowIds)))
          add({ table, id: citedRateId(table, row.id), row });
        break;
      case 'PACKAGING':
        for (const row of await db.select().from(packagingRates).where(inArray(packagingRates.id, rowIds)))
          add({ table, id: citedRateId(table, row.id), row });
        break;
      case 'VAT':
        for (const row of await db.select().from(vatRates).where(inArray(vatRates.id, rowIds)))
          add({ table, id: citedRateId(table, row.id), row });
        break;
      case 'RULE':
        for (const row of await db.select().from(assessmentRules).where(inArray(assessmentRules.id, rowIds)))
          add({ table, id: citedRateId(table, row.id), row });
        break;
    }
  }
  return found;
}
