import { and, asc, desc, eq, gt, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { KeysetPageRequest } from '../../shared/pagination.js';
import type { ReceivableRow } from './repository.js';
import { receivableEvents, receivableLines, receivables } from './tables.js';

/** Reads of receivables for the API; every one takes the caller's scope (scope.ts). */

export async function findReceivablePage(
  db: Executor,
  scope: SQL | undefined,
  filter: { openOnly: boolean },
  page: KeysetPageRequest,
): Promise<ReceivableRow[]> {
  const conditions: (SQL | undefined)[] = [scope];
  if (filter.openOnly) conditions.push(sql`${receivables.openOre} > 0`);
  const [afterId] = page.after ?? [];
  const [beforeId] = page.before ?? [];
  // Newest first: "after" is a smaller id.
  if (afterId !== undefined) conditions.push(lt(receivables.id, Number(afterId)));
  if (beforeId !== undefined) conditions.push(gt(receivables.id, Number(beforeId)));
  return db
    .select()
    .from(receivables)
    .where(and(...conditions))
    .orderBy(page.inverted ? asc(receivables.id) : desc(receivables.id))
    .limit(page.limit);
}

export async function receivablesOfDeclarations(
  db: Executor,
  scope: SQL | undefined,
  declarationIds: readonly number[],
): Promise<ReceivableRow[]> {
  return db
    .select()
    .from(receivables)
    .where(and(scope, inArray(receivables.declarationId, [...declarationIds])))
    .orderBy(asc(receivables.id));
}

export async function linesOfReceivables(db: Executor, ids: readonly number[]) {
  return db
    .select()
    .from(receivableLines)
    .where(inArray(receivableLines.receivableId, [...ids]))
    .orderBy(asc(receivableLines.receivableId), asc(receivableLines.dutyKind));
}

export async function eventsOfReceivables(db: Executor, ids: readonly number[]) {
  return db
    .select()
    .from(receivableEvents)
    .where(inArray(receivableEvents.receivableId, [...ids]))
    .orderBy(asc(receivableEvents.id));
}

export async function receivableById(db: Executor, scope: SQL | undefined, id: number) {
  const [row] = await db
    .select()
    .from(receivables)
    .where(and(scope, eq(receivables.id, id)));
  return row ?? null;
}
