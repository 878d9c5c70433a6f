import DataLoader from 'dataloader';
import type { Access } from '../../auth/access.js';
import type { Database } from '../../db/client.js';
import {
  type DeclarationEventRow,
  type DeclarationRecord,
  type DeclarationVersionRow,
  findDeclarationsHidingItems,
  findEvents,
  findGoodsItems,
  findHolds,
  findVersions,
  type GoodsItemRow,
  type HoldRow,
  loadDeclarationsByIds,
  loadDeclarationsByNumbers,
  type VersionKey,
} from './repository.js';
import { declarationScope, type ItemView, itemView, visibleItemFilter } from './scope.js';

function groupBy<T, K>(rows: readonly T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

const versionKeyString = (key: VersionKey) => `${key.declarationId}:${key.version}`;

/**
 * Batch loaders of the declarations module, bound to the caller's row scope: whatever asks for
 * a declaration (a list, `node`, a nested field), it comes through the same scoped query.
 */
export function createDeclarationLoaders(db: Database, access: Access) {
  const scope = declarationScope(access);
  const itemVisible = visibleItemFilter(access);
  // An agency sees its own holds and requests, not other agencies' (their reasons can be sensitive).
  const ownAgency = access.principal.role === 'agency' ? access.principal.agencyCode : null;
  const holdVisible = (hold: HoldRow) => ownAgency === null || hold.agencyCode === ownAgency;
  const eventVisible = (event: DeclarationEventRow) =>
    ownAgency === null || event.actorKind !== 'AGENCY' || event.actorId === ownAgency;
  return {
    declarationById: new DataLoader<number, DeclarationRecord | null>(async (ids) => {
      const byId = new Map((await loadDeclarationsByIds(db, scope, ids)).map((r) => [r.declaration.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    declarationByNumber: new DataLoader<string, DeclarationRecord | null>(async (numbers) => {
      const byNumber = new Map(
        (await loadDeclarationsByNumbers(db, scope, numbers)).map((r) => [r.declaration.number, r]),
      );
      return numbers.map((number) => byNumber.get(number) ?? null);
    }),
    /**
     * Goods items by declaration version as the caller sees them: those it may see, with the
     * numbers it is shown (scope.ts, itemView). Callers reach versions only through a scoped declaration.
     */
    goodsItems: new DataLoader<VersionKey, ItemView<GoodsItemRow>, string>(
      async (keys) => {
        const groups = groupBy(await findGoodsItems(db, keys), (row) => versionKeyString(row));
        return keys.map((key) => itemView(itemVisible, groups.get(versionKeyString(key)) ?? []));
      },
      { cacheKeyFn: versionKeyString },
    ),
    /**
     * Whether the caller misses some goods item of some version of a declaration (an agency
     * reading by chapter or origin): then freight, insurance and the allocation are withheld on
     * every version, since one seen whole would date the figures of those it sees in part.
     */
    hidesItems: new DataLoader<number, boolean>(async (ids) => {
      if (!itemVisible) return ids.map(() => false);
      const hiding = new Set(await findDeclarationsHidingItems(db, scope, ids));
      return ids.map((id) => hiding.has(id));
    }),
    versions: new DataLoader<number, DeclarationVersionRow[]>(async (ids) => {
      const groups = groupBy(await findVersions(db, ids), (row) => row.declarationId);
      return ids.map((id) => groups.get(id) ?? []);
    }),
    holds: new DataLoader<number, HoldRow[]>(async (ids) => {
      const groups = groupBy((await findHolds(db, ids)).filter(holdVisible), (row) => row.declarationId);
      return ids.map((id) => groups.get(id) ?? []);
    }),
    events: new DataLoader<number, DeclarationEventRow[]>(async (ids) => {
      const groups = groupBy((await findEvents(db, ids)).filter(eventVisible), (row) => row.declarationId);
      return ids.map((id) => groups.get(id) ?? []);
    }),
  };
}

export type DeclarationLoaders = ReturnType<typeof createDeclarationLoaders>;

/** After a write, forget what this request cached about the declaration. */
export function forgetDeclaration(loaders: DeclarationLoaders, record: DeclarationRecord): void {
  loaders.declarationById.clear(record.declaration.id).prime(record.declaration.id, record);
  loaders.declarationByNumber.clear(record.declaration.number).prime(record.declaration.number, record);
  loaders.versions.clear(record.declaration.id);
  loaders.events.clear(record.declaration.id);
  loaders.holds.clear(record.declaration.id);
  loaders.hidesItems.clear(record.declaration.id);
}
