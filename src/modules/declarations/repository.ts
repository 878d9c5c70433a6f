import { and, asc, desc, eq, gt, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { KeysetPageRequest } from '../../graphql/pagination.js';
import type { DeclarationStatus, DeclarationType } from './model.js';
import { declarationEvents, declarations, declarationVersions, goodsItems } from './tables.js';

export type DeclarationRow = typeof declarations.$inferSelect;
export type DeclarationVersionRow = typeof declarationVersions.$inferSelect;
export type GoodsItemRow = typeof goodsItems.$inferSelect;
export type DeclarationEventRow = typeof declarationEvents.$inferSelect;

/** A declaration with the content of one of its versions (the current one, unless stated). */
export interface DeclarationRecord {
  readonly declaration: DeclarationRow;
  readonly content: DeclarationVersionRow;
}

export interface VersionKey {
  readonly declarationId: number;
  readonly version: number;
}

export interface DeclarationFilter {
  statuses?: readonly DeclarationStatus[] | undefined;
  type?: DeclarationType | undefined;
  /** Submitted on or after this date (Europe/Oslo). */
  submittedFrom?: string | undefined;
  /** Submitted on or before this date (Europe/Oslo). */
  submittedTo?: string | undefined;
  /** Some goods item of the current version has a commodity code starting with these digits. */
  commodityCodePrefix?: string | undefined;
  clientReference?: string | undefined;
  declarantOrgnr?: string | undefined;
}

/** Declarations joined with their current version: one row per declaration, one statement. */
function selectCurrent(db: Executor) {
  return db
    .select({ declaration: declarations, content: declarationVersions })
    .from(declarations)
    .innerJoin(
      declarationVersions,
      and(
        eq(declarationVersions.declarationId, declarations.id),
        eq(declarationVersions.version, declarations.currentVersion),
      ),
    );
}

function filterConditions(filter: DeclarationFilter): (SQL | undefined)[] {
  const prefix = filter.commodityCodePrefix;
  return [
    filter.statuses?.length ? inArray(declarations.status, [...filter.statuses]) : undefined,
    filter.type ? eq(declarations.type, filter.type) : undefined,
    filter.submittedFrom
      ? sql`${declarations.submittedAt} >= (${filter.submittedFrom}::date)::timestamp at time zone 'Europe/Oslo'`
      : undefined,
    filter.submittedTo
      ? sql`${declarations.submittedAt} < (${filter.submittedTo}::date + 1)::timestamp at time zone 'Europe/Oslo'`
      : undefined,
    prefix
      ? sql`exists (select 1 from ${goodsItems} where ${goodsItems.declarationId} = ${declarations.id}
          and ${goodsItems.version} = ${declarations.currentVersion}
          and ${goodsItems.commodityCode} like ${`${prefix}%`})`
      : undefined,
    filter.clientReference ? eq(declarations.clientReference, filter.clientReference) : undefined,
    filter.declarantOrgnr ? eq(declarations.declarantOrgnr, filter.declarantOrgnr) : undefined,
  ];
}

/** A keyset page of declarations, newest first, within the caller's scope. */
export function findDeclarationPage(
  db: Executor,
  scope: SQL | undefined,
  filter: DeclarationFilter,
  page: KeysetPageRequest,
): Promise<DeclarationRecord[]> {
  const afterId = page.after?.[0] as number | undefined;
  const beforeId = page.before?.[0] as number | undefined;
  return selectCurrent(db)
    .where(
      and(
        scope,
        ...filterConditions(filter),
        afterId !== undefined ? lt(declarations.id, afterId) : undefined,
        beforeId !== undefined ? gt(declarations.id, beforeId) : undefined,
      ),
    )
    .orderBy(page.inverted ? asc(declarations.id) : desc(declarations.id))
    .limit(page.limit);
}

export function findDeclarationsByIds(
  db: Executor,
  scope: SQL | undefined,
  ids: readonly number[],
): Promise<DeclarationRecord[]> {
  return selectCurrent(db).where(and(scope, inArray(declarations.id, [...ids])));
}

export function findDeclarationsByNumbers(
  db: Executor,
  scope: SQL | undefined,
  numbers: readonly string[],
): Promise<DeclarationRecord[]> {
  return selectCurrent(db).where(and(scope, inArray(declarations.number, [...numbers])));
}

export async function findDeclarationByClientReference(
  db: Executor,
  declarantOrgnr: string,
  clientReference: string,
): Promise<DeclarationRow | undefined> {
  const [row] = await db
    .select()
    .from(declarations)
    .where(and(eq(declarations.declarantOrgnr, declarantOrgnr), eq(declarations.clientReference, clientReference)));
  return row;
}

/** Locks the declaration row for the rest of the transaction, so lifecycle changes serialise. */
export async function lockDeclaration(tx: Executor, id: number): Promise<DeclarationRow | undefined> {
  const [row] = await tx.select().from(declarations).where(eq(declarations.id, id)).for('update');
  return row;
}

function versionKeyCondition(
  columns: { declarationId: typeof goodsItems.declarationId; version: typeof goodsItems.version },
  keys: readonly VersionKey[],
) {
  return sql`(${columns.declarationId}, ${columns.version}) in (${sql.join(
    keys.map((key) => sql`(${key.declarationId}::bigint, ${key.version}::int)`),
    sql`, `,
  )})`;
}

/** Goods items of many declaration versions in one statement, in item order. */
export function findGoodsItems(db: Executor, keys: readonly VersionKey[]): Promise<GoodsItemRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(goodsItems)
    .where(versionKeyCondition(goodsItems, keys))
    .orderBy(asc(goodsItems.declarationId), asc(goodsItems.version), asc(goodsItems.itemNumber));
}

