import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { runPrepared } from '../../db/prepared.js';
import { vatRegisteredSql } from '../parties/service.js';
import type { CommodityFact, ProcedureCode } from '../rates/model.js';
import {
  commodityFactsSql,
  customsOfficeExistsSql,
  knownCountriesSql,
  knownCurrenciesSql,
  procedureSql,
} from '../rates/service.js';
import { declarations } from './tables.js';

/**
 * Everything a submission looks up before its transaction, read in one statement of scalar
 * subqueries: each subquery is one indexed lookup, and one round trip instead of one per fact keeps
 * a pooled connection busy for the shortest time. The modules that own the facts write their
 * subqueries; this file only puts them in one statement. Lists go in as JSON arrays, so the
 * statement's text never changes and it runs prepared.
 */

export interface ReferenceQuery {
  readonly commodityCodes: readonly string[];
  readonly countryCodes: readonly string[];
  readonly currencyCodes: readonly string[];
  readonly customsOffice: string | null;
  readonly procedureCode: string | null;
  /** The importer's organisation number, for its VAT registration. */
  readonly importerOrgnr: string | null;
  /** The declarant and its reference, for an earlier submission of the same reference. */
  readonly declarant: string | null;
  readonly clientReference: string;
  /** The rates version, as the assessment reads it. */
  readonly ratesVersionSql: SQL<number>;
}

export interface ReferenceRows {
  readonly commodities: CommodityFact[];
  readonly countries: string[];
  readonly currencies: string[];
  readonly customsOfficeExists: boolean;
  readonly procedure: ProcedureCode | null;
  readonly importerVatRegistered: boolean;
  /** The declarant's declaration with this reference, when there is one: the submission is a replay. */
  readonly earlierDeclarationId: number | null;
  readonly ratesVersion: number;
}

export async function findReferenceRows(db: Executor, q: ReferenceQuery): Promise<ReferenceRows> {
  const [row] = await runPrepared<{ facts: string }>(
    db,
    'reference_facts',
    sql`select json_build_object(
    'commodities', ${commodityFactsSql(q.commodityCodes)},
    'countries', ${knownCountriesSql(q.countryCodes)},
    'currencies', ${knownCurrenciesSql(q.currencyCodes)},
    'customsOfficeExists', ${customsOfficeExistsSql(q.customsOffice)},
    'procedure', ${procedureSql(q.procedureCode)},
    'importerVatRegistered', ${vatRegisteredSql(q.importerOrgnr)},
    'earlierDeclarationId', (select ${declarations.id} from ${declarations}
      where ${declarations.declarantOrgnr} = ${q.declarant}::text and ${declarations.clientReference} = ${q.clientReference}::text),
    'ratesVersion', ${q.ratesVersionSql}
  )::text as facts`,
  );
  if (!row) throw new Error('the reference facts statement returned no row');
  return JSON.parse(row.facts) as ReferenceRows;
}
