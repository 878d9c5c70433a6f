import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { MandateKind } from './model.js';

/**
 * Representation mandates: a business (or a private person, for the goods a courier or postal
 * operator declares for them) authorises a customs representative to declare on its behalf,
 * directly or indirectly, from `validFrom` to `validTo` inclusive (open-ended when null). A
 * revocation sets `revokedAt` and ends the mandate from that moment; the row stays, so what was
 * authorised when remains on record. Between one grantor and one representative, unrevoked
 * mandates never overlap in time (the service holds that under an advisory lock), so at most one
 * is in force on any day.
 */
export const mandates = pgTable(
  'mandates',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The represented business, when the grantor is one. */
    grantorOrgnr: text('grantor_orgnr'),
    /** The represented private person, when the grantor is one. Personal data. */
    grantorNationalId: text('grantor_national_id'),
    /** The customs representative (broker, courier, postal operator). */
    representativeOrgnr: text('representative_orgnr').notNull(),
    kind: text('kind').$type<MandateKind>().notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    /**
     * Who recorded the grant: the granting business's organisation number, PRIVATE for a person
     * granting for themselves (their number is not repeated here), or SEED for demo data.
     */
    grantedBy: text('granted_by').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    /** Who revoked it, in the same form as `grantedBy`. */
    revokedBy: text('revoked_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('mandates_grantor_org').on(t.grantorOrgnr, t.representativeOrgnr),
    index('mandates_grantor_person').on(t.grantorNationalId, t.representativeOrgnr),
    index('mandates_representative').on(t.representativeOrgnr, t.id),
    check('mandates_one_grantor', sql`(${t.grantorOrgnr} is null) <> (${t.grantorNationalId} is null)`),
    check('mandates_kind', sql`${t.kind} in ('DIRECT', 'INDIRECT')`),
    check('mandates_window', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
    check('mandates_revocation', sql`(${t.revokedAt} is null) = (${t.revokedBy} is null)`),
  ],
);
