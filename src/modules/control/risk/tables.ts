import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type {
  ControlChannel,
  ControlOutcome,
  FiredRule,
  RequestedDocument,
  RiskRuleKind,
  RiskRuleParameters,
} from '../model.js';

/** A risk rule's identity; what it says lives in its versions. */
export const riskRules = pgTable('risk_rules', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  kind: text('kind').$type<RiskRuleKind>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * Every version of every rule, never changed once written: a change or a retirement is a new
 * version from its first day, so what applied on a day, and who decided it, stays readable. On a
 * day, a rule's version is the highest one whose `validFrom` is on or before it; it applies unless
 * that version retires the rule or its `validTo` has passed.
 */
export const riskRuleVersions = pgTable(
  'risk_rule_versions',
  {
    ruleId: bigint('rule_id', { mode: 'number' })
      .notNull()
      .references(() => riskRules.id),
    version: integer('version').notNull(),
    change: text('change').$type<'CREATED' | 'CHANGED' | 'RETIRED'>().notNull(),
    name: text('name').notNull(),
    parameters: jsonb('parameters').$type<RiskRuleParameters>().notNull(),
    weight: integer('weight'),
    channel: text('channel').$type<ControlChannel>(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    recordedBy: text('recorded_by').notNull(),
    reason: text('reason').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ruleId, t.version] }),
    check('risk_rule_versions_effect', sql`(${t.weight} is null) <> (${t.channel} is null)`),
    check('risk_rule_versions_window', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

/**
 * The version of the rule set: one row, bumped in the transaction of every rule change, so each
 * process prepares the active rules once per version and sees a change on its next acceptance.
 */
export const riskRulesVersion = pgTable(
  'risk_rules_version',
  {
    id: boolean('id').primaryKey().default(true),
    version: integer('version').notNull(),
  },
  (t) => [check('risk_rules_version_one_row', sql`${t.id}`)],
);

/** Goods items' value per kg as a unit of comparison, for the declared unit value's typical level. */
export interface UnitValueContribution {
  readonly commodityCode: string;
  readonly originCountry: string;
  /** Customs value in NOK øre, as a decimal string (bigint in JSON). */
  readonly valueOre: string;
  readonly massKg: string;
}

/** The risk assessment of each accepted version: the rules that fired, the score and the channel. */
export const riskAssessments = pgTable(
  'risk_assessments',
  {
    declarationId: bigint('declaration_id', { mode: 'number' }).notNull(),
    version: integer('version').notNull(),
    rulesVersion: integer('rules_version').notNull(),
    score: integer('score').notNull(),
    channel: text('channel').$type<ControlChannel>().notNull(),
    /** Whether the random selection chose it: the unbiased sample. */
    randomSample: boolean('random_sample').notNull(),
    fired: jsonb('fired').$type<FiredRule[]>().notNull(),
    documentsRequested: jsonb('documents_requested').$type<RequestedDocument[]>().notNull(),
    /** What this version added to the unit-value statistics, taken back when it is superseded. */
    unitValues: jsonb('unit_values').$type<UnitValueContribution[]>().notNull(),
    assessedAt: timestamp('assessed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.declarationId, t.version] }), index('risk_assessments_at').on(t.assessedAt)],
);

/**
 * Running sums of accepted goods items' customs value and net mass per commodity code and origin,
 * kept in the transaction of each acceptance, so the typical unit value is one indexed read.
 */
export const unitValueStatistics = pgTable(
  'unit_value_statistics',
  {
    commodityCode: text('commodity_code').notNull(),
    originCountry: text('origin_country').notNull(),
    items: integer('items').notNull(),
    valueOre: numeric('value_ore', { precision: 24, scale: 0 }).notNull(),
    massKg: numeric('mass_kg', { precision: 24, scale: 6 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.commodityCode, t.originCountry] })],
);

/**
 * When each importer's first declaration was accepted, for the new-importer rule. A person is
 * keyed by a hash of the identity number, never the number itself.
 */
export const importerHistory = pgTable('importer_history', {
  importerKey: text('importer_key').primaryKey(),
  firstAcceptedAt: timestamp('first_accepted_at', { withTimezone: true, mode: 'date' }).notNull(),
  declarations: integer('declarations').notNull(),
});

/**
 * What a control found, written by the officer's workflow: with the rules that selected the
 * declaration and its channel as assessed, so the strategy report reads hit rates per rule.
 */
export const controlOutcomes = pgTable(
  'control_outcomes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    declarationId: bigint('declaration_id', { mode: 'number' }).notNull(),
    version: integer('version').notNull(),
    ruleIds: bigint('rule_ids', { mode: 'number' }).array().notNull(),
    channel: text('channel').$type<ControlChannel>().notNull(),
    randomSample: boolean('random_sample').notNull(),
    outcome: text('outcome').$type<ControlOutcome>().notNull(),
    decidedBy: text('decided_by').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('control_outcomes_at').on(t.decidedAt),
    index('control_outcomes_declaration').on(t.declarationId),
    check('control_outcomes_outcome', sql`${t.outcome} in ('NO_FINDINGS', 'DISCREPANCY')`),
  ],
);
