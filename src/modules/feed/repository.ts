import { asc, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import { declarationItemEvents } from './tables.js';

export type ItemEventRow = typeof declarationItemEvents.$inferSelect;

/** Which events a reader may see: goods of some chapters, procedures and origins (null: all). */
export interface FeedFilter {
  readonly chapters: readonly string[] | null;
  readonly procedures: readonly string[] | null;
  readonly originCountries: readonly string[] | null;
  /** Events of import declarations only (an agency without read:exports). */
  readonly importsOnly: boolean;
}

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
function shownItemNumber(filter: FeedFilter) {
  if (!filter.chapters && !filter.originCountries) return declarationItemEvents.itemNumber;
  const conditions = [
    sql`g.declaration_id = ${declarationItemEvents.declarationId}`,
    sql`g.version = ${declarationItemEvents.version}`,
    sql`g.item_number <= ${declarationItemEvents.itemNumber}`,
  ];
  if (filter.chapters) conditions.push(sql`left(g.commodity_code, 2) = any(${placeholder('chapters')}::text[])`);
  if (filter.originCountries) conditions.push(sql`g.origin_country = any(${placeholder('origins')}::text[])`);
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
  filter: FeedFilter,
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
  if (filter.chapters) {
    conditions.push(sql`left(${declarationItemEvents.commodityCode}, 2) = any(${placeholder('chapters')}::text[])`);
    params.chapters = filter.chapters;
    shape.push('chapters');
  }
  if (filter.procedures) {
    conditions.push(sql`${declarationItemEvents.procedureCode} = any(${placeholder('procedures')}::text[])`);
    params.procedures = filter.procedures;
    shape.push('procedures');
  }
  if (filter.originCountries) {
    conditions.push(sql`${declarationItemEvents.originCountry} = any(${placeholder('origins')}::text[])`);
    params.origins = filter.originCountries;
    shape.push('origins');
  }
  if (filter.importsOnly) {
    conditions.push(sql`${declarationItemEvents.declarationType} = 'IMPORT'`);
    shape.push('imports');
  }
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
        itemNumber: shownItemNumber(filter),
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
