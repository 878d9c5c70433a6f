import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { runPrepared } from '../../../db/prepared.js';
import {
  controlOutcomes,
  importerHistory,
  riskAssessments,
  riskRules,
  riskRulesVersion,
  riskRuleVersions,
  type UnitValueContribution,
  unitValueStatistics,
} from './tables.js';

export type RiskRuleRow = typeof riskRules.$inferSelect;
export type RiskRuleVersionRow = typeof riskRuleVersions.$inferSelect;
export type RiskAssessmentRow = typeof riskAssessments.$inferSelect;
export type ControlOutcomeRow = typeof controlOutcomes.$inferSelect;

/** The rules version as a scalar subquery: 0 before any rule was written. */
export const RULES_VERSION_SQL = sql<number>`coalesce((select ${riskRulesVersion.version} from ${riskRulesVersion}), 0)`;

export async function readRulesVersion(db: Executor): Promise<number> {
  const [row] = await db.select({ version: RULES_VERSION_SQL }).from(sql`(select 1) as one`);
  return Number(row?.version ?? 0);
}

/** Bumps the rules version in the transaction of a rule change, which serialises rule changes too. */
export async function bumpRulesVersion(tx: Executor): Promise<void> {
  await tx
    .insert(riskRulesVersion)
    .values({ id: true, version: 1 })
    .onConflictDoUpdate({ target: riskRulesVersion.id, set: { version: sql`${riskRulesVersion.version} + 1` } });
}

export function allRuleVersions(db: Executor): Promise<RiskRuleVersionRow[]> {
  return db.select().from(riskRuleVersions).orderBy(asc(riskRuleVersions.ruleId), asc(riskRuleVersions.version));
}

export async function insertRule(tx: Executor, row: typeof riskRules.$inferInsert): Promise<RiskRuleRow> {
  const [inserted] = await tx.insert(riskRules).values(row).returning();
  if (!inserted) throw new Error('insert into risk_rules returned no row');
  return inserted;
}

export async function insertRuleVersion(
  tx: Executor,
  row: typeof riskRuleVersions.$inferInsert,
): Promise<RiskRuleVersionRow> {
  const [inserted] = await tx.insert(riskRuleVersions).values(row).returning();
  if (!inserted) throw new Error('insert into risk_rule_versions returned no row');
  return inserted;
}

/** A rule, locked for a change in this transaction. */
export async function lockRule(tx: Executor, id: number): Promise<RiskRuleRow | undefined> {
  const [row] = await tx.select().from(riskRules).where(eq(riskRules.id, id)).for('update');
  return row;
}

export function rulesByIds(db: Executor, ids: readonly number[]): Promise<RiskRuleRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(riskRules)
    .where(inArray(riskRules.id, [...ids]));
}

export function listRules(db: Executor): Promise<RiskRuleRow[]> {
  return db.select().from(riskRules).orderBy(asc(riskRules.id));
}

/** Every version of the given rules, newest first within each rule. */
export function versionsOfRules(db: Executor, ids: readonly number[]): Promise<RiskRuleVersionRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(riskRuleVersions)
    .where(inArray(riskRuleVersions.ruleId, [...ids]))
    .orderBy(asc(riskRuleVersions.ruleId), desc(riskRuleVersions.version));
}

/** What an acceptance reads besides the prepared rules, in one statement. */
export interface SelectionFacts {
  readonly rulesVersion: number;
  readonly ratesVersion: number;
  readonly statistics: { code: string; origin: string; items: number; valueOre: string; massKg: string }[];
  readonly importer: { firstAcceptedAt: string; declarations: number } | null;
  /** What the previous assessed version of this declaration added to the statistics. */
  readonly previous: UnitValueContribution[] | null;
}

export async function readSelectionFacts(
  db: Executor,
  query: {
    readonly declarationId: number;
    readonly importerKey: string | null;
    readonly pairs: readonly (readonly [string, string])[];
    readonly ratesVersionSql: ReturnType<typeof sql<number>>;
  },
): Promise<SelectionFacts> {
  const s = unitValueStatistics;
  const [row] = await runPrepared<{ facts: string }>(
    db,
    'risk_selection_facts',
    sql`select json_build_object(
    'rulesVersion', ${RULES_VERSION_SQL},
    'ratesVersion', ${query.ratesVersionSql},
    'statistics', (select coalesce(json_agg(json_build_object('code', ${s.commodityCode}, 'origin', ${s.originCountry},
        'items', ${s.items}, 'valueOre', ${s.valueOre}::text, 'massKg', ${s.massKg}::text)), '[]')
      from ${s} where (${s.commodityCode}, ${s.originCountry}) in
        (select p->>0, p->>1 from jsonb_array_elements(${JSON.stringify(query.pairs)}::jsonb) p)),
    'importer', (select json_build_object('firstAcceptedAt', ${importerHistory.firstAcceptedAt},
        'declarations', ${importerHistory.declarations}) from ${importerHistory}
      where ${importerHistory.importerKey} = ${query.importerKey}::text),
    'previous', (select ${riskAssessments.unitValues} from ${riskAssessments}
      where ${riskAssessments.declarationId} = ${query.declarationId}::bigint
      order by ${riskAssessments.version} desc limit 1)
  )::text as facts`,
  );
  if (!row) throw new Error('the risk selection facts statement returned no row');
  return JSON.parse(row.facts) as SelectionFacts;
}

/** A change to the running unit-value sums of one code and origin. */
export interface StatisticDelta {
  readonly code: string;
  readonly origin: string;
  readonly items: number;
  readonly valueOre: string;
  readonly massKg: string;
}

/**
 * Stores an assessment and, in the same statement, moves the unit-value sums by the version's
 * net contribution and records the importer's declaration (`importerKey` null: nothing to record).
 */
