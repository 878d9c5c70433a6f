import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A payment mutation's client key, per principal: the first call with a key stores what it asked
 * (a hash of the operation and its payload) and, in the same transaction, what it answered. A
 * later call with the key gets the stored answer when it asks the same, and IDEMPOTENCY_CONFLICT
 * otherwise. Concurrent first calls meet at the primary key: the others wait for the first to
 * commit and then read its answer.
 */
export const paymentRequestKeys = pgTable(
  'payment_request_keys',
  {
    /** The caller as the policy knows it: `ORG:<orgnr>`, `PERSON:<pseudonym>`, `OFFICER:<subject>`. */
    principal: text('principal').notNull(),
    clientKey: text('client_key').notNull(),
    operation: text('operation').notNull(),
    /** SHA-256 of the operation and its canonical payload, hex. */
    payloadHash: text('payload_hash').notNull(),
    /** The answer, as the operation's own serialisable result. */
    result: jsonb('result'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.principal, t.clientKey] })],
);

/**
 * Each imported bank notification file, once: by its message id and by the hash of its bytes,
 * so the same file, or the same content sent under a new name, records nothing the second time.
 */
export const bankNotificationFiles = pgTable('bank_notification_files', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  messageId: text('message_id').notNull().unique(),
  contentHash: text('content_hash').notNull().unique(),
  version: text('version').notNull(),
  /** Who imported it: an officer's subject, or COMMAND for `npm run payments:import`. */
  importedBy: text('imported_by').notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }).notNull(),
  transactions: integer('transactions').notNull(),
  matched: integer('matched').notNull(),
  suspended: integer('suspended').notNull(),
  /** Lines that are not money in (debits, pending, reversals): recorded nowhere else. */
  skipped: integer('skipped').notNull(),
  /** Booked credits, whole øre. */
  creditedOre: bigint('credited_ore', { mode: 'bigint' }).notNull(),
});

export const SUSPENSE_STATUSES = ['OPEN', 'ALLOCATED'] as const;
export type SuspenseStatus = (typeof SUSPENSE_STATUSES)[number];

/**
 * Money received that no receivable could take: no KID, a KID with a bad check digit, a KID of no
 * receivable, a KID of more than one, or a currency other than NOK. It sits on the SUSPENSE account
 * until an officer allocates it to a party.
 */
export const suspenseItems = pgTable(
  'suspense_items',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    fileId: bigint('file_id', { mode: 'number' }).references(() => bankNotificationFiles.id),
    /** Where the transaction stood in its file (`Document/…/TxDtls/0`). */
    filePath: text('file_path'),
    amountOre: bigint('amount_ore', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    creditorReference: text('creditor_reference'),
    bankReference: text('bank_reference'),
    debtorName: text('debtor_name'),
    remittance: text('remittance'),
    bookingDate: text('booking_date').notNull(),
    /** Why it is in suspense: KID_MISSING, KID_INVALID, KID_UNKNOWN, KID_AMBIGUOUS, CURRENCY_NOT_SUPPORTED. */
    reason: text('reason').notNull(),
    status: text('status').$type<SuspenseStatus>().notNull(),
    /** The ledger entry that put the money on SUSPENSE. */
    entryId: bigint('entry_id', { mode: 'number' }),
    allocatedBy: text('allocated_by'),
    allocatedAt: timestamp('allocated_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('suspense_items_open').on(t.status, t.id),
    check('suspense_items_amount_positive', sql`${t.amountOre} > 0`),
  ],
);

/** Each provider event handled, so a replayed callback changes nothing. */
export const paymentProviderEvents = pgTable(
  'payment_provider_events',
  {
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    providerReference: text('provider_reference').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] })],
);
