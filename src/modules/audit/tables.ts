import { bigint, customType, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** A SHA-256 digest as PostgreSQL's bytea; a Buffer in the application. */
const digest = customType<{ data: Buffer; driverData: Buffer | Uint8Array | string }>({
  dataType: () => 'bytea',
  fromDriver: (value) =>
    typeof value === 'string'
      ? Buffer.from(value.startsWith('\\x') ? value.slice(2) : value, 'hex')
      : Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * Every read of personal data by a partner agency: who, under which agreement, whose data in
 * which declaration, which fields, when. Append-only (triggers refuse UPDATE, DELETE and
 * TRUNCATE) and hash-chained like the audit trail: `chainSeq` is the entry's place in the chain
 * `data_access_log` of `audit_chain_heads`, `hash` the SHA-256 of `prevHash` and the entry's
 * canonical content (src/modules/audit/canonical.ts). Entries written before the chain existed
 * have no place in it (null) and are counted, not verified, by `npm run audit:verify`.
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
    chainSeq: bigint('chain_seq', { mode: 'number' }).unique('data_access_log_chain_seq'),
    prevHash: digest('prev_hash'),
    hash: digest('hash'),
  },
  (t) => [
    index('data_access_log_person').on(t.subjectNationalId, t.id),
    index('data_access_log_agency').on(t.agencyCode, t.id),
  ],
);

/**
 * The audit trail: one row per transaction that changed something through the API, written in
 * that transaction (src/modules/audit/trail.ts). `seq` is the row's place in the chain, `hash`
 * the SHA-256 of `prevHash` (the previous row's hash; 32 zero bytes for the first) and the row's
 * canonical content: every other column but `seq`. Append-only: triggers refuse UPDATE, DELETE
 * and TRUNCATE.
 */
export const auditTrail = pgTable(
  'audit_trail',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    requestId: text('request_id').notNull(),
    /** The principal's role: business, private, officer, auditor, agency (or public). */
    principalKind: text('principal_kind').notNull(),
    /**
     * Who in that role: organisation number, employee id, agency code; for a private person the
     * token subject (pseudonymous, as the access log keeps it), never a national identity number.
     */
    principalId: text('principal_id').notNull(),
    /** The token subject, for tracing the token. */
    subject: text('subject'),
    /** The Mutation field that made the change. */
    mutation: text('mutation').notNull(),
    /** The field's arguments, canonical, with secrets and national identity numbers redacted. */
    input: jsonb('input').notNull(),
    /**
     * What the transaction wrote, statement by statement, as the tables' triggers noted it:
     * `[{ table, op, key, ids }]` with the ids (or the declaration ids, `key: declaration_id`) it touched.
     */
    changes: jsonb('changes').notNull(),
    prevHash: digest('prev_hash').notNull(),
    hash: digest('hash').notNull(),
  },
  (t) => [
    index('audit_trail_occurred').on(t.occurredAt, t.seq),
    index('audit_trail_principal').on(t.principalKind, t.principalId, t.seq),
    index('audit_trail_mutation').on(t.mutation, t.seq),
    index('audit_trail_changes').using('gin', t.changes.op('jsonb_path_ops')),
  ],
);

/**
 * The head of each chain: its last place and hash. A writer updates its chain's row in its own
 * transaction, so writers queue on the row lock until the one before them commits or rolls back:
 * a chain cannot fork. Chains: `audit_trail` and `data_access_log`.
 */
export const auditChainHeads = pgTable('audit_chain_heads', {
  chain: text('chain').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  /** The hash before the last one, so the statement that moves the head can store both. */
  prevHash: digest('prev_hash').notNull(),
  hash: digest('hash').notNull(),
});
