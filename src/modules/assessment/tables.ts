import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

/*
 * The rates of the assessment, effective-dated: each row is in force from `valid_from` to
 * `valid_to` inclusive (open when null). Rates are data, loaded from files in the authority's
 * open-data shape (npm run data:load); nothing here is a constant in code, and a rate change is a
 * new row, not a release. Ids are cited in every assessment line's basis.
 */

const window = {
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }),
};

/** Customs duty by commodity code and country group (TALL ordinary, TEF EU, TGS1 ...). */
export const dutyRates = pgTable(
  'duty_rates',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    commodityCode: text('commodity_code').notNull(),
    countryGroup: text('country_group').notNull(),
    kind: text('kind').$type<'PERCENT' | 'PER_KG' | 'PER_LITRE' | 'PER_PIECE'>().notNull(),
    value: numeric('value', { precision: 18, scale: 6 }).notNull(),
    ...window,
  },
  (t) => [
    unique('duty_rates_key').on(t.commodityCode, t.countryGroup, t.validFrom),
    check('duty_rates_kind', sql`${t.kind} in ('PERCENT', 'PER_KG', 'PER_LITRE', 'PER_PIECE')`),
  ],
);

/** Members of the preferential country groups. */
export const countryGroupMembers = pgTable(
  'country_group_members',
  {
    group: text('country_group').notNull(),
    countryCode: text('country_code').notNull(),
    ...window,
  },
  (t) => [primaryKey({ columns: [t.group, t.countryCode, t.validFrom] })],
);

/** Research levy (forskningsavgift), percent of customs value, by code or HS prefix. */
export const researchLevyRates = pgTable(
  'research_levy_rates',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    codePrefix: text('code_prefix').notNull(),
    percent: numeric('percent', { precision: 9, scale: 4 }).notNull(),
    ...window,
  },
  (t) => [unique('research_levy_rates_key').on(t.codePrefix, t.validFrom)],
);

/** Excise duties by category (alcohol by strength band, tobacco, e-liquid). */
export const exciseRates = pgTable(
  'excise_rates',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    category: text('category').notNull(),
    kind: text('kind').notNull(),
    strengthFrom: numeric('strength_from', { precision: 5, scale: 2 }),
    strengthFromInclusive: boolean('strength_from_inclusive'),
    strengthTo: numeric('strength_to', { precision: 5, scale: 2 }),
    strengthToInclusive: boolean('strength_to_inclusive'),
    value: numeric('value', { precision: 18, scale: 6 }).notNull(),
    ...window,
  },
  (t) => [unique('excise_rates_key').on(t.category, t.strengthFrom, t.validFrom).nullsNotDistinct()],
);

/** Beverage packaging taxes per unit. */
export const packagingRates = pgTable(
  'packaging_rates',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tax: text('tax').$type<'ENVIRONMENTAL' | 'BASIC'>().notNull(),
    material: text('material').$type<'GLASS_METAL' | 'PLASTIC' | 'CARTON'>(),
    perUnit: numeric('per_unit', { precision: 18, scale: 6 }).notNull(),
    exemptAtReturnPercent: numeric('exempt_at_return_percent', { precision: 5, scale: 2 }),
    ...window,
  },
  (t) => [unique('packaging_rates_key').on(t.tax, t.material, t.validFrom).nullsNotDistinct()],
);

/** VAT on import by VAT class. */
export const vatRates = pgTable(
  'vat_rates',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    vatClass: text('vat_class').$type<'general' | 'food'>().notNull(),
    percent: numeric('percent', { precision: 7, scale: 4 }).notNull(),
    ...window,
  },
  (t) => [unique('vat_rates_key').on(t.vatClass, t.validFrom)],
);

/**
 * Rules with figures of other shapes: the VOEC limit, the traveller allowances, quotas, limits and
 * flat rates, and the vehicle registration tax. `rule` names the kind; `attributes` holds its
 * qualifiers (kind of beverage, duration away, weight band ...) and `value` its figure.
 */
export const assessmentRules = pgTable(
  'assessment_rules',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    rule: text('rule').notNull(),
    attributes: jsonb('attributes').$type<Record<string, string | number | boolean | null>>().notNull(),
    value: numeric('value', { precision: 18, scale: 6 }).notNull(),
    ...window,
  },
  (t) => [unique('assessment_rules_key').on(t.rule, t.attributes, t.validFrom)],
);

/**
 * The assessment of one version of a declaration, stored when it is accepted (or amended): the
 * inputs it was computed from and the result with every line's basis, so that it can be read,
 * reproduced and compared with the next version's.
 */
export const assessments = pgTable(
  'assessments',
  {
    declarationId: bigint('declaration_id', { mode: 'number' }).notNull(),
    version: integer('version').notNull(),
    /** ok: assessed; problems: the declaration is valid but could not be assessed (a missing rate ...). */
    outcome: text('outcome').$type<'ASSESSED' | 'NOT_ASSESSED'>().notNull(),
    input: jsonb('input').notNull(),
    result: jsonb('result').notNull(),
    payable: numeric('payable', { precision: 18, scale: 2 }),
    vatToReport: numeric('vat_to_report', { precision: 18, scale: 2 }),
    total: numeric('total', { precision: 18, scale: 2 }),
    assessedAt: timestamp('assessed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.declarationId, t.version] })],
);

/**
 * The version of the rates: one row, bumped in the same transaction as every rate load (and so by
 * the seed, which loads through the same code). A process caches its prepared rate book per
 * version and reads this on each assessment, so every instance sees new rates on its next request
 * without a restart. No row means no load has happened yet: version 0.
 */
export const ratesVersion = pgTable(
  'rates_version',
  {
    id: boolean('id').primaryKey().default(true),
    version: integer('version').notNull(),
  },
  (t) => [check('rates_version_one_row', sql`${t.id}`)],
);
