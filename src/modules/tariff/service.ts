import { type SQL, sql } from 'drizzle-orm';
import { textList } from '../../db/lists.js';
import { commodityCodes } from './tables.js';

/**
 * The tariff, for other modules. The SQL fragment lets a caller read the facts of many codes
 * inside its own single statement.
 */

/** Every version of the given codes, as a JSON array of CommodityFact (model.ts). */
export function commodityFactsSql(codes: readonly string[]): SQL {
  const c = commodityCodes;
  return sql`(select coalesce(json_agg(json_build_object('code', ${c.code}, 'validFrom', ${c.validFrom},
        'validTo', ${c.validTo}, 'unit', ${c.unit}, 'exciseCategory', ${c.exciseCategory})), '[]')
      from ${c} where ${c.code} in ${textList(codes)})`;
}
