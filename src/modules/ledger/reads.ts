import { sql } from 'drizzle-orm';
import { type Executor, rowsOf } from '../../db/client.js';
import type { KeysetPageRequest } from '../../shared/pagination.js';

/** Reads of the journal for statements and auditors. Days are the authority's (Europe/Oslo). */

const startOfDay = (day: string) => sql`((${day}::date)::timestamp at time zone 'Europe/Oslo')`;
const startOfNextDay = (day: string) => sql`(((${day}::date) + 1)::timestamp at time zone 'Europe/Oslo')`;

export interface StatementMovement {
  readonly entryId: number;
  readonly postedAt: Date;
  readonly kind: string;
  readonly description: string;
  readonly accountKey: string;
  readonly amountOre: bigint;
}

export interface AccountStatement {
  readonly openingOre: bigint;
  readonly movements: readonly StatementMovement[];
  readonly closingOre: bigint;
}

/**
 * The statement of a set of accounts from day `from` to day `to`, both included: the sum of their
 * postings before, each posting in the period in journal order, and the sum after.
 */
export async function statementOf(
  db: Executor,
  keys: readonly string[],
  from: string,
  to: string,
): Promise<AccountStatement> {
  if (keys.length === 0) return { openingOre: 0n, movements: [], closingOre: 0n };
  const keyList = sql.join(
    keys.map((k) => sql`${k}`),
    sql`, `,
  );
  const [opening] = rowsOf<{ total: string }>(
    await db.execute(sql`
      select coalesce(sum(p.amount_ore), 0)::text as total
        from ledger_postings p join ledger_accounts a on a.id = p.account_id
        join ledger_entries e on e.id = p.entry_id
       where a.key in (${keyList}) and e.posted_at < ${startOfDay(from)}`),
  );
  const rows = rowsOf<{
    entry_id: string | number;
    posted_at: string | Date;
    kind: string;
    description: string;
    key: string;
    amount: string;
  }>(
    await db.execute(sql`
      select e.id as entry_id, e.posted_at, e.kind, e.description, a.key, p.amount_ore::text as amount
        from ledger_postings p join ledger_accounts a on a.id = p.account_id
        join ledger_entries e on e.id = p.entry_id
       where a.key in (${keyList}) and e.posted_at >= ${startOfDay(from)} and e.posted_at < ${startOfNextDay(to)}
       order by e.posted_at, e.id, p.id`),
  );
  const openingOre = BigInt(opening?.total ?? '0');
  const movements = rows.map((r) => ({
    entryId: Number(r.entry_id),
    postedAt: new Date(r.posted_at),
    kind: r.kind,
    description: r.description,
    accountKey: r.key,
    amountOre: BigInt(r.amount),
  }));
  return { openingOre, movements, closingOre: movements.reduce((s, m) => s + m.amountOre, openingOre) };
}

export interface JournalEntryRow {
  readonly id: number;
  readonly kind: string;
  readonly reference: string;
  readonly description: string;
  readonly postedAt: Date;
  readonly reversesEntryId: number | null;
  readonly postings: readonly { readonly accountKey: string; readonly amountOre: bigint }[];
}

/** A keyset page of the journal, newest first, optionally of entries touching one account or within days. */
export async function journalPage(
  db: Executor,
  filter: { accountKey?: string | null; from?: string | null; to?: string | null },
  page: KeysetPageRequest,
): Promise<JournalEntryRow[]> {
  const conditions = [sql`true`];
  if (filter.accountKey) {
    conditions.push(
      sql`e.id in (select p.entry_id from ledger_postings p join ledger_accounts a on a.id = p.account_id where a.key = ${filter.accountKey})`,
    );
  }
  if (filter.from) conditions.push(sql`e.posted_at >= ${startOfDay(filter.from)}`);
  if (filter.to) conditions.push(sql`e.posted_at < ${startOfNextDay(filter.to)}`);
  const [afterId] = page.after ?? [];
  const [beforeId] = page.before ?? [];
  if (afterId !== undefined) conditions.push(sql`e.id < ${Number(afterId)}`);
  if (beforeId !== undefined) conditions.push(sql`e.id > ${Number(beforeId)}`);
  const rows = rowsOf<{
    id: string | number;
    kind: string;
    reference: string;
    description: string;
    posted_at: string | Date;
    reverses_entry_id: string | number | null;
    postings: { key: string; amount: string | number }[];
  }>(
    await db.execute(sql`
      select e.id, e.kind, e.reference, e.description, e.posted_at, e.reverses_entry_id,
             (select json_agg(json_build_object('key', a.key, 'amount', p.amount_ore::text) order by p.id)
                from ledger_postings p join ledger_accounts a on a.id = p.account_id where p.entry_id = e.id) as postings
        from ledger_entries e
       where ${sql.join(conditions, sql` and `)}
       order by e.id ${page.inverted ? sql`asc` : sql`desc`}
       limit ${page.limit}`),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    reference: r.reference,
    description: r.description,
    postedAt: new Date(r.posted_at),
    reversesEntryId: r.reverses_entry_id === null ? null : Number(r.reverses_entry_id),
    postings: (typeof r.postings === 'string' ? JSON.parse(r.postings) : (r.postings ?? [])).map(
      (p: { key: string; amount: string }) => ({ accountKey: p.key, amountOre: BigInt(p.amount) }),
    ),
  }));
}
