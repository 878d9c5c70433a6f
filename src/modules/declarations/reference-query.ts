import { sql } from 'drizzle-orm';
import { type Executor, rowsOf } from '../../db/client.js';
import { RATES_VERSION_SQL } from '../assessment/service.js';
import { organisations } from '../parties/tables.js';
import { countries, currencies, customsOffices, procedureCodes } from '../reference/tables.js';
import { commodityCodes } from '../tariff/tables.js';
import { declarations } from './tables.js';

/**
 * Everything a submission looks up before its transaction, read in one statement of scalar
 * subqueries: each subquery is one indexed lookup, and one round trip instead of one per fact keeps
 * a pooled connection busy for the shortest time. Lists go in as JSON arrays, which both drivers
 * pass as one text parameter whatever their length.
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
}

/** A version of a commodity code, with what validation checks of it. */
export interface CommodityFact {
  readonly code: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly unit: string;
  readonly exciseCategory: string | null;
}

export interface ReferenceRows {
  readonly commodities: CommodityFact[];
  readonly countries: string[];
  readonly currencies: string[];
  readonly customsOfficeExists: boolean;
  readonly procedure: { code: string; declarationType: 'IMPORT' | 'EXPORT'; description: string } | null;
  readonly importerVatRegistered: boolean;
  /** The declarant's declaration with this reference, when there is one: the submission is a replay. */
  readonly earlierDeclarationId: number | null;
  readonly ratesVersion: number;
}

const list = (values: readonly string[]) => sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

export async function findReferenceRows(db: Executor, q: ReferenceQuery): Promise<ReferenceRows> {
  const c = commodityCodes;
  const result = await db.execute(sql`select json_build_object(
    'commodities', (select coalesce(json_agg(json_build_object('code', ${c.code}, 'validFrom', ${c.validFrom},
        'validTo', ${c.validTo}, 'unit', ${c.unit}, 'exciseCategory', ${c.exciseCategory})), '[]')
      from ${c} where ${c.code} in ${list(q.commodityCodes)}),
    'countries', (select coalesce(json_agg(${countries.code}), '[]') from ${countries}
      where ${countries.code} in ${list(q.countryCodes)}),
    'currencies', (select coalesce(json_agg(${currencies.code}), '[]') from ${currencies}
      where ${currencies.code} in ${list(q.currencyCodes)}),
    'customsOfficeExists', exists (select 1 from ${customsOffices} where ${customsOffices.code} = ${q.customsOffice}::text),
    'procedure', (select json_build_object('code', ${procedureCodes.code}, 'declarationType',
        ${procedureCodes.declarationType}, 'description', ${procedureCodes.description})
      from ${procedureCodes} where ${procedureCodes.code} = ${q.procedureCode}::text),
    'importerVatRegistered', coalesce((select ${organisations.vatRegistered} from ${organisations}
      where ${organisations.organisationNumber} = ${q.importerOrgnr}::text), false),
    'earlierDeclarationId', (select ${declarations.id} from ${declarations}
      where ${declarations.declarantOrgnr} = ${q.declarant}::text and ${declarations.clientReference} = ${q.clientReference}::text),
    'ratesVersion', ${RATES_VERSION_SQL}
  )::text as facts`);
  const [row] = rowsOf<{ facts: string }>(result);
  if (!row) throw new Error('the reference facts statement returned no row');
  return JSON.parse(row.facts) as ReferenceRows;
}
