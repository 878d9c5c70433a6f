import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * Commodity codes of the customs tariff: 8 digits (HS 6 + 2 national), each version valid from
 * `validFrom` to `validTo` inclusive (open when null). A code that changes description or unit
 * gets a new row with a new `validFrom`, so that old declarations still resolve to what was in force.
 */
export const commodityCodes = pgTable(
  'commodity_codes',
  {
    code: text('code').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    description: text('description').notNull(),
    /** Statistical unit for the supplementary quantity: kg, l, pcs, pair ... */
    unit: text('unit').notNull(),
    vatClass: text('vat_class').$type<'general' | 'food'>().notNull(),
    /** Excise category, when goods under this code carry excise duties (alcohol, tobacco-*, vehicle). */
    exciseCategory: text('excise_category'),
    /** Code of the agency whose permit the goods need, when restricted. */
    restrictedBy: text('restricted_by'),
  },
  (t) => [
    primaryKey({ columns: [t.code, t.validFrom] }),
    check('commodity_codes_format', sql`${t.code} ~ '^[0-9]{8}$'`),
    // Trigram index (pg_trgm): serves `description ILIKE '%word%'` for each search word, so a
    // search reads the codes whose descriptions hold the words instead of every description.
    index('commodity_codes_description_trgm').using('gin', t.description.op('gin_trgm_ops')),
  ],
);
