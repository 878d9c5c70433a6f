import { and, desc, eq, gt, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { KeysetPageRequest } from '../../shared/pagination.js';
import { inForceCondition } from './in-force.js';
import type { Grantor } from './model.js';
import { mandates } from './tables.js';

export type MandateRow = typeof mandates.$inferSelect;
export type NewMandateRow = typeof mandates.$inferInsert;

/** The condition that a mandate names this grantor. */
function grantorIs(grantor: Grantor): SQL {
  return grantor.organisationNumber !== undefined
    ? eq(mandates.grantorOrgnr, grantor.organisationNumber)
    : eq(mandates.grantorNationalId, grantor.nationalIdentityNumber);
}

/** Given by one of the grantors, businesses or persons; undefined when there are none. */
function givenByAnyOf(grantors: readonly Grantor[]): SQL | undefined {
  const organisations = grantors.flatMap((g) => (g.organisationNumber !== undefined ? [g.organisationNumber] : []));
  const persons = grantors.flatMap((g) => (g.nationalIdentityNumber !== undefined ? [g.nationalIdentityNumber] : []));
  return or(
    organisations.length ? inArray(mandates.grantorOrgnr, organisations) : undefined,
    persons.length ? inArray(mandates.grantorNationalId, persons) : undefined,
  );
}

/** Mandates that some of the grantors gave the representative, in force at the instant. */
export function findMandatesInForce(
  db: Executor,
  representative: string,
  grantors: readonly Grantor[],
  at: Date,
): Promise<MandateRow[]> {
  const named = givenByAnyOf(grantors);
  if (!named) return Promise.resolve([]);
  return db
    .select()
    .from(mandates)
    .where(and(eq(mandates.representativeOrgnr, representative), named, inForceCondition(at)));
}

/** Every mandate, revoked or not, that one of the grantors gave one of the representatives. */
export function findMandatesBetween(
  db: Executor,
  representatives: readonly string[],
  grantors: readonly Grantor[],
): Promise<MandateRow[]> {
  const named = givenByAnyOf(grantors);
  if (!named || representatives.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(mandates)
    .where(and(inArray(mandates.representativeOrgnr, [...representatives]), named));
}

/** The unrevoked mandates between a grantor and a representative, whatever their window. */
export function findUnrevokedMandates(db: Executor, grantor: Grantor, representative: string): Promise<MandateRow[]> {
  return db
    .select()
    .from(mandates)
    .where(and(grantorIs(grantor), eq(mandates.representativeOrgnr, representative), isNull(mandates.revokedAt)))
    .orderBy(mandates.validFrom);
}

export async function insertMandate(db: Executor, values: NewMandateRow): Promise<MandateRow> {
  const [row] = await db.insert(mandates).values(values).returning();
  if (!row) throw new Error('insert into mandates returned no row');
  return row;
}

/** A mandate within the scope, locked for the transaction; undefined when absent or outside the scope. */
export async function lockMandate(db: Executor, scope: SQL | undefined, id: number): Promise<MandateRow | undefined> {
  const [row] = await db
    .select()
    .from(mandates)
    .where(and(eq(mandates.id, id), scope))
    .for('update');
  return row;
}

export async function markRevoked(db: Executor, id: number, at: Date, by: string): Promise<MandateRow> {
  const [row] = await db
    .update(mandates)
    .set({ revokedAt: at, revokedBy: by, updatedAt: at })
    .where(eq(mandates.id, id))
    .returning();
  if (!row) throw new Error(`mandate ${id} vanished while locked`);
  return row;
}

/** Mandates by id within the scope, for the node loader. */
export async function findMandatesByIds(
  db: Executor,
  scope: SQL | undefined,
  ids: readonly number[],
): Promise<Map<number, MandateRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(mandates)
    .where(and(inArray(mandates.id, [...ids]), scope));
  return new Map(rows.map((row) => [row.id, row]));
}

export interface MandateFilter {
  /** Only mandates the organisation or person gave. */
  grantor?: Grantor | undefined;
  grantorOrgnr?: string | undefined;
  representativeOrgnr?: string | undefined;
  /** Only those in force (true) or not in force (false) at this instant and its date. */
  inForce?: { value: boolean; at: Date } | undefined;
}

/** A keyset page of mandates within the scope, newest first. */
export async function findMandatePage(
  db: Executor,
  scope: SQL | undefined,
  filter: MandateFilter,
  page: KeysetPageRequest,
): Promise<MandateRow[]> {
  const conditions: (SQL | undefined)[] = [scope];
  if (filter.grantor) conditions.push(grantorIs(filter.grantor));
  if (filter.grantorOrgnr) conditions.push(eq(mandates.grantorOrgnr, filter.grantorOrgnr));
  if (filter.representativeOrgnr) conditions.push(eq(mandates.representativeOrgnr, filter.representativeOrgnr));
  if (filter.inForce) {
    const inForce = inForceCondition(filter.inForce.at) ?? sql`true`;
    conditions.push(filter.inForce.value ? inForce : sql`not (${inForce})`);
  }
  // Newest first: "after" means a smaller id; an inverted page (for `last`) reads oldest first.
  const [afterId] = page.after ?? [];
  const [beforeId] = page.before ?? [];
  if (afterId !== undefined) conditions.push(lt(mandates.id, Number(afterId)));
  if (beforeId !== undefined) conditions.push(gt(mandates.id, Number(beforeId)));
  const rows = await db
    .select()
    .from(mandates)
    .where(and(...conditions))
    .orderBy(page.inverted ? mandates.id : desc(mandates.id))
    .limit(page.limit);
  return rows;
}
