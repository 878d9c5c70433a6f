import { asc } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import type { CollectionTerm } from './model.js';
import { collectionTerms } from './tables.js';

/** Every term row, oldest first per kind: a few dozen rows, read whole. */
export async function readCollectionTerms(db: Executor): Promise<CollectionTerm[]> {
  const rows = await db
    .select()
    .from(collectionTerms)
    .orderBy(asc(collectionTerms.kind), asc(collectionTerms.validFrom));
  return rows.map((row) => ({
    kind: row.kind,
    validFrom: row.validFrom,
    validTo: row.validTo,
    value: row.value,
    source: row.source,
  }));
}

/** Adds the rows not there yet (by kind and first day); a stored row is never changed. */
export async function insertCollectionTerms(tx: Executor, terms: readonly CollectionTerm[]): Promise<number> {
  if (terms.length === 0) return 0;
  const inserted = await tx
    .insert(collectionTerms)
    .values([...terms])
    .onConflictDoNothing()
    .returning({ id: collectionTerms.id });
  return inserted.length;
}
