import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, numeric, pgTable, text, unique } from 'drizzle-orm/pg-core';

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
