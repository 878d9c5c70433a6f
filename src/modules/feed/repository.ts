import { asc, type SQL, sql } from 'drizzle-orm';
import { type GoodsScope, goodsCondition, goodsShape, itemCondition, placeholderList } from '../../auth/goods-scope.js';
import type { Database } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import { declarationItemEvents } from './tables.js';

export type ItemEventRow = typeof declarationItemEvents.$inferSelect;

export interface FeedPosition {
  readonly txId: string;
  readonly id: number;
}

const placeholder = sql.placeholder;

/**
 * The item number a reader is shown. A reader who sees only some goods (chapters or origins) gets
 * the item's position among the items of that version it may see, as the declaration's own goods
 * items show it (declarations/scope.ts, itemView): a gap in the numbers would tell how many hidden
 * items there are. The event's version always holds its item (a REMOVED event names the version
 * the item was removed from).
 */
function shownItemNumber(scope: GoodsScope) {
  const item = itemCondition(
    scope,
    { commodityCode: sql`g.commodity_code`, originCountry: sql`g.origin_country` },
    placeholderList({}),
  );
  if (!item) return declarationItemEvents.itemNumber;
  // Each condition is its own SQL chunk: a column written straight into a selected expression is
  // rendered without its table, and would then name the subquery's own column.
  const conditions = [
    sql`g.declaration_id = ${declarationItemEvents.declarationId}`,
    sql`g.version = ${declarationItemEvents.version}`,
    sql`g.item_number <= ${declarationItemEvents.itemNumber}`,
    item,
  ];
  return sql<number>`(select count(*)::int from goods_items g where ${sql.join(conditions, sql` and `)})`.as(
    'item_number',
  );
}

/**
 * The next events after a position, in (transaction id, id) order, and only from transactions
 * older than every transaction still running: an event that commits later always sorts after
 * what a reader has seen, so following the feed by its marker never skips one.
 */
export function readFeed(
  db: Database,
  scope: GoodsScope,
  after: FeedPosition | null,
  limit: number,
): Promise<ItemEventRow[]> {
  const conditions: SQL[] = [sql`${declarationItemEvents.txId} < pg_snapshot_xmin(pg_current_snapshot())`];
  const params: Record<string, unknown> = { limit };
  const shape: string[] = [];
  if (after) {
    conditions.push(
      sql`(${declarationItemEvents.txId}, ${declarationItemEvents.id}) > (${placeholder('afterTx')}::xid8, ${placeholder('afterId')}::bigint)`,
    );
    Object.assign(params, { afterTx: after.txId, afterId: after.id });
    shape.push('after');
  }
  const goods = goodsCondition(
    scope,
    {
      commodityCode: declarationItemEvents.commodityCode,
      originCountry: declarationItemEvents.originCountry,
      procedureCode: declarationItemEvents.procedureCode,
      declarationType: declarationItemEvents.declarationType,
    },
    placeholderList(params),
  );
  if (goods) conditions.push(goods);
  shape.push(goodsShape(scope));
  const query = prepared(db, `feed:${shape.join(',')}`, () =>
    db
      .select({
        id: declarationItemEvents.id,
        // xid8 travels as text: its digits may exceed what a JavaScript number holds exactly.
        txId: sql<string>`${declarationItemEvents.txId}::text`.as('tx_id'),
        declarationId: declarationItemEvents.declarationId,
        declarationNumber: declarationItemEvents.declarationNumber,
        declarationType: declarationItemEvents.declarationType,
        version: declarationItemEvents.version,
        itemNumber: shownItemNumber(scope),
        kind: declarationItemEvents.kind,
        commodityCode: declarationItemEvents.commodityCode,
        originCountry: declarationItemEvents.originCountry,
        procedureCode: declarationItemEvents.procedureCode,
        occurredAt: declarationItemEvents.occurredAt,
      })
      .from(declarationItemEvents)
      .where(sql.join(conditions, sql` and `))
      .orderBy(asc(declarationItemEvents.txId), asc(declarationItemEvents.id))
      .limit(placeholder('limit'))
      .prepare('declaration_item_feed'),
  );
  return query.execute(params);
}
