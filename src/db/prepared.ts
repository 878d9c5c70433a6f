import type { Database } from './client.js';

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
