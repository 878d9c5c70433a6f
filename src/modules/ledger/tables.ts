import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AccountType } from './model.js';

/**
 * The ledger's accounts with their materialised balance (debits minus credits, whole øre) and a
 * version that counts the postings applied to it. Both change only in the transaction that posts
 * the entry, under the account's row lock, so a balance always equals the sum of its postings
 * (ledger:verify checks it).
 */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').notNull(),
    type: text('type').$type<AccountType>().notNull(),
    balanceOre: bigint('balance_ore', { mode: 'bigint' }).notNull().default(sql`0`),
    version: integer('version').notNull().default(0),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('ledger_accounts_key').on(t.key),
    check('ledger_accounts_type', sql`${t.type} in ('ASSET', 'LIABILITY', 'REVENUE', 'EXPENSE')`),
  ],
);

/**
 * The journal: append-only (a trigger refuses UPDATE and DELETE). A correction is a new entry
 * reversing an earlier one, and an entry is reversed at most once.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    reference: text('reference').notNull(),
    description: text('description').notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true, mode: 'date' }).notNull(),
    reversesEntryId: bigint('reverses_entry_id', { mode: 'number' }),
  },
  (t) => [
    uniqueIndex('ledger_entries_reverses').on(t.reversesEntryId),
    index('ledger_entries_posted').on(t.postedAt, t.id),
    index('ledger_entries_reference').on(t.reference),
  ],
);

/**
 * The lines of an entry: one account each, debit positive and credit negative. The amounts of an
 * entry sum to zero, checked when it is posted and again by a deferred constraint trigger at
 * commit, so no transaction can commit an unbalanced entry, whatever wrote it.
 */
export const ledgerPostings = pgTable(
  'ledger_postings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    entryId: bigint('entry_id', { mode: 'number' })
      .notNull()
      .references(() => ledgerEntries.id),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => ledgerAccounts.id),
    amountOre: bigint('amount_ore', { mode: 'bigint' }).notNull(),
  },
  (t) => [
    index('ledger_postings_entry').on(t.entryId),
    index('ledger_postings_account').on(t.accountId, t.entryId),
    check('ledger_postings_not_zero', sql`${t.amountOre} <> 0`),
  ],
);
