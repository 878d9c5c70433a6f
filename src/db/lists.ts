import { type SQL, sql } from 'drizzle-orm';

/**
 * A list of texts as a one-column subquery, for `x in (...)`. It goes in as one JSON parameter
 * whatever its length, which both drivers pass as text.
 */
export function textList(values: readonly string[]): SQL {
  return sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}
