import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { textList } from '../../db/lists.js';
import type { ReferenceLists } from './model.js';
import { commodityCodes, countries, currencies, customsOffices, procedureCodes, ratesVersion } from './tables.js';

/**
 * The rates module's entry point for other modules: loading the authority's files, reading the
 * rate rows the assessment prepares its rate book from, the rates version, and the reference facts
 * a declaration is checked against. Everything else of the module stays behind this file.
 */

export { readRateFileSet, readRateFiles, TARIFF_DEFAULT_VALID_FROM } from './files/rate-files.js';
export { RateFileError } from './files/rate-json.js';
export { type LoadSummary, loadRates, RateLoadError, type RateRecords } from './load.js';
export type * from './model.js';
export {
  countryGroupMemberships,
  existingCountryCodes,
  existingCountryGroups,
  existingTariffCodes,
  findExchangeRate,
  listProcedureCodes,
  readRateRows,
  readRatesVersion,
} from './repository.js';

/**
 * The rates version as a scalar subquery, for a caller that reads its other facts in one
 * statement and then asks the rate book of that version instead of spending a statement on it.
 */
export const RATES_VERSION_SQL = sql<number>`coalesce((select ${ratesVersion.version} from ${ratesVersion}), 0)`;

/** Every version of the given codes, as a JSON array of CommodityFact (model.ts). */
export function commodityFactsSql(codes: readonly string[]): SQL {
  const c = commodityCodes;
  return sql`(select coalesce(json_agg(json_build_object('code', ${c.code}, 'validFrom', ${c.validFrom},
        'validTo', ${c.validTo}, 'unit', ${c.unit}, 'exciseCategory', ${c.exciseCategory})), '[]')
      from ${c} where ${c.code} in ${textList(codes)})`;
}

/** The given country codes that exist, as a JSON array. */
export function knownCountriesSql(codes: readonly string[]): SQL {
  return sql`(select coalesce(json_agg(${countries.code}), '[]') from ${countries}
      where ${countries.code} in ${textList(codes)})`;
}

/** The given currency codes that exist, as a JSON array. */
export function knownCurrenciesSql(codes: readonly string[]): SQL {
  return sql`(select coalesce(json_agg(${currencies.code}), '[]') from ${currencies}
      where ${currencies.code} in ${textList(codes)})`;
}

export function customsOfficeExistsSql(code: string | null): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${customsOffices} where ${customsOffices.code} = ${code}::text)`;
}

/** The procedure with this code as a JSON object (ProcedureCode, model.ts), or null. */
export function procedureSql(code: string | null): SQL {
  return sql`(select json_build_object('code', ${procedureCodes.code}, 'declarationType',
        ${procedureCodes.declarationType}, 'description', ${procedureCodes.description})
      from ${procedureCodes} where ${procedureCodes.code} = ${code}::text)`;
}

/** Adds the entries not there yet; existing ones stay as they are. */
export async function storeReferenceLists(tx: Executor, lists: ReferenceLists): Promise<void> {
  if (lists.countries.length)
    await tx
      .insert(countries)
      .values([...lists.countries])
      .onConflictDoNothing();
  if (lists.currencies.length)
    await tx
      .insert(currencies)
      .values([...lists.currencies])
      .onConflictDoNothing();
  if (lists.customsOffices.length)
    await tx
      .insert(customsOffices)
      .values([...lists.customsOffices])
      .onConflictDoNothing();
  if (lists.procedureCodes.length)
    await tx
      .insert(procedureCodes)
      .values([...lists.procedureCodes])
      .onConflictDoNothing();
}

/** True when no country is known: a database that was never seeded or loaded. */
export async function hasNoReferenceData(db: Executor): Promise<boolean> {
  const [row] = await db.select({ one: sql<number>`1` }).from(countries).limit(1);
  return row === undefined;
}
