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
  unique,
} from 'drizzle-orm/pg-core';

/*
 * Every table of the rates: the customs tariff and its hierarchy, the reference lists a
 * declaration is checked against, and the rates of the assessment. Loaded from the authority's
 * files (src/modules/rates/files) and read back as the rate book; other modules reach them only
 * through service.ts.
 */

/** ISO 3166-1 alpha-2 countries. */
export const countries = pgTable('countries', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

/** ISO 4217 currencies. */
export const currencies = pgTable('currencies', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  minorUnits: integer('minor_units').notNull().default(2),
});

/**
 * Exchange rates as the authority publishes them: NOK for `unit` units of the currency
 * (omregningsenhet, 1 or 100), valid from `validFrom` to `validTo` inclusive. An open `validTo`
 * means "until the next rate".
 */
export const exchangeRates = pgTable(
  'exchange_rates',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    currencyCode: text('currency_code')
      .notNull()
      .references(() => currencies.code),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    rate: numeric('rate', { precision: 18, scale: 6 }).notNull(),
    unit: integer('unit').notNull().default(1),
    source: text('source').notNull(),
  },
  (t) => [
    unique('exchange_rates_currency_from').on(t.currencyCode, t.validFrom),
    check('exchange_rates_positive', sql`${t.rate} > 0 and ${t.unit} > 0`),
    check('exchange_rates_window', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

/** Customs offices, by their reference number (for example NO351001, Oslo Airport Gardermoen). */
export const customsOffices = pgTable('customs_offices', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  locode: text('locode'),
  kind: text('kind').notNull(),
});

/** Customs procedures a declaration can be made under, by the type of declaration they serve. */
export const procedureCodes = pgTable(
  'procedure_codes',
  {
    code: text('code').primaryKey(),
    declarationType: text('declaration_type').$type<'IMPORT' | 'EXPORT'>().notNull(),
    description: text('description').notNull(),
  },
  (t) => [index('procedure_codes_type').on(t.declarationType)],
);

/*
 * The hierarchy of the tariff as the authority publishes it (customstariffstructure.json): 21
 * sections, their chapters (the first two digits of a code) and headings (the first four). A
 * commodity code's heading and chapter are its own leading digits, so codes carry no key to them.
 */

export const tariffSections = pgTable('tariff_sections', {
  /** The section's number as published, "01" to "21". */
  id: text('id').primaryKey(),
  /** Roman numeral order is the number's order; kept for listing. */
  position: integer('position').notNull(),
  description: text('description').notNull(),
});

export const tariffChapters = pgTable(
  'tariff_chapters',
  {
    /** Two digits, "01" to "97". */
    id: text('id').primaryKey(),
    sectionId: text('section_id')
      .notNull()
      .references(() => tariffSections.id),
    description: text('description').notNull(),
  },
  (t) => [
    index('tariff_chapters_section').on(t.sectionId),
    check('tariff_chapters_format', sql`${t.id} ~ '^[0-9]{2}$'`),
  ],
);

export const tariffHeadings = pgTable(
  'tariff_headings',
  {
    /** Four digits, "0101". */
    id: text('id').primaryKey(),
    chapterId: text('chapter_id')
      .notNull()
      .references(() => tariffChapters.id),
    description: text('description').notNull(),
  },
  (t) => [
    index('tariff_headings_chapter').on(t.chapterId),
    check('tariff_headings_format', sql`${t.id} ~ '^[0-9]{4}$'`),
  ],
);

/**
 * Commodity codes of the customs tariff: 8 digits (HS 6 + 2 national), each version valid from
 * `validFrom` to `validTo` inclusive (open when null). A code that changes description or unit
 * gets a new row with a new `validFrom`, so that old declarations still resolve to what was in force.
 */
export const commodityCodes = pgTable(
  'commodity_codes',
  {
    code: text('code').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    description: text('description').notNull(),
    /**
     * Statistical unit for the supplementary quantity: kg, l, pcs, pair ... Null, like `vat_class`,
     * for a code the authority's published tariff lists but no rate file has given rates to yet:
     * the open data carries neither, and the assessment refuses such a code rather than guess.
     */
    unit: text('unit'),
    vatClass: text('vat_class').$type<'general' | 'food'>(),
    /** Excise category, when goods under this code carry excise duties (alcohol, tobacco-*, vehicle). */
    exciseCategory: text('excise_category'),
    /** Code of the agency whose permit the goods need, when restricted. */
    restrictedBy: text('restricted_by'),
  },
  (t) => [
    primaryKey({ columns: [t.code, t.validFrom] }),
    check('commodity_codes_format', sql`${t.code} ~ '^[0-9]{8}$'`),
    // Trigram index (pg_trgm): serves `description ILIKE '%word%'` for each search word, so a
    // search reads the codes whose descriptions hold the words instead of every description.
    index('commodity_codes_description_trgm').using('gin', t.description.op('gin_trgm_ops')),
  ],
);

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

/**
 * The authority's country groups (landgruppe.json): `T*` customs duty groups (TALL ordinary, TEF EU,
 * TGS1 least developed ...), `R*` import restrictions, `X*` export restrictions, `A*`/`ALLE` fee
 * groups. Restriction groups are kept although no rule reads them yet: risk rules will.
 */
export const countryGroups = pgTable('country_groups', {
  code: text('code').primaryKey(),
  /** The authority's (Norwegian) name of the group. */
  name: text('name').notNull(),
  /** The authority's preference code (N none, B EU, C EFTA, G GSP, P free-trade partner ...). */
  preferenceCode: text('preference_code').notNull(),
  ...window,
});

/** Members of the country groups, each membership with its own validity. */
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
