import { sql } from 'drizzle-orm';
import { type Executor, rowsOf } from '../../db/client.js';
import { payableByKindOfVersions } from '../assessment/service.js';
import { VERSIONS_IN_FORCE_SQL } from '../declarations/service.js';
import { type ReconciliationCheck, revenueBalances, verifyJournal } from '../ledger/service.js';

/**
 * The reconciliation auditors and `npm run ledger:verify` run: the journal's own proofs, then
 * payments' against it.
 *
 * - No receivable has less than nothing open, or more open than it charged.
 * - Each party's receivable account equals what its receivables have open.
 * - Revenue per duty kind equals what the assessments in force make payable: the current version
 *   of every declaration not cancelled (a cancelled declaration's bookings are reversed, so its
 *   revenue is zero; an amendment books only its difference). VAT a VAT-registered importer
 *   reports in its VAT return is not payable here and is booked nowhere in this ledger. A
 *   write-off, when collection books one, is an expense (EXPENSE:WRITE_OFF) against the
 *   receivable, never a reduction of revenue, so it leaves this check as it is.
 */

export interface Reconciliation {
  readonly ok: boolean;
  readonly checkedAt: Date;
  readonly checks: readonly ReconciliationCheck[];
}

const LIMIT = 20;

async function receivableChecks(db: Executor): Promise<ReconciliationCheck[]> {
  const outOfRange = rowsOf<{ kid: string; open: string; amount: string }>(
    await db.execute(sql`
      select kid, open_ore::text as open, amount_ore::text as amount from receivables
       where open_ore < 0 or open_ore > greatest(amount_ore, 0) or paid_ore < 0
       order by id limit ${LIMIT}`),
  );
  const partyDrift = rowsOf<{ key: string; open: string; balance: string }>(
    await db.execute(sql`
      with open_by_party as (
        select case when p.organisation_number is not null then 'PARTY:ORG:' || p.organisation_number
                    else 'PARTY:PERSON:' || p.id end || ':RECEIVABLE' as key,
               coalesce(sum(r.open_ore), 0) as open
          from payment_parties p left join receivables r on r.party_id = p.id
         group by p.id, p.organisation_number)
      select coalesce(o.key, a.key) as key, coalesce(o.open, 0)::text as open, coalesce(a.balance_ore, 0)::text as balance
        from open_by_party o
        full join (select key, balance_ore from ledger_accounts where key like 'PARTY:%:RECEIVABLE') a on a.key = o.key
       where coalesce(o.open, 0) <> coalesce(a.balance_ore, 0)
       order by 1 limit ${LIMIT}`),
  );
  return [
    {
      name: 'NO_RECEIVABLE_BELOW_ZERO',
      ok: outOfRange.length === 0,
      description: 'No receivable has less than nothing open, or more open than it charged.',
      failures: outOfRange.map((r) => `receivable ${r.kid}: open ${r.open} øre of ${r.amount} øre`),
    },
    {
      name: 'RECEIVABLE_ACCOUNTS_EQUAL_OPEN',
      ok: partyDrift.length === 0,
      description: "Each party's receivable account equals the sum of what its receivables have open.",
      failures: partyDrift.map((d) => `${d.key}: account ${d.balance} øre, receivables open ${d.open} øre`),
    },
  ];
}

async function revenueCheck(db: Executor): Promise<ReconciliationCheck> {
  const [booked, assessed] = await Promise.all([
    revenueBalances(db),
    payableByKindOfVersions(db, VERSIONS_IN_FORCE_SQL),
  ]);
  const failures: string[] = [];
  for (const kind of [...new Set([...booked.keys(), ...assessed.keys()])].sort()) {
    // Revenue is a credit balance: the negative of its balance is what was earned.
    const earned = -(booked.get(kind) ?? 0n);
    const due = assessed.get(kind) ?? 0n;
    if (earned !== due) failures.push(`${kind}: revenue ${earned} øre, assessed payable in force ${due} øre`);
  }
  return {
    name: 'REVENUE_EQUALS_ASSESSED',
    ok: failures.length === 0,
    description:
      'Revenue per duty kind equals the payable amounts of the assessments in force (current versions of declarations not cancelled).',
    failures,
  };
}

/** Runs every check; reads only, in one repeatable-read snapshot when given a transaction. */
export async function reconcile(db: Executor, at: Date): Promise<Reconciliation> {
  const checks = [...(await verifyJournal(db)), ...(await receivableChecks(db)), await revenueCheck(db)];
  return { ok: checks.every((c) => c.ok), checkedAt: at, checks };
}
