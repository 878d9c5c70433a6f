import type { Access } from '../../auth/access.js';
import { goodsScope } from '../../auth/goods-scope.js';
import type { Database } from '../../db/client.js';
import { type FeedPosition, type ItemEventRow, readFeed } from './repository.js';

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
