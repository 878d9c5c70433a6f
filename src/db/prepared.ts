import { getTableColumns, type InferSelectModel, is, type SQL, type Table } from 'drizzle-orm';
import { PgBigInt53, PgDialect, PgTimestamp } from 'drizzle-orm/pg-core';
import { type Database, type Executor, rowsOf } from './client.js';

/**
 * Prepared queries, built once per database and query shape and then executed with new values.
 * Building SQL from Drizzle's query builder costs about as much CPU as running a small query, so
 * the reads every request makes (the batch loaders, the declaration list) are built once. Only
 * for the root database handle: a prepared query is bound to the session that built it.
 * Shapes are finite (a few per loader, at most a few thousand filter combinations per list),
 * so the cache needs no eviction.
 */
const caches = new WeakMap<Database, Map<string, unknown>>();

export function prepared<T>(db: Database, shape: string, build: () => T): T {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let query = cache.get(shape) as T | undefined;
  if (query === undefined) {
    query = build();
    cache.set(shape, query);
  }
  return query;
}

const dialect = new PgDialect();

/**
 * Runs `query` as a prepared statement of the connection it runs on, in a transaction or not, and
 * returns its rows. Drizzle sends a query that was not `.prepare()`d unnamed, and postgres.js then
 * asks the server for the parameter types before it sends the values: two round trips, and the
 * next statement waits for both. A prepared statement is parsed once per connection and then
 * costs one round trip that postgres.js pipelines with the statements after it. Drizzle's
 * `.prepare()` binds a query to the session that built it (the pool, never a transaction), so this
 * prepares on the executor's own session. Each connection keeps each statement text it has seen:
 * only for statements whose text does not depend on their values (values as parameters, lists as
 * one JSON parameter).
 */
export async function runPrepared<Row = Record<string, unknown>>(
  executor: Executor,
  name: string,
  query: SQL,
): Promise<Row[]> {
  return rowsOf<Row>(await executor._.session.prepareQuery(dialect.sqlToQuery(query), 'raw', name).execute());
}

/**
 * A row as a table's select type, from the raw row of a statement that returns the table's columns
 * (`returning *`): each column mapped as Drizzle maps it (bigint to number, timestamps to Date).
 */
export function mapTableRow<T extends Table>(table: T, raw: Record<string, unknown>): InferSelectModel<T> {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = raw[column.name];
    // Drizzle decodes timestamps and bigints in its own queries, not in mapFromDriverValue, and a
    // raw row may hold the text PostgreSQL sent (postgres.js sends int8 as text; PGlite as a number).
    row[key] =
      value === null || value === undefined
        ? null
        : is(column, PgTimestamp) && typeof value === 'string'
          ? new Date(value)
          : is(column, PgBigInt53) && typeof value === 'string'
            ? Number(value)
            : column.mapFromDriverValue(value);
  }
  return row as InferSelectModel<T>;
}
