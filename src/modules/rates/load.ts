import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { summariseDatabaseError } from '../../db/error-summary.js';
import type { CountryGroupListRecord, TariffStructure } from './files/authority.js';
import type { ExchangeRateRecord } from './files/exchange-rates.js';
import type {
  AssessmentRuleRecords,
  CountryGroupRecord,
  DutyRateRecord,
  ResearchLevyRecord,
} from './files/rate-json.js';
import type { CommodityRecord } from './files/tariff-csv.js';
import {
  assessmentRules,
  commodityCodes,
  countryGroupMembers,
  countryGroups,
  dutyRates,
  exchangeRates,
  exciseRates,
  packagingRates,
  ratesVersion,
  researchLevyRates,
  tariffChapters,
  tariffHeadings,
  tariffSections,
  vatRates,
} from './tables.js';

/** Everything a set of rate files holds, parsed. */
export interface RateRecords {
  commodities?: CommodityRecord[];
  /** The authority's published tariff: hierarchy and code texts, without units or rates. */
  tariffStructure?: TariffStructure;
  countryGroupList?: CountryGroupListRecord[];
  dutyRates?: DutyRateRecord[];
  researchLevies?: ResearchLevyRecord[];
  countryGroups?: CountryGroupRecord[];
  exchangeRates?: ExchangeRateRecord[];
  rules?: AssessmentRuleRecords;
  /** What a file held that is not loaded, one line each, for the person loading it. */
  notes?: string[];
}

export interface LoadSummary {
  readonly [table: string]: number;
}

/** Rows per insert: within PostgreSQL's 65,535 bind parameters for the widest table. */
const BATCH = 5_000;
/**
 * Duty rows per statement. The trade-agreement file holds some 277,000: they go in as one JSON
 * parameter per statement, which PostgreSQL expands itself, several times faster than bind
 * parameters row by row.
 */
const DUTY_BATCH = 50_000;

/**
 * A row of one key and first day given twice in a set (the trade-agreement file and a development
 * file rating the same code) is written once, as the later file gives it: files are read in the
 * order they are named, so the more specific file named last decides.
 */
function lastOfEachKey(rows: readonly DutyRateRecord[]): DutyRateRecord[] {
  const byKey = new Map<string, DutyRateRecord>();
  for (const row of rows) {
    const key = `${row.commodityCode}|${row.countryGroup}|${row.validFrom}`;
    byKey.delete(key);
    byKey.set(key, row);
  }
  return [...byKey.values()];
}

async function writeDutyRates(tx: Executor, all: readonly DutyRateRecord[]): Promise<number> {
  const rows = lastOfEachKey(all);
  for (let start = 0; start < rows.length; start += DUTY_BATCH) {
    const batch = rows.slice(start, start + DUTY_BATCH).map((r) => ({
      code: r.commodityCode,
      group: r.countryGroup,
      kind: r.kind,
      value: r.value,
      from: r.validFrom,
      to: r.validTo,
    }));
    await tx.execute(sql`insert into ${dutyRates}
        (commodity_code, country_group, kind, value, valid_from, valid_to)
      select r.code, r.group, r.kind, r.value, r.from, r.to
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
        as r(code text, "group" text, kind text, value numeric, "from" date, "to" date)
      on conflict (commodity_code, country_group, valid_from)
        do update set kind = excluded.kind, value = excluded.value, valid_to = excluded.valid_to`);
  }
  return rows.length;
}

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
  if (records.tariffStructure) await writeTariffStructure(tx, records.tariffStructure, summary, at);
  if (records.countryGroupList?.length) {
    at.table = 'country_groups';
    summary.country_groups = await inBatches(records.countryGroupList, (batch) =>
      tx
        .insert(countryGroups)
        .values(batch)
        .onConflictDoUpdate({
          target: countryGroups.code,
          set: {
            name: sql`excluded.name`,
            preferenceCode: sql`excluded.preference_code`,
            validFrom: sql`excluded.valid_from`,
            validTo: sql`excluded.valid_to`,
          },
        }),
    );
  }
  if (records.dutyRates?.length) {
    at.table = 'duty_rates';
    summary.duty_rates = await writeDutyRates(tx, records.dutyRates);
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

/**
 * The published tariff: sections, chapters and headings replace their texts; a code's text is
 * the published one, while its unit, VAT class, excise and restriction stay as the rate files
 * gave them (the structure holds none), so it is written after the tariff CSV of the same load.
 */
async function writeTariffStructure(
  tx: Executor,
  structure: TariffStructure,
  summary: Record<string, number>,
  at: { table: string },
): Promise<void> {
  at.table = 'tariff_sections';
  summary.tariff_sections = await inBatches(structure.sections, (batch) =>
    tx
      .insert(tariffSections)
      .values(batch)
      .onConflictDoUpdate({
        target: tariffSections.id,
        set: { position: sql`excluded.position`, description: sql`excluded.description` },
      }),
  );
  at.table = 'tariff_chapters';
  summary.tariff_chapters = await inBatches(structure.chapters, (batch) =>
    tx
      .insert(tariffChapters)
      .values(batch)
      .onConflictDoUpdate({
        target: tariffChapters.id,
        set: { sectionId: sql`excluded.section_id`, description: sql`excluded.description` },
      }),
  );
  at.table = 'tariff_headings';
  summary.tariff_headings = await inBatches(structure.headings, (batch) =>
    tx
      .insert(tariffHeadings)
      .values(batch)
      .onConflictDoUpdate({
        target: tariffHeadings.id,
        set: { chapterId: sql`excluded.chapter_id`, description: sql`excluded.description` },
      }),
  );
  at.table = 'commodity_codes';
  summary.commodity_codes =
    (summary.commodity_codes ?? 0) +
    (await inBatches(structure.codes, (batch) =>
      tx
        .insert(commodityCodes)
        .values(batch)
        .onConflictDoUpdate({
          target: [commodityCodes.code, commodityCodes.validFrom],
          set: { description: sql`excluded.description` },
        }),
    ));
  await closeOverlaps(tx, 'commodity_codes', ['code'], 'ctid');
}
