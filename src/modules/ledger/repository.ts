import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { AccountRef } from './model.js';
import { ledgerAccounts, ledgerEntries, ledgerPostings } from './tables.js';

export interface LockedAccount {
  readonly id: number;
  readonly key: string;
  readonly type: AccountRef['type'];
}

/** The accounts of `keys`, locked for the transaction in key order (the ledger's one lock order). */
export async function lockAccounts(tx: Executor, keys: readonly string[]): Promise<LockedAccount[]> {
  return tx
    .select({ id: ledgerAccounts.id, key: ledgerAccounts.key, type: ledgerAccounts.type })
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.key, [...keys]))
    .orderBy(asc(ledgerAccounts.key))
    .for('update');
}

/** Opens the accounts that do not exist yet; an existing one is left as it is. */
export async function openAccounts(tx: Executor, accounts: readonly AccountRef[], at: Date): Promise<void> {
  await tx
    .insert(ledgerAccounts)
    .values(accounts.map((a) => ({ key: a.key, type: a.type, openedAt: at, updatedAt: at })))
    .onConflictDoNothing({ target: ledgerAccounts.key });
}

export async function insertEntry(
  tx: Executor,
  entry: { kind: string; reference: string; description: string; postedAt: Date; reversesEntryId: number | null },
): Promise<number> {
  const [row] = await tx.insert(ledgerEntries).values(entry).returning({ id: ledgerEntries.id });
  if (!row) throw new Error('the journal entry was not stored');
  return row.id;
}

export async function insertPostings(
  tx: Executor,
  postings: readonly { entryId: number; accountId: number; amountOre: bigint }[],
): Promise<void> {
  await tx.insert(ledgerPostings).values([...postings]);
}

/** Adds each delta to its account's balance and counts the posting in its version. */
export async function applyToBalances(
  tx: Executor,
  deltas: readonly { accountId: number; deltaOre: bigint }[],
  at: Date,
): Promise<void> {
  const values = sql.join(
    deltas.map((d) => sql`(${d.accountId}::bigint, ${d.deltaOre.toString()}::bigint)`),
    sql`, `,
  );
  await tx.execute(sql`
    update ledger_accounts a
       set balance_ore = a.balance_ore + v.delta, version = a.version + 1, updated_at = ${at.toISOString()}::timestamptz
      from (values ${values}) as v(id, delta)
     where a.id = v.id`);
}

export async function findEntry(tx: Executor, entryId: number) {
  const [entry] = await tx.select().from(ledgerEntries).where(eq(ledgerEntries.id, entryId));
  if (!entry) return null;
  const postings = await tx
    .select({ accountKey: ledgerAccounts.key, accountType: ledgerAccounts.type, amountOre: ledgerPostings.amountOre })
    .from(ledgerPostings)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerPostings.accountId))
    .where(eq(ledgerPostings.entryId, entryId))
    .orderBy(asc(ledgerPostings.id));
  return { entry, postings };
}

export async function findReversalOf(tx: Executor, entryId: number): Promise<number | null> {
  const [row] = await tx
    .select({ id: ledgerEntries.id })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.reversesEntryId, entryId));
  return row?.id ?? null;
}

/** Balances of the accounts whose keys are given (absent: never posted to). */
export async function balancesOf(tx: Executor, keys: readonly string[]) {
  if (keys.length === 0) return [];
  return tx
    .select({ key: ledgerAccounts.key, balanceOre: ledgerAccounts.balanceOre, version: ledgerAccounts.version })
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.key, [...keys]));
}
