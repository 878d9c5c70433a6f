import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Partner agencies for which the authority shares data or acts at the border. */
export const agencies = pgTable('agencies', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  englishName: text('english_name').notNull(),
  mandate: text('mandate').notNull(),
});

/**
 * Data-sharing agreements, effective-dated: what an agency may see and do, from `validFrom` to
 * `validTo` inclusive. A change is a new row; the old one is closed the day before, so the
 * history of what was granted when stays readable. Read on every agency request: a change takes
 * effect on the next request.
 */
export const agencyAgreements = pgTable(
  'agency_agreements',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    agencyCode: text('agency_code')
      .notNull()
      .references(() => agencies.code),
    /** Capabilities granted, in the authority's scope names (read:declarations:chapters, place:hold ...). */
    grants: text('grants').array().notNull(),
    /** HS chapters (2 digits) of the goods the agency may see; empty with read:declarations:all. */
    chapters: text('chapters').array().notNull(),
    /** Procedure codes the agency may see; null for all. */
    procedures: text('procedures').array(),
    /** Countries of origin the agency may see; null for all. */
    originCountries: text('origin_countries').array(),
    /** Whether the agency may see personal data (national identity numbers, names and addresses of persons). */
    personalData: boolean('personal_data').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    /** Who recorded this version of the agreement, and why. */
    recordedBy: text('recorded_by').notNull(),
    reason: text('reason'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('agency_agreements_agency').on(t.agencyCode, t.validFrom),
    check('agency_agreements_window', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);
