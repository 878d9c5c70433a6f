import { sql } from 'drizzle-orm';
import { type Executor, rowsOf } from '../../db/client.js';

/**
 * The ledger's own proofs, in SQL over the whole journal: every entry balances (and has
 * postings), and every account's materialised balance and version equal the sum and the number
 * of entries of its postings.
 */

export interface ReconciliationCheck {
  /** Stable name of the check. */
  readonly name: string;
  readonly ok: boolean;
  /** What was compared, for people. */
  readonly description: string;
  /** The first failures found (at most 20), each a sentence naming the entry, account or kind. */
  readonly failures: readonly string[];
}

const LIMIT = 20;

export async function verifyJournal(db: Executor): Promise<ReconciliationCheck[]> {
  const unbalanced = rowsOf<{ id: string; total: string | null }>(
    await db.execute(sql`
      select e.id::text as id, sum(p.amount_ore)::text as total
        from ledger_entries e left join ledger_postings p on p.entry_id = e.id
       group by e.id having count(p.id) < 2 or sum(p.amount_ore) <> 0
       order by e.id limit ${LIMIT}`),
  );
  const drifted = rowsOf<{ key: string; balance: string; posted: string; version: number; entries: number }>(
    await db.execute(sql`
      select a.key, a.balance_ore::text as balance, coalesce(s.posted, 0)::text as posted,
             a.version, coalesce(s.entries, 0)::int as entries
        from ledger_accounts a
        left join (select account_id, sum(amount_ore) as posted, count(distinct entry_id) as entries
                     from ledger_postings group by account_id) s on s.account_id = a.id
       where a.balance_ore <> coalesce(s.posted, 0) or a.version <> coalesce(s.entries, 0)
       order by a.key limit ${LIMIT}`),
  );
  return [
    {
      name: 'ENTRIES_BALANCE',
      ok: unbalanced.length === 0,
      description: 'Every journal entry has at least two postings and its debits equal its credits.',
      failures: unbalanced.map((u) => `entry ${u.id}: postings sum to ${u.total ?? 'nothing'} øre`),
    },
    {
      name: 'BALANCES_EQUAL_POSTINGS',
      ok: drifted.length === 0,
      description:
        "Every account's materialised balance equals the sum of its postings, and its version their entries.",
      failures: drifted.map(
        (d) =>
          `${d.key}: balance ${d.balance} øre, postings ${d.posted} øre, version ${d.version}, entries ${d.entries}`,
      ),
    },
  ];
}

/** The balance of every revenue account, by the part of its key after `REVENUE:`. */
export async function revenueBalances(db: Executor): Promise<Map<string, bigint>> {
  const rows = rowsOf<{ key: string; balance: string }>(
    await db.execute(sql`select key, balance_ore::text as balance from ledger_accounts where key like 'REVENUE:%'`),
  );
  return new Map(rows.map((r) => [r.key.slice('REVENUE:'.length), BigInt(r.balance)]));
}
