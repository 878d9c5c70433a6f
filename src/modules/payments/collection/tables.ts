import { sql } from 'drizzle-orm';
import { bigint, check, date, numeric, pgTable, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ApprovalKind, ApprovalStatus, CollectionTermKind } from './model.js';

/**
 * The terms of customs credit and arrears (due day, monthly fee, late-payment interest, reminder
 * and collection periods, the approval threshold) as effective-dated rows, like the rates: a
 * changed figure is a new row from its first day, and every row names its source.
 */
export const collectionTerms = pgTable(
  'collection_terms',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').$type<CollectionTermKind>().notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    value: numeric('value', { precision: 18, scale: 4 }).notNull(),
    source: text('source').notNull(),
  },
  (t) => [
    unique('collection_terms_kind_from').on(t.kind, t.validFrom),
    check('collection_terms_not_negative', sql`${t.value} >= 0`),
    check('collection_terms_window', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

/**
 * The approval of a second officer, for a write-off or a refund above the approval threshold: one
 * officer proposes, another decides. One open approval per subject (the unique index), so
 * proposing twice returns the first.
 */
export const approvals = pgTable(
  'approvals',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').$type<ApprovalKind>().notNull(),
    /** What is to be done, in the proposing module's words (`receivable:42`, `refund:7`). */
    subject: text('subject').notNull(),
    amountOre: bigint('amount_ore', { mode: 'bigint' }).notNull(),
    reason: text('reason').notNull(),
    proposedBy: text('proposed_by').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true, mode: 'date' }).notNull(),
    status: text('status').$type<ApprovalStatus>().notNull(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('approvals_open_subject').on(t.kind, t.subject).where(sql`${t.status} = 'PROPOSED'`),
    check('approvals_positive', sql`${t.amountOre} > 0`),
    check('approvals_second_officer', sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.proposedBy}`),
  ],
);
