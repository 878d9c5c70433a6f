import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { xid8 } from '../../db/types.js';

/**
 * The declaration item feed: one event per goods item added to or removed from a declaration,
 * written in the same transaction as the change. Partners read it in (transaction id, id)
 * order, only up to the oldest transaction still running, so that an event committed late can
 * never fall behind a marker a client already holds.
 */
export const declarationItemEvents = pgTable(
  'declaration_item_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    txId: xid8('tx_id').notNull().default(sql`pg_current_xact_id()`),
    declarationId: bigint('declaration_id', { mode: 'number' }).notNull(),
    declarationNumber: text('declaration_number').notNull(),
    declarationType: text('declaration_type').notNull(),
    version: integer('version').notNull(),
    itemNumber: integer('item_number').notNull(),
    kind: text('kind').$type<'ADDED' | 'REMOVED'>().notNull(),
    commodityCode: text('commodity_code').notNull(),
    originCountry: text('origin_country').notNull(),
    procedureCode: text('procedure_code').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('declaration_item_events_order').on(t.txId, t.id)],
);
