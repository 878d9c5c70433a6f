import DataLoader from 'dataloader';
import type { Access } from '../../auth/access.js';
import type { Database } from '../../db/client.js';
import { eventsOfReceivables, linesOfReceivables, receivablesOfDeclarations } from './reads.js';
import type { ReceivableRow } from './repository.js';
import { receivableScope } from './scope.js';
import type { receivableEvents, receivableLines } from './tables.js';

type LineRow = typeof receivableLines.$inferSelect;
type EventRow = typeof receivableEvents.$inferSelect;

function grouped<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): T[][] {
  const byKey = new Map<K, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) byKey.get(keyOf(row))?.push(row);
  return keys.map((k) => byKey.get(k) ?? []);
}

/** Receivables by declaration, their lines and history: one statement per page each. */
export function createPaymentLoaders(db: Database, access: Access) {
  const scope = receivableScope(access);
  return {
    receivablesByDeclaration: new DataLoader<number, ReceivableRow[]>(async (ids) =>
      grouped(ids, await receivablesOfDeclarations(db, scope, ids), (r) => r.declarationId),
    ),
    lines: new DataLoader<number, LineRow[]>(async (ids) =>
      grouped(ids, await linesOfReceivables(db, ids), (r) => r.receivableId),
    ),
    history: new DataLoader<number, EventRow[]>(async (ids) =>
      grouped(ids, await eventsOfReceivables(db, ids), (r) => r.receivableId),
    ),
  };
}
