import { and, asc, desc, gte, ilike, isNull, like, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { KeysetPageRequest } from '../../shared/pagination.js';
import { commodityCodes } from './tables.js';

export type CommodityCodeRow = typeof commodityCodes.$inferSelect;

function validOn(date: string) {
  return and(
    lte(commodityCodes.validFrom, date),
    or(isNull(commodityCodes.validTo), gte(commodityCodes.validTo, date)),
  );
}

export interface CommodityCodeSearch {
  /** Leading digits of the code. */
  prefix?: string | undefined;
  /**
   * Words that must all occur in the description, case-insensitive, each anywhere (inside longer
   * words too). Bounded by the caller (search.ts): each word is one condition that the trigram
   * index on the description serves.
   */
  words?: readonly string[] | undefined;
  /** Only versions in force on this date; all versions when absent. */
  validOn?: string | undefined;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A page of commodity codes in (code, validFrom) order. */
export async function searchCommodityCodes(
  db: Executor,
  search: CommodityCodeSearch,
  page: KeysetPageRequest,
): Promise<CommodityCodeRow[]> {
  return await commoditySearchQuery(db, search, page);
}

/** The query behind `searchCommodityCodes`, unexecuted, so that its plan can be examined. */
export function commoditySearchQuery(db: Executor, search: CommodityCodeSearch, page: KeysetPageRequest) {
  const words = search.words ?? [];
  const key = sql`(${commodityCodes.code}, ${commodityCodes.validFrom})`;
  return db
    .select()
    .from(commodityCodes)
    .where(
      and(
        search.prefix ? like(commodityCodes.code, `${escapeLike(search.prefix)}%`) : undefined,
        ...words.map((word) => ilike(commodityCodes.description, `%${escapeLike(word)}%`)),
        search.validOn ? validOn(search.validOn) : undefined,
        page.after ? sql`${key} > (${page.after[0]}, ${page.after[1]}::date)` : undefined,
        page.before ? sql`${key} < (${page.before[0]}, ${page.before[1]}::date)` : undefined,
      ),
    )
    .orderBy(
      ...(page.inverted
        ? [desc(commodityCodes.code), desc(commodityCodes.validFrom)]
        : [asc(commodityCodes.code), asc(commodityCodes.validFrom)]),
    )
    .limit(page.limit);
}

/** The version of a code in force on a date. */
export async function findCommodityCode(
  db: Executor,
  code: string,
  date: string,
): Promise<CommodityCodeRow | undefined> {
  const [row] = await db
    .select()
    .from(commodityCodes)
    .where(and(sql`${commodityCodes.code} = ${code}`, validOn(date)))
    .orderBy(desc(commodityCodes.validFrom))
    .limit(1);
  return row;
}
