import { and, asc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { type Executor, rowsOf } from '../../db/client.js';
import type { PartyRef, ReceivableEventKind, ReceivableStatus } from './model.js';
import { paymentParties, receivableEvents, receivableLines, receivables } from './tables.js';

function partyCondition(party: PartyRef) {
  return party.organisationNumber !== undefined
    ? eq(paymentParties.organisationNumber, party.organisationNumber)
    : eq(paymentParties.nationalIdentityNumber, party.nationalIdentityNumber);
}

/** The party's id, or null when it never owed or paid anything. */
export async function findPartyId(db: Executor, party: PartyRef): Promise<number | null> {
  const [row] = await db.select({ id: paymentParties.id }).from(paymentParties).where(partyCondition(party));
  return row?.id ?? null;
}

/**
 * The party's row, created when missing, locked for the transaction: every change of a party's
 * receivables and accounts holds it first, so two payments (or a payment and an amendment) of one
 * party are applied one after the other and lock nothing else in another order.
 */
export async function lockParty(tx: Executor, party: PartyRef, at: Date): Promise<number> {
  const select = () =>
    tx.select({ id: paymentParties.id }).from(paymentParties).where(partyCondition(party)).for('update');
  const [found] = await select();
  if (found) return found.id;
  await tx
    .insert(paymentParties)
    .values({
      organisationNumber: party.organisationNumber ?? null,
      nationalIdentityNumber: party.nationalIdentityNumber ?? null,
      createdAt: at,
    })
    .onConflictDoNothing();
  const [created] = await select();
  if (!created) throw new Error('the payment party could not be stored');
  return created.id;
}

export type ReceivableRow = typeof receivables.$inferSelect;

/** The party's receivables with money open, and the named one whatever its state, locked by id. */
export async function lockPayableReceivables(
  tx: Executor,
  partyId: number,
  namedId: number | null,
): Promise<ReceivableRow[]> {
  const open = sql`${receivables.openOre} > 0`;
  return tx
    .select()
    .from(receivables)
    .where(and(eq(receivables.partyId, partyId), namedId === null ? open : or(open, eq(receivables.id, namedId))))
    .orderBy(asc(receivables.id))
    .for('update');
}

/** Every receivable of the declaration not cancelled, locked by id. */
export async function lockReceivablesOfDeclaration(tx: Executor, declarationId: number): Promise<ReceivableRow[]> {
  return tx
    .select()
    .from(receivables)
    .where(and(eq(receivables.declarationId, declarationId), ne(receivables.status, 'CANCELLED')))
    .orderBy(asc(receivables.id))
    .for('update');
}

/** What the declaration's receivables not cancelled booked per duty kind. */
export async function bookedByKind(tx: Executor, receivableIds: readonly number[]): Promise<Map<string, bigint>> {
  const booked = new Map<string, bigint>();
  if (receivableIds.length === 0) return booked;
  const rows = await tx
    .select({ dutyKind: receivableLines.dutyKind, amountOre: sql<string>`sum(${receivableLines.amountOre})::text` })
    .from(receivableLines)
    .where(inArray(receivableLines.receivableId, [...receivableIds]))
    .groupBy(receivableLines.dutyKind);
  for (const row of rows) booked.set(row.dutyKind, BigInt(row.amountOre));
  return booked;
}

export async function nextKidNumber(tx: Executor): Promise<bigint> {
  const [row] = rowsOf<{ n: string | number }>(await tx.execute(sql`select nextval('receivable_kid_seq')::text as n`));
  if (!row) throw new Error('no KID number');
  return BigInt(row.n);
}

export async function insertReceivable(
  tx: Executor,
  row: typeof receivables.$inferInsert,
  lines: readonly { dutyKind: string; amountOre: bigint }[],
): Promise<ReceivableRow> {
  const [stored] = await tx.insert(receivables).values(row).returning();
  if (!stored) throw new Error('the receivable was not stored');
  if (lines.length > 0) {
    await tx.insert(receivableLines).values(lines.map((l) => ({ receivableId: stored.id, ...l })));
  }
  return stored;
}

export interface ReceivableChange {
  readonly id: number;
  readonly openOre: bigint;
  readonly paidOre: bigint;
  readonly status: ReceivableStatus;
}

/** Writes what is open, paid and the status of each changed receivable, in one statement. */
export async function updateReceivables(tx: Executor, changes: readonly ReceivableChange[], at: Date): Promise<void> {
  if (changes.length === 0) return;
  const values = sql.join(
    changes.map(
      (c) =>
        sql`(${c.id}::bigint, ${c.openOre.toString()}::bigint, ${c.paidOre.toString()}::bigint, ${c.status}::text)`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    update receivables r
       set open_ore = v.open_ore, paid_ore = v.paid_ore, status = v.status, updated_at = ${at.toISOString()}::timestamptz
      from (values ${values}) as v(id, open_ore, paid_ore, status)
     where r.id = v.id`);
}

export interface ReceivableEventDraft {
  readonly receivableId: number;
  readonly kind: ReceivableEventKind;
  readonly status: ReceivableStatus;
  readonly amountOre: bigint | null;
  readonly openAfterOre: bigint;
  readonly reference: string | null;
  readonly entryId: number | null;
  readonly occurredAt: Date;
}

export async function insertEvents(tx: Executor, events: readonly ReceivableEventDraft[]): Promise<void> {
  if (events.length > 0) await tx.insert(receivableEvents).values([...events]);
}

/** Of the declarations given, those with a receivable still open. */
export async function declarationsWithOpen(tx: Executor, declarationIds: readonly number[]): Promise<Set<number>> {
  if (declarationIds.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ declarationId: receivables.declarationId })
    .from(receivables)
    .where(and(inArray(receivables.declarationId, [...declarationIds]), sql`${receivables.openOre} > 0`));
  return new Set(rows.map((r) => r.declarationId));
}

/** The parties of the given ids, locked in id order (a cancellation takes them before the receivables). */
export async function lockPartiesById(tx: Executor, partyIds: readonly number[]): Promise<Map<number, PartyRef>> {
  const parties = new Map<number, PartyRef>();
  if (partyIds.length === 0) return parties;
  const rows = await tx
    .select()
    .from(paymentParties)
    .where(inArray(paymentParties.id, [...partyIds]))
    .orderBy(asc(paymentParties.id))
    .for('update');
  for (const row of rows) {
    parties.set(
      row.id,
      row.organisationNumber !== null
        ? { organisationNumber: row.organisationNumber }
        : { nationalIdentityNumber: row.nationalIdentityNumber as string },
    );
  }
  return parties;
}

/** The parties owing on a declaration (read without a lock, to lock them in order next). */
export async function partiesOfDeclaration(tx: Executor, declarationId: number): Promise<number[]> {
  const rows = await tx
    .selectDistinct({ partyId: receivables.partyId })
    .from(receivables)
    .where(eq(receivables.declarationId, declarationId));
  return rows.map((r) => r.partyId).sort((a, b) => a - b);
}
