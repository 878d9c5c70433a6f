import { and, asc, desc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { countries, currencies, customsOffices, exchangeRates, procedureCodes } from './tables.js';

export type CountryRow = typeof countries.$inferSelect;
export type CurrencyRow = typeof currencies.$inferSelect;
export type ExchangeRateRow = typeof exchangeRates.$inferSelect;
export type CustomsOfficeRow = typeof customsOffices.$inferSelect;
export type ProcedureCodeRow = typeof procedureCodes.$inferSelect;

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
