import type { Access } from '../../auth/access.js';
import { goodsScope } from '../../auth/goods-scope.js';
import type { Executor } from '../../db/client.js';
import { type Dimension, type StatisticsCell, tradeCells } from './repository.js';

export { type Dimension, MAX_CELLS, type StatisticsCell } from './repository.js';

/** A cell from fewer declarants than this is withheld: its figures could reveal one business's trade. */
export const MIN_DECLARANTS_PER_CELL = 3;

/**
 * Trade statistics over the goods of the caller's goods scope (an agency its agreement's, the
 * authority's staff all): the same goods its declaration reads and the item feed show. Whole
 * months from `fromMonth` to `toMonth` (YYYY-MM), each cell marked suppressed or not.
 */
export function tradeStatistics(
  db: Executor,
  access: Access,
  fromMonth: string,
  toMonth: string,
  groupBy: readonly Dimension[],
): Promise<StatisticsCell[]> {
  return tradeCells(db, { fromMonth, toMonth, goods: goodsScope(access) }, groupBy, MIN_DECLARANTS_PER_CELL);
}
