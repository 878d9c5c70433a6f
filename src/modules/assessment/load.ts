import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { summariseDatabaseError } from '../../db/error-summary.js';
import type { ExchangeRateRecord } from '../reference/open-data.js';
import { exchangeRates } from '../reference/tables.js';
import type { CommodityRecord } from '../tariff/open-data.js';
import { commodityCodes } from '../tariff/tables.js';
import type { AssessmentRuleRecords, CountryGroupRecord, DutyRateRecord, ResearchLevyRecord } from './open-data.js';
import {
  assessmentRules,
  countryGroupMembers,
  dutyRates,
  exciseRates,
  packagingRates,
  ratesVersion,
  researchLevyRates,
  vatRates,
} from './tables.js';

/** Everything a set of rate files holds, parsed. */
export interface RateRecords {
  commodities?: CommodityRecord[];
  dutyRates?: DutyRateRecord[];
  researchLevies?: ResearchLevyRecord[];
  countryGroups?: CountryGroupRecord[];
  exchangeRates?: ExchangeRateRecord[];
  rules?: AssessmentRuleRecords;
}

export interface LoadSummary {
  readonly [table: string]: number;
}

const BATCH = 500;

async function inBatches<T>(rows: readonly T[], write: (batch: T[]) => Promise<unknown>): Promise<number> {
  for (let start = 0; start < rows.length; start += BATCH) await write(rows.slice(start, start + BATCH));
  return rows.length;
}

/**
 * Closes the window of a row that a later row of the same key starts inside: published data
 * sometimes leaves the old rate open-ended when the new one arrives. After this no two rows of
 * one key overlap, which the engine requires.
 */
async function closeOverlaps(tx: Executor, table: string, key: string[], id: string): Promise<void> {
  const keys = key.map((k) => `"${k}"`).join(', ');
  await tx.execute(
    sql.raw(`update "${table}" t set valid_to = n.next_from - 1
      from (select ${id} as row_id, lead(valid_from) over (partition by ${keys} order by valid_from) as next_from from "${table}") n
      where t.${id} = n.row_id and n.next_from is not null and (t.valid_to is null or t.valid_to >= n.next_from)`),
  );
}

/**
 * Loads rates into their tables in one transaction: a row with the same key and first day as
 * one already loaded replaces it (a corrected file can be loaded again), new rows are added, and
 * windows that a later row overlaps are closed the day before it.
 */
export async function loadRates(tx: Executor, records: RateRecords): Promise<LoadSummary> {
  const at = { table: '' };
  try {
    const summary = await writeRates(tx, records, at);
    at.table = 'rates_version';
    await bumpRatesVersion(tx);
    return summary;
  } catch (error) {
    throw new RateLoadError(at.table, error);
  }
}

/**
 * Moves the rates to a new version in the load's own transaction: the processes that cache a
 * prepared rate book see the new version together with the new rows, never one without the other.
 * The row lock also serialises two loads, so each gets a version of its own.
 */
async function bumpRatesVersion(tx: Executor): Promise<void> {
  await tx
    .insert(ratesVersion)
    .values({ id: true, version: 1 })
    .onConflictDoUpdate({ target: ratesVersion.id, set: { version: sql`${ratesVersion.version} + 1` } });
}

/**
 * The database refused rows (a value a column cannot hold, a currency it does not know ...): the
 * table being loaded and PostgreSQL's reason in one line, without the statement. The transaction
 * it ran in is rolled back by the caller, so nothing of the set is loaded.
 */
export class RateLoadError extends Error {
  constructor(
    readonly table: string,
    cause: unknown,
  ) {
    super(`${table}: ${summariseDatabaseError(cause)}`, { cause });
    this.name = 'RateLoadError';
  }
}

