import { type SQL, sql } from 'drizzle-orm';
import { type GoodsScope, goodsCondition } from '../../auth/goods-scope.js';
import type { Executor } from '../../db/client.js';
import { rowsOf } from '../../db/client.js';

/**
 * Trade statistics from declarations, without identifiers, protected against disclosure: a cell
 * made up of fewer than `minDeclarants` declarants is suppressed (primary suppression), and so is
 * any cell from which a suppressed finer cell could be recovered by subtracting the published
 * ones (secondary suppression): for every finer breakdown of a cell, the suppressed parts taken
 * together must come from at least `minDeclarants` declarants, or the cell is withheld too.
 */

/** Dimension columns of the base rows, by name; the only identifiers ever spliced into SQL. */
export const DIMENSIONS = {
  MONTH: 'month',
  CHAPTER: 'chapter',
  COUNTRY_OF_ORIGIN: 'origin',
  PROCEDURE: 'procedure',
} as const;
export type Dimension = keyof typeof DIMENSIONS;
const ALL_DIMENSIONS = Object.keys(DIMENSIONS) as Dimension[];

export interface StatisticsFilter {
  /** First and last month, YYYY-MM. */
  readonly fromMonth: string;
  readonly toMonth: string;
  /** The goods the reader may see (src/auth/goods-scope.ts). */
  readonly goods: GoodsScope;
}

export interface StatisticsCell {
  month: string | null;
  chapter: string | null;
  countryOfOrigin: string | null;
  procedureCode: string | null;
  declarations: number;
  goodsItems: number;
  netMassKg: string;
  declarants: number;
  suppressed: boolean;
}

/** The most cells one request may produce; a finer breakdown needs a shorter period. */
export const MAX_CELLS = 10_000;

function baseRows(filter: StatisticsFilter): SQL {
  const conditions: SQL[] = [
    sql`d.status not in ('CANCELLED', 'REJECTED')`,
    sql`d.submitted_at >= (${`${filter.fromMonth}-01`}::date)::timestamp at time zone 'Europe/Oslo'`,
    sql`d.submitted_at < ((${`${filter.toMonth}-01`}::date + interval '1 month')::date)::timestamp at time zone 'Europe/Oslo'`,
  ];
  const goods = goodsCondition(filter.goods, {
    commodityCode: sql`gi.commodity_code`,
    originCountry: sql`gi.origin_country`,
    procedureCode: sql`v.procedure_code`,
    declarationType: sql`d.type`,
  });
  if (goods) conditions.push(goods);
  return sql`select to_char(d.submitted_at at time zone 'Europe/Oslo', 'YYYY-MM') as month,
      left(gi.commodity_code, 2) as chapter, gi.origin_country as origin, v.procedure_code as procedure,
      d.declarant_orgnr as declarant, d.id as declaration_id, gi.net_mass_kg as net_mass
    from declarations d
    join declaration_versions v on v.declaration_id = d.id and v.version = d.current_version
    join goods_items gi on gi.declaration_id = d.id and gi.version = d.current_version
    where ${sql.join(conditions, sql` and `)}`;
}

const columns = (dimensions: readonly Dimension[], prefix = '') =>
  sql.raw(dimensions.map((d) => `${prefix}${DIMENSIONS[d]}`).join(', '));
const keyOf = (row: Record<string, unknown>, dimensions: readonly Dimension[]) =>
  dimensions.map((d) => String(row[DIMENSIONS[d]])).join('|');

/** Every non-empty subset of a few items (at most three dimensions here: seven subsets). */
function subsets<T>(items: readonly T[]): T[][] {
  const all: T[][] = [[]];
  for (const item of items) {
    const count = all.length;
    for (let i = 0; i < count; i++) all.push([...(all[i] as T[]), item]);
  }
  return all.filter((subset) => subset.length > 0);
}

/**
 * The cells of the chosen breakdown, each marked suppressed or not. One statement for the cells
 * and one for each finer breakdown checked for secondary suppression (at most seven).
 */
export async function tradeCells(
  db: Executor,
  filter: StatisticsFilter,
  groupBy: readonly Dimension[],
  minDeclarants: number,
): Promise<StatisticsCell[]> {
  const base = baseRows(filter);
  const g = columns(groupBy);
  const cells = rowsOf<Record<string, unknown>>(
    await db.execute(sql`with base as (${base})
      select ${g}, count(distinct declaration_id)::int as declarations, count(*)::int as goods_items,
        sum(net_mass)::text as net_mass, count(distinct declarant)::int as declarants
      from base group by ${g} order by ${g} limit ${MAX_CELLS + 1}`),
  );
  const withheld = new Set<string>();
  for (const extra of subsets(ALL_DIMENSIONS.filter((d) => !groupBy.includes(d)))) {
    const fine = columns([...groupBy, ...extra]);
    const join = sql.raw([...groupBy, ...extra].map((d) => `b.${DIMENSIONS[d]} = s.${DIMENSIONS[d]}`).join(' and '));
    const parents = rowsOf<Record<string, unknown>>(
      await db.execute(sql`with base as (${base}),
        small as (select ${fine} from base group by ${fine} having count(distinct declarant) < ${minDeclarants})
        select ${columns(groupBy, 'b.')}, count(distinct b.declarant)::int as hidden
        from base b join small s on ${join} group by ${columns(groupBy, 'b.')}`),
    );
    for (const parent of parents) {
      if (Number(parent.hidden) < minDeclarants) withheld.add(keyOf(parent, groupBy));
    }
  }
  return cells.map((row) => ({
    month: (row.month as string | undefined) ?? null,
    chapter: (row.chapter as string | undefined) ?? null,
    countryOfOrigin: (row.origin as string | undefined) ?? null,
    procedureCode: (row.procedure as string | undefined) ?? null,
    declarations: Number(row.declarations),
    goodsItems: Number(row.goods_items),
    netMassKg: String(row.net_mass ?? '0'),
    declarants: Number(row.declarants),
    suppressed: Number(row.declarants) < minDeclarants || withheld.has(keyOf(row, groupBy)),
  }));
}