export function findVersions(db: Executor, declarationIds: readonly number[]): Promise<DeclarationVersionRow[]> {
  return db
    .select()
    .from(declarationVersions)
    .where(inArray(declarationVersions.declarationId, [...declarationIds]))
    .orderBy(asc(declarationVersions.declarationId), asc(declarationVersions.version));
}

export function findEvents(db: Executor, declarationIds: readonly number[]): Promise<DeclarationEventRow[]> {
  return db
    .select()
    .from(declarationEvents)
    .where(inArray(declarationEvents.declarationId, [...declarationIds]))
    .orderBy(asc(declarationEvents.declarationId), asc(declarationEvents.id));
}

export async function insertDeclaration(tx: Executor, row: typeof declarations.$inferInsert): Promise<DeclarationRow> {
  const [inserted] = await tx.insert(declarations).values(row).returning();
  if (!inserted) throw new Error('insert into declarations returned no row');
  return inserted;
}

export async function insertVersion(
  tx: Executor,
  version: typeof declarationVersions.$inferInsert,
  items: (typeof goodsItems.$inferInsert)[],
): Promise<DeclarationVersionRow> {
  const [inserted] = await tx.insert(declarationVersions).values(version).returning();
  if (!inserted) throw new Error('insert into declaration_versions returned no row');
  // Batched so that a 999-item declaration is a handful of statements, within parameter limits.
  for (let start = 0; start < items.length; start += 200) {
    await tx.insert(goodsItems).values(items.slice(start, start + 200));
  }
  return inserted;
}

export async function insertEvent(tx: Executor, event: typeof declarationEvents.$inferInsert): Promise<void> {
  await tx.insert(declarationEvents).values(event);
}

export async function updateDeclaration(
  tx: Executor,
  id: number,
  changes: Partial<typeof declarations.$inferInsert>,
): Promise<DeclarationRow> {
  const [row] = await tx.update(declarations).set(changes).where(eq(declarations.id, id)).returning();
  if (!row) throw new Error(`declaration ${id} vanished inside its transaction`);
  return row;
}

export async function findVersion(
  tx: Executor,
  declarationId: number,
  version: number,
): Promise<DeclarationVersionRow | undefined> {
  const [row] = await tx
    .select()
    .from(declarationVersions)
    .where(and(eq(declarationVersions.declarationId, declarationId), eq(declarationVersions.version, version)));
  return row;
}