async function writeRates(tx: Executor, records: RateRecords, at: { table: string }): Promise<LoadSummary> {
  const summary: Record<string, number> = {};
  if (records.commodities?.length) {
    at.table = 'commodity_codes';
    summary.commodity_codes = await inBatches(records.commodities, (batch) =>
      tx
        .insert(commodityCodes)
        .values(batch)
        .onConflictDoUpdate({
          target: [commodityCodes.code, commodityCodes.validFrom],
          set: {
            validTo: sql`excluded.valid_to`,
            description: sql`excluded.description`,
            unit: sql`excluded.unit`,
            vatClass: sql`excluded.vat_class`,
            exciseCategory: sql`excluded.excise_category`,
            restrictedBy: sql`excluded.restricted_by`,
          },
        }),
    );
    await closeOverlaps(tx, 'commodity_codes', ['code'], 'ctid');
  }
  if (records.dutyRates?.length) {
    at.table = 'duty_rates';
    summary.duty_rates = await inBatches(records.dutyRates, (batch) =>
      tx
        .insert(dutyRates)
        .values(batch)
        .onConflictDoUpdate({
          target: [dutyRates.commodityCode, dutyRates.countryGroup, dutyRates.validFrom],
          set: { kind: sql`excluded.kind`, value: sql`excluded.value`, validTo: sql`excluded.valid_to` },
        }),
    );
    await closeOverlaps(tx, 'duty_rates', ['commodity_code', 'country_group'], 'id');
  }
  if (records.researchLevies?.length) {
    at.table = 'research_levy_rates';
    summary.research_levy_rates = await inBatches(records.researchLevies, (batch) =>
      tx
        .insert(researchLevyRates)
        .values(batch)
        .onConflictDoUpdate({
          target: [researchLevyRates.codePrefix, researchLevyRates.validFrom],
          set: { percent: sql`excluded.percent`, validTo: sql`excluded.valid_to` },
        }),
    );
    await closeOverlaps(tx, 'research_levy_rates', ['code_prefix'], 'id');
  }
  if (records.countryGroups?.length) {
    at.table = 'country_group_members';
    summary.country_group_members = await inBatches(records.countryGroups, (batch) =>
      tx
        .insert(countryGroupMembers)
        .values(batch)
        .onConflictDoUpdate({
          target: [countryGroupMembers.group, countryGroupMembers.countryCode, countryGroupMembers.validFrom],
          set: { validTo: sql`excluded.valid_to` },
        }),
    );
    await closeOverlaps(tx, 'country_group_members', ['country_group', 'country_code'], 'ctid');
  }
  if (records.exchangeRates?.length) {
    at.table = 'exchange_rates';
    summary.exchange_rates = await inBatches(records.exchangeRates, (batch) =>
      tx
        .insert(exchangeRates)
        .values(batch.map((r) => ({ ...r, source: 'open data: omregningskurser' })))
        .onConflictDoUpdate({
          target: [exchangeRates.currencyCode, exchangeRates.validFrom],
          set: { rate: sql`excluded.rate`, unit: sql`excluded.unit`, validTo: sql`excluded.valid_to` },
        }),
    );
    await closeOverlaps(tx, 'exchange_rates', ['currency_code'], 'id');
  }
  const rules = records.rules;
  if (rules?.vatRates.length) {
    at.table = 'vat_rates';
    summary.vat_rates = await inBatches(rules.vatRates, (batch) =>
      tx
        .insert(vatRates)
        .values(batch)
        .onConflictDoUpdate({
          target: [vatRates.vatClass, vatRates.validFrom],
          set: { percent: sql`excluded.percent`, validTo: sql`excluded.valid_to` },
        }),
    );
    await closeOverlaps(tx, 'vat_rates', ['vat_class'], 'id');
  }
  if (rules?.exciseRates.length) {
    at.table = 'excise_rates';
    summary.excise_rates = await inBatches(rules.exciseRates, (batch) =>
      tx
        .insert(exciseRates)
        .values(batch)
        .onConflictDoUpdate({
          target: [exciseRates.category, exciseRates.strengthFrom, exciseRates.validFrom],
          set: {
            kind: sql`excluded.kind`,
            strengthFromInclusive: sql`excluded.strength_from_inclusive`,
            strengthTo: sql`excluded.strength_to`,
            strengthToInclusive: sql`excluded.strength_to_inclusive`,
            value: sql`excluded.value`,
            validTo: sql`excluded.valid_to`,
          },
        }),
    );
    await closeOverlaps(tx, 'excise_rates', ['category', 'strength_from'], 'id');
  }
  if (rules?.packagingRates.length) {
    at.table = 'packaging_rates';
    summary.packaging_rates = await inBatches(rules.packagingRates, (batch) =>
      tx
        .insert(packagingRates)
        .values(batch)
        .onConflictDoUpdate({
          target: [packagingRates.tax, packagingRates.material, packagingRates.validFrom],
          set: {
            perUnit: sql`excluded.per_unit`,
            exemptAtReturnPercent: sql`excluded.exempt_at_return_percent`,
            validTo: sql`excluded.valid_to`,
          },
        }),
    );
    await closeOverlaps(tx, 'packaging_rates', ['tax', 'material'], 'id');
  }
  if (rules?.rules.length) {
    at.table = 'assessment_rules';
    summary.assessment_rules = await inBatches(rules.rules, (batch) =>
      tx
        .insert(assessmentRules)
        .values(batch)
        .onConflictDoUpdate({
          target: [assessmentRules.rule, assessmentRules.attributes, assessmentRules.validFrom],
          set: { value: sql`excluded.value`, validTo: sql`excluded.valid_to` },
        }),
    );
    await closeOverlaps(tx, 'assessment_rules', ['rule', 'attributes'], 'id');
  }
  return summary;
}
