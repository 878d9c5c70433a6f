import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { ReceivableEventKind, ReceivableStatus } from './model.js';

/**
 * The parties that owe or are owed money. A person is known to the ledger only by this row's id,
 * so no account key, journal line or log shows a national identity number.
 */
export const paymentParties = pgTable(
  'payment_parties',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organisationNumber: text('organisation_number'),
    /** Personal data: read only to find the person's own rows. */
    nationalIdentityNumber: text('national_identity_number'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('payment_parties_org').on(t.organisationNumber),
    uniqueIndex('payment_parties_person').on(t.nationalIdentityNumber),
    check(
      'payment_parties_one_identity',
      sql`(${t.organisationNumber} is null) <> (${t.nationalIdentityNumber} is null)`,
    ),
  ],
);

/** The numbers behind KIDs: each receivable takes the next one and appends a MOD10 check digit. */
export const receivableKidSequence = pgSequence('receivable_kid_seq', { startWith: 1000001 });

/**
 * One receivable per accepted version whose payable amounts differ from what earlier versions
 * booked. `openOre` never goes below zero (a check constraint), and money is applied under the
 * row's lock.
 */
export const receivables = pgTable(
  'receivables',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    declarationId: bigint('declaration_id', { mode: 'number' }).notNull(),
    version: integer('version').notNull(),
    partyId: bigint('party_id', { mode: 'number' })
      .notNull()
      .references(() => paymentParties.id),
    kid: text('kid').notNull(),
    amountOre: bigint('amount_ore', { mode: 'bigint' }).notNull(),
    openOre: bigint('open_ore', { mode: 'bigint' }).notNull(),
    /** Money applied by payments (any source); given back to the credit balance on cancellation. */
    paidOre: bigint('paid_ore', { mode: 'bigint' }).notNull(),
    status: text('status').$type<ReceivableStatus>().notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    /** The journal entry that booked it; reversed when the declaration is cancelled. */
    entryId: bigint('entry_id', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('receivables_kid').on(t.kid),
    uniqueIndex('receivables_version').on(t.declarationId, t.version),
    index('receivables_party_open').on(t.partyId, t.dueDate, t.declarationId, t.id),
    check('receivables_open_not_negative', sql`${t.openOre} >= 0`),
    check('receivables_paid_not_negative', sql`${t.paidOre} >= 0`),
    check('receivables_open_within_amount', sql`${t.openOre} <= greatest(${t.amountOre}, 0)`),
  ],
);

/** What the receivable adds per duty kind (the version's difference), summing to its amount. */
export const receivableLines = pgTable(
  'receivable_lines',
  {
    receivableId: bigint('receivable_id', { mode: 'number' })
      .notNull()
      .references(() => receivables.id),
    dutyKind: text('duty_kind').notNull(),
    amountOre: bigint('amount_ore', { mode: 'bigint' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.receivableId, t.dutyKind] })],
);

/** The history of a receivable: every change of what is open or of its status, with its entry. */
export const receivableEvents = pgTable(
  'receivable_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    receivableId: bigint('receivable_id', { mode: 'number' })
      .notNull()
      .references(() => receivables.id),
    kind: text('kind').$type<ReceivableEventKind>().notNull(),
    status: text('status').$type<ReceivableStatus>().notNull(),
    /** The amount the event moved (applied, credited, reversed), whole øre; null when none. */
    amountOre: bigint('amount_ore', { mode: 'bigint' }),
    openAfterOre: bigint('open_after_ore', { mode: 'bigint' }).notNull(),
    reference: text('reference'),
    entryId: bigint('entry_id', { mode: 'number' }),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('receivable_events_receivable').on(t.receivableId, t.id)],
);

/** Collection's tables (credit, terms, plans, write-offs, approvals). */
export * from './collection/tables.js';
/** Money coming in (payments/intake): client keys, imported bank files, suspense, provider events. */
export * from './intake/tables.js';
