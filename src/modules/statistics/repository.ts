import { and, eq, gte, lt, notInArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { declarations, declarationVersions, goodsItems } from '../declarations/tables.js';

export const DIMENSIONS = {
  MONTH: sql<string>`to_char(${declarations.submittedAt} at time zone 'Europe/Oslo', 'YYYY-MM')`,
  CHAPTER: sql<string>`left(${goodsItems.commodityCode}, 2)`,
  COUNTRY_OF_ORIGIN: sql<string>`${goodsItems.originCountry}`,
  PROCEDURE: sql<string>`${declarationVersions.procedureCode}`,
} as const;
export type Dimension = keyof typeof DIMENSIONS;

export interface StatisticsRow {
  month: string | null;
  chapter: string | null;
  countryOfOrigin: string | null;
  procedureCode: string | null;
  declarations: number;
  goodsItems: number;
  netMassKg: string;
  declarants: number;
}

/** The most cells one request returns; a finer breakdown needs a narrower period. */
export const MAX_CELLS = 10_000;

/**
 * Trade aggregated by the chosen dimensions over declarations submitted in [from, to] (current
 * versions; cancelled and rejected declarations excluded). No identifiers leave this query: only
 * counts, sums and the number of distinct declarants, which decides suppression.
 */
export async function aggregateTrade(
  db: Executor,
  period: { from: string; to: string },
  dimensions: readonly Dimension[],
): Promise<StatisticsRow[]> {
  const selected = Object.fromEntries(dimensions.map((d) => [d, DIMENSIONS[d]]));
  const rows = await db
    .select({
      ...selected,
      declarations: sql<number>`count(distinct ${declarations.id})::int`,
      goodsItems: sql<number>`count(*)::int`,
      netMassKg: sql<string>`sum(${goodsItems.netMassKg})::text`,
      declarants: sql<number>`count(distinct ${declarations.declarantOrgnr})::int`,
    })
    .from(declarations)
    .innerJoin(
      declarationVersions,
      and(
        eq(declarationVersions.declarationId, declarations.id),
        eq(declarationVersions.version, declarations.currentVersion),
      ),
    )
    .innerJoin(
      goodsItems,
      and(eq(goodsItems.declarationId, declarations.id), eq(goodsItems.version, declarations.currentVersion)),
    )
    .where(
      and(
        notInArray(declarations.status, ['CANCELLED', 'REJECTED']),
        gte(declarations.submittedAt, sql`(${period.from}::date)::timestamp at time zone 'Europe/Oslo'`),
        lt(declarations.submittedAt, sql`(${period.to}::date + 1)::timestamp at time zone 'Europe/Oslo'`),
      ),
    )
    .groupBy(...dimensions.map((d) => DIMENSIONS[d]))
    .orderBy(...dimensions.map((d) => DIMENSIONS[d]))
    .limit(MAX_CELLS + 1);
  return rows.map((row) => {
    const r = row as Record<string, unknown>;
    return {
      month: (r.MONTH as string | undefined) ?? null,
      chapter: (r.CHAPTER as string | undefined) ?? null,
      countryOfOrigin: (r.COUNTRY_OF_ORIGIN as string | undefined) ?? null,
      procedureCode: (r.PROCEDURE as string | undefined) ?? null,
      declarations: Number(r.declarations),
      goodsItems: Number(r.goodsItems),
      netMassKg: String(r.netMassKg ?? '0'),
      declarants: Number(r.declarants),
    };
  });
}
