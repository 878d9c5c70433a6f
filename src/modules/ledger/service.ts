import type { Executor } from '../../db/client.js';
import { type AccountRef, type EntryDraft, LedgerRefusal, type PostedEntry, type PostingDraft } from './model.js';
import {
  applyToBalances,
  balancesOf,
  findEntry,
  findReversalOf,
  insertEntry,
  insertPostings,
  lockAccounts,
  openAccounts,
} from './repository.js';

export * from './model.js';

/**
 * Posting to the ledger. `postEntry` is the only way rows reach the journal: it refuses an entry
 * whose postings do not sum to zero (the database's deferred trigger refuses it again at commit),
 * locks the entry's accounts in key order, appends the entry and its postings, and moves each
 * account's materialised balance and version, all in the caller's transaction.
 */

function checkBalanced(postings: readonly PostingDraft[]): void {
  if (postings.length < 2) throw new LedgerRefusal('An entry has at least two postings.');
  let sum = 0n;
  for (const p of postings) {
    if (typeof p.amountOre !== 'bigint' || p.amountOre === 0n) {
      throw new LedgerRefusal(`A posting to ${p.account.key} must be a non-zero whole number of øre.`);
    }
    sum += p.amountOre;
  }
  if (sum !== 0n) throw new LedgerRefusal(`The entry does not balance: debits minus credits is ${sum} øre.`);
}

async function post(tx: Executor, draft: EntryDraft, reversesEntryId: number | null): Promise<PostedEntry> {
  checkBalanced(draft.postings);
  const byKey = new Map<string, AccountRef>();
  for (const p of draft.postings) {
    const known = byKey.get(p.account.key);
    if (known && known.type !== p.account.type) {
      throw new LedgerRefusal(`Account ${p.account.key} is named with two types.`);
    }
    byKey.set(p.account.key, p.account);
  }
  const keys = [...byKey.keys()].sort();
  let locked = await lockAccounts(tx, keys);
  if (locked.length < keys.length) {
    const present = new Set(locked.map((a) => a.key));
    await openAccounts(
      tx,
      keys.filter((k) => !present.has(k)).map((k) => byKey.get(k) as AccountRef),
      draft.at,
    );
    locked = await lockAccounts(tx, keys);
  }
  const idOf = new Map(locked.map((a) => [a.key, a]));
  for (const key of keys) {
    const account = idOf.get(key);
    if (!account) throw new Error(`ledger account ${key} could not be opened`);
    if (account.type !== byKey.get(key)?.type) {
      throw new LedgerRefusal(`Account ${key} is a ${account.type} account, not ${byKey.get(key)?.type}.`);
    }
  }
  const entryId = await insertEntry(tx, {
    kind: draft.kind,
    reference: draft.reference,
    description: draft.description,
    postedAt: draft.at,
    reversesEntryId,
  });
  const postings = draft.postings.map((p) => ({
    entryId,
    accountId: (idOf.get(p.account.key) as { id: number }).id,
    amountOre: p.amountOre,
  }));
  await insertPostings(tx, postings);
  const deltas = new Map<number, bigint>();
  for (const p of postings) deltas.set(p.accountId, (deltas.get(p.accountId) ?? 0n) + p.amountOre);
  await applyToBalances(
    tx,
    [...deltas].map(([accountId, deltaOre]) => ({ accountId, deltaOre })),
    draft.at,
  );
  return {
    id: entryId,
    kind: draft.kind,
    reference: draft.reference,
    description: draft.description,
    postedAt: draft.at,
    reversesEntryId,
    postings: draft.postings.map((p) => ({ accountKey: p.account.key, amountOre: p.amountOre })),
  };
}

/** Posts a balanced entry in `tx`; refuses (LedgerRefusal) one that is not. */
export function postEntry(tx: Executor, draft: EntryDraft): Promise<PostedEntry> {
  return post(tx, draft, null);
}

/**
 * Posts the reversal of entry `entryId`: the same postings with their signs turned, linked to it.
 * An entry is reversed at most once (a unique index holds that under concurrency too).
 */
export async function reverseEntry(
  tx: Executor,
  entryId: number,
  reversal: { readonly reference: string; readonly description: string; readonly at: Date },
): Promise<PostedEntry> {
  const found = await findEntry(tx, entryId);
  if (!found) throw new LedgerRefusal(`No journal entry ${entryId} to reverse.`);
  if (found.entry.reversesEntryId !== null) throw new LedgerRefusal(`Entry ${entryId} is itself a reversal.`);
  if ((await findReversalOf(tx, entryId)) !== null) throw new LedgerRefusal(`Entry ${entryId} is already reversed.`);
  return post(
    tx,
    {
      kind: 'REVERSAL',
      reference: reversal.reference,
      description: reversal.description,
      at: reversal.at,
      postings: found.postings.map((p) => ({
        account: { key: p.accountKey, type: p.accountType },
        amountOre: -p.amountOre,
      })),
    },
    entryId,
  );
}

/** The materialised balance (debits minus credits) of each named account; 0 for one never posted to. */
export async function accountBalances(db: Executor, keys: readonly string[]): Promise<Map<string, bigint>> {
  const rows = await balancesOf(db, keys);
  const balances = new Map<string, bigint>(keys.map((k) => [k, 0n]));
  for (const row of rows) balances.set(row.key, BigInt(row.balanceOre));
  return balances;
}

export {
  type AccountStatement,
  type JournalEntryRow,
  journalPage,
  type StatementMovement,
  statementOf,
} from './reads.js';
export { type ReconciliationCheck, revenueBalances, verifyJournal } from './verification.js';
