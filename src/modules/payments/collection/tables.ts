import { sql } from 'drizzle-orm';
import { bigint, check, date, numeric, pgTable, text, unique } from 'drizzle-orm/pg-core';
import type { CollectionTermKind } from './model.js';

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
