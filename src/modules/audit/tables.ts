import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every read of personal data by a partner agency: who, under which agreement, whose data in
 * which declaration, which fields, when. Append-only: a trigger refuses updates and deletes.
 */
export const dataAccessLog = pgTable(
  'data_access_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    agencyCode: text('agency_code').notNull(),
    agreementId: bigint('agreement_id', { mode: 'number' }).notNull(),
    /** The token subject that made the request. */
    subject: text('subject').notNull(),
    /** The server's id of the request that read it. */
    requestId: text('request_id').notNull(),
    /** The id the agency's system gave the request (X-Correlation-Id), as it sent it: the agency's word, not ours. */
    correlationId: text('correlation_id'),
    declarationId: bigint('declaration_id', { mode: 'number' }).notNull(),
    /** The person whose data was read. Personal data: shown to that person and to auditors only. */
    subjectNationalId: text('subject_national_id').notNull(),
    fields: text('fields').array().notNull(),
  },
  (t) => [
    index('data_access_log_person').on(t.subjectNationalId, t.id),
    index('data_access_log_agency').on(t.agencyCode, t.id),
  ],
);
