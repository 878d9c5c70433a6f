import { bigint, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The assessment of one version of a declaration, stored when it is accepted (or amended): the
 * inputs it was computed from and the result with every line's basis, so that it can be read,
 * reproduced and compared with the next version's.
 */
export const assessments = pgTable(
  'assessments',
  {
    declarationId: bigint('declaration_id', { mode: 'number' }).notNull(),
    version: integer('version').notNull(),
    /** ok: assessed; problems: the declaration is valid but could not be assessed (a missing rate ...). */
    outcome: text('outcome').$type<'ASSESSED' | 'NOT_ASSESSED'>().notNull(),
    input: jsonb('input').notNull(),
    result: jsonb('result').notNull(),
    payable: numeric('payable', { precision: 18, scale: 2 }),
    vatToReport: numeric('vat_to_report', { precision: 18, scale: 2 }),
    total: numeric('total', { precision: 18, scale: 2 }),
    assessedAt: timestamp('assessed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.declarationId, t.version] })],
);