export async function storeSelection(
  tx: Executor,
  assessment: typeof riskAssessments.$inferInsert,
  deltas: readonly StatisticDelta[],
  importer: { readonly key: string; readonly newDeclaration: boolean } | null,
): Promise<void> {
  const a = assessment;
  const s = unitValueStatistics;
  const h = importerHistory;
  await runPrepared(
    tx,
    'risk_selection_store',
    sql`with stored as (
      insert into ${riskAssessments} (declaration_id, version, rules_version, score, channel, random_sample, fired,
        documents_requested, unit_values, assessed_at)
      values (${a.declarationId}::bigint, ${a.version}::int, ${a.rulesVersion}::int, ${a.score}::int, ${a.channel}::text,
        ${a.randomSample}::boolean, ${JSON.stringify(a.fired)}::text::jsonb, ${JSON.stringify(a.documentsRequested)}::text::jsonb,
        ${JSON.stringify(a.unitValues)}::text::jsonb, ${a.assessedAt.toISOString()}::timestamptz)
      returning 1
    ), sums as (
      insert into ${s} (commodity_code, origin_country, items, value_ore, mass_kg)
      select d.code, d.origin, d.items, d.value_ore::numeric, d.mass_kg::numeric
        from jsonb_to_recordset(${JSON.stringify(deltas.map((d) => ({ code: d.code, origin: d.origin, items: d.items, value_ore: d.valueOre, mass_kg: d.massKg })))}::jsonb)
          as d(code text, origin text, items int, value_ore text, mass_kg text)
      on conflict (commodity_code, origin_country) do update set
        items = ${s.items} + excluded.items,
        value_ore = ${s.valueOre} + excluded.value_ore,
        mass_kg = ${s.massKg} + excluded.mass_kg
      returning 1
    ), importer as (
      insert into ${h} (importer_key, first_accepted_at, declarations)
      select ${importer?.key ?? null}::text, ${a.assessedAt.toISOString()}::timestamptz, 1
       where ${importer?.key ?? null}::text is not null and ${importer?.newDeclaration ?? false}::boolean
      on conflict (importer_key) do update set declarations = ${h.declarations} + 1
      returning 1
    )
    select (select count(*) from stored) + (select count(*) from sums) + (select count(*) from importer) as n`,
  );
}

/** The latest assessment of each declaration, by declaration id. */
export function latestAssessments(db: Executor, declarationIds: readonly number[]): Promise<RiskAssessmentRow[]> {
  if (declarationIds.length === 0) return Promise.resolve([]);
  return db
    .selectDistinctOn([riskAssessments.declarationId])
    .from(riskAssessments)
    .where(inArray(riskAssessments.declarationId, [...declarationIds]))
    .orderBy(riskAssessments.declarationId, desc(riskAssessments.version));
}

/** Takes back what a declaration's last assessed version added to the unit-value sums. */
export async function withdrawContribution(tx: Executor, declarationId: number): Promise<void> {
  const [latest] = await latestAssessments(tx, [declarationId]);
  if (!latest || latest.unitValues.length === 0) return;
  const s = unitValueStatistics;
  for (const c of latest.unitValues) {
    await tx
      .update(s)
      .set({
        items: sql`${s.items} - 1`,
        valueOre: sql`${s.valueOre} - ${c.valueOre}::numeric`,
        massKg: sql`${s.massKg} - ${c.massKg}::numeric`,
      })
      .where(and(eq(s.commodityCode, c.commodityCode), eq(s.originCountry, c.originCountry)));
  }
  // Marks the contribution as taken back, so a second withdrawal takes nothing.
  await tx
    .update(riskAssessments)
    .set({ unitValues: [] })
    .where(and(eq(riskAssessments.declarationId, declarationId), eq(riskAssessments.version, latest.version)));
}

export async function insertControlOutcome(
  tx: Executor,
  row: typeof controlOutcomes.$inferInsert,
): Promise<ControlOutcomeRow> {
  const [inserted] = await tx.insert(controlOutcomes).values(row).returning();
  if (!inserted) throw new Error('insert into control_outcomes returned no row');
  return inserted;
}

/** The authority's calendar day of a timestamp column. */
const osloDay = (column: SQL) => sql`(${column} at time zone 'Europe/Oslo')::date`;

/** Assessments made on the days of a period (inclusive), the latest version of each declaration. */
export function assessmentsBetween(db: Executor, from: string, to: string): Promise<RiskAssessmentRow[]> {
  const day = osloDay(sql`${riskAssessments.assessedAt}`);
  return db
    .selectDistinctOn([riskAssessments.declarationId])
    .from(riskAssessments)
    .where(and(gte(day, from), lte(day, to)))
    .orderBy(riskAssessments.declarationId, desc(riskAssessments.version));
}

/** Control outcomes decided on the days of a period, the latest of each declaration. */
export function outcomesBetween(db: Executor, from: string, to: string): Promise<ControlOutcomeRow[]> {
  const day = osloDay(sql`${controlOutcomes.decidedAt}`);
  return db
    .selectDistinctOn([controlOutcomes.declarationId])
    .from(controlOutcomes)
    .where(and(gte(day, from), lte(day, to)))
    .orderBy(controlOutcomes.declarationId, desc(controlOutcomes.decidedAt), desc(controlOutcomes.id));
}

/** Whether a control outcome was recorded for a version of a declaration. */
export async function hasControlOutcome(db: Executor, declarationId: number, version: number): Promise<boolean> {
  const [row] = await db
    .select({ id: controlOutcomes.id })
    .from(controlOutcomes)
    .where(and(eq(controlOutcomes.declarationId, declarationId), eq(controlOutcomes.version, version)))
    .limit(1);
  return row !== undefined;
}
