import { boolean, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Organisations known to the authority (from the register of legal entities), with what the
 * assessment needs to know about them: whether they are registered for VAT.
 */
export const organisations = pgTable('organisations', {
  organisationNumber: text('organisation_number').primaryKey(),
  name: text('name').notNull(),
  vatRegistered: boolean('vat_registered').notNull().default(false),
  address: text('address'),
  countryCode: text('country_code').notNull().default('NO'),
});
