import { type SQL, sql } from 'drizzle-orm';
import type { Access } from '../../auth/access.js';
import { goodsScope } from '../../auth/goods-scope.js';
import type { Database, Executor } from '../../db/client.js';
import { canonicalDecimal } from '../../shared/decimal.js';
import type { FeedDeclaration, FeedItem, ItemChange, PendingItemEvent } from './model.js';
import { type FeedPosition, type ItemEventRow, readFeed } from './repository.js';
import { declarationItemEvents } from './tables.js';

/** Numbers compare by value: a stored "12.500" and a submitted "12.5" are the same quantity. */
function sameNumber(a: string | null, b: string | null): boolean {
  return a === null || b === null ? a === b : canonicalDecimal(a) === canonicalDecimal(b);
}

function sameItem(a: FeedItem, b: FeedItem): boolean {
  return (
    a.commodityCode === b.commodityCode &&
    a.originCountry === b.originCountry &&
    a.description === b.description &&
    a.preferenceClaimed === b.preferenceClaimed &&
    sameNumber(a.netMassKg, b.netMassKg) &&
    sameNumber(a.supplementaryQuantity, b.supplementaryQuantity) &&
    sameNumber(a.alcoholStrength, b.alcoholStrength) &&
    sameNumber(a.invoiceAmount, b.invoiceAmount)
  );
}

/**
 * The feed events for a change from `before` to `after` items (empty lists for a new or a
 * cancelled declaration): an item that changed is removed and added again; an unchanged one
 * makes no event.
 */
export function itemChangeEvents(declaration: Pick<FeedDeclaration, 'type'>, change: ItemChange): PendingItemEvent[] {
  const after = new Map(change.after.map((item) => [item.itemNumber, item]));
  const before = new Map(change.before.map((item) => [item.itemNumber, item]));
  const procedureChanged = change.beforeProcedure !== change.afterProcedure;
  const event = (item: FeedItem, kind: 'ADDED' | 'REMOVED', version: number, procedureCode: string) => ({
    declarationType: declaration.type,
    version,
    itemNumber: item.itemNumber,
    kind,
    commodityCode: item.commodityCode,
    originCountry: item.originCountry,
    procedureCode,
    occurredAt: change.at,
  });
  const rows: PendingItemEvent[] = [];
  for (const [number, old] of before) {
    const now = after.get(number);
    if (!now || procedureChanged || !sameItem(old, now)) {
      rows.push(event(old, 'REMOVED', change.beforeVersion, change.beforeProcedure ?? ''));
    }
  }
  for (const [number, now] of after) {
    const old = before.get(number);
    if (!old || procedureChanged || !sameItem(old, now)) {
      rows.push(event(now, 'ADDED', change.afterVersion, change.afterProcedure ?? ''));
    }
  }
  return rows;
}

/**
 * Writes the feed events for a change of a declaration. Runs inside the transaction of the
 * change, so the feed never disagrees with it.
 */
export async function recordItemChanges(tx: Executor, declaration: FeedDeclaration, change: ItemChange): Promise<void> {
  const rows = itemChangeEvents(declaration, change).map((row) => ({
    ...row,
    declarationId: declaration.id,
    declarationNumber: declaration.number,
  }));
  for (let start = 0; start < rows.length; start += 500) {
    await tx.insert(declarationItemEvents).values(rows.slice(start, start + 500));
  }
}

/**
 * An INSERT of feed events whose declaration the same statement finds (`declaration`: the id and
 * the number, expressions over the statement's other parts): for a new declaration, whose number
 * is taken by the last statement of its transaction. Events are append-only, so they cannot be
 * written first and given the number later. The events travel as one JSON parameter, in their
 * order, so that the statement's text is the same whatever their number.
 */
export function itemEventsInsert(events: readonly PendingItemEvent[], declaration: { id: SQL; number: SQL }): SQL {
  const json = JSON.stringify(
    events.map((e, position) => ({
      position,
      declaration_type: e.declarationType,
      version: e.version,
      item_number: e.itemNumber,
      kind: e.kind,
      commodity_code: e.commodityCode,
      origin_country: e.originCountry,
      procedure_code: e.procedureCode,
      occurred_at: e.occurredAt.toISOString(),
    })),
  );
  return sql`insert into ${declarationItemEvents} (declaration_id, declaration_number, declaration_type, version,
      item_number, kind, commodity_code, origin_country, procedure_code, occurred_at)
    select ${declaration.id}, ${declaration.number}, e.declaration_type, e.version, e.item_number, e.kind,
           e.commodity_code, e.origin_country, e.procedure_code, e.occurred_at
      from jsonb_to_recordset(${json}::text::jsonb) as e(position int, declaration_type text, version int,
           item_number int, kind text, commodity_code text, origin_country text, procedure_code text,
           occurred_at timestamptz)
     order by e.position`;
}

export type { FeedPosition, ItemEventRow } from './repository.js';

/**
 * The next events of the declaration item feed that the caller may read: the goods of its goods
 * scope (an agency its agreement's, the authority's staff all), the same goods its declaration
 * reads and statistics cover.
 */
export function feedEvents(
  db: Database,
  access: Access,
  after: FeedPosition | null,
  limit: number,
): Promise<ItemEventRow[]> {
  return readFeed(db, goodsScope(access), after, limit);
}
