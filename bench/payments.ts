import postgres from 'postgres';
import { openDatabase } from '../src/db/client.js';
import { BANK_CLEARING, partyAccount, postEntry, revenueAccount, SUSPENSE } from '../src/modules/ledger/service.js';
import { insertReceivable, lockParty } from '../src/modules/payments/repository.js';
import { applyPayment } from '../src/modules/payments/service.js';

/**
 * Payments applied per second, in-process, at CONNECTIONS concurrent payers: the API's applyPayment
 * (party lock, receivables lock, the balanced entry with its two ordered account locks, the
 * receivable's status and history) against a raw pgledger-style transfer written with postgres.js
 * on the same database in the same run (two ordered FOR UPDATEs, the entry, its two postings and
 * the two balances). Each payer pays its own party's open receivable; every payment debits the one
 * bank clearing account, as production's do. PostgreSQL only (DATABASE_URL): the embedded database
 * has one connection, so there is no concurrency to measure.
 */

export interface PaymentRun {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  ratio?: number;
  statements?: number;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

async function drive(
  name: string,
  payers: number,
  seconds: number,
  pay: (payer: number) => Promise<void>,
): Promise<PaymentRun> {
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: payers }, async (_, payer) => {
      while (Date.now() < end) {
        const start = performance.now();
        try {
          await pay(payer);
          latencies.push(performance.now() - start);
        } catch (error) {
          if (errors++ === 0)
            process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    name,
    requestsPerSecond: latencies.length / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    errors,
  };
}

export async function benchPayments(url: string, payers: number, seconds: number): Promise<PaymentRun[]> {
  const database = await openDatabase({ url, poolSize: payers });
  const raw = postgres(url, { max: payers, onnotice: () => {} });
  try {
    await database.migrate();
    const at = new Date();
    const parties = Array.from({ length: payers }, (_, i) => `39${String(i).padStart(7, '0')}`);
    // One large open receivable per payer's party, booked as the lifecycle hook books one.
    for (const [i, organisationNumber] of parties.entries()) {
      await database.db.transaction(async (tx) => {
        const partyId = await lockParty(tx, { organisationNumber }, at);
        const entry = await postEntry(tx, {
          kind: 'RECEIVABLE',
          reference: `bench:${i}`,
          description: 'bench receivable',
          at,
          postings: [
            { account: partyAccount(`ORG:${organisationNumber}`, 'RECEIVABLE'), amountOre: 10n ** 15n },
            { account: revenueAccount('CUSTOMS_DUTY'), amountOre: -(10n ** 15n) },
          ],
        });
        await insertReceivable(
          tx,
          {
            declarationId: 900_000_000 + i,
            version: 1,
            partyId,
            kid: `BENCH${i}`,
            amountOre: 10n ** 15n,
            openOre: 10n ** 15n,
            paidOre: 0n,
            status: 'OPEN',
            dueDate: '2026-01-01',
            entryId: entry.id,
            createdAt: at,
            updatedAt: at,
          },
          [{ dutyKind: 'CUSTOMS_DUTY', amountOre: 10n ** 15n }],
        );
      });
    }
    // The bank account exists before the first payment, as it does in production.
    await database.db.transaction((tx) =>
      postEntry(tx, {
        kind: 'TEST',
        reference: 'bench:open',
        description: 'opens the bank clearing account',
        at,
        postings: [
          { account: BANK_CLEARING, amountOre: 1n },
          { account: SUSPENSE, amountOre: -1n },
        ],
      }),
    );
    let n = 0;
    const baseline = await drive(
      '(i) payments: raw pgledger-style transfer, postgres.js (baseline)',
      payers,
      seconds,
      (payer) =>
        raw.begin(async (sql) => {
          const keys = [BANK_CLEARING.key, `PARTY:ORG:${parties[payer]}:RECEIVABLE`].sort();
          const accounts =
            await sql`select id, key from ledger_accounts where key in ${sql(keys)} order by key for update`;
          const bank = accounts.find((a) => a.key === BANK_CLEARING.key);
          const party = accounts.find((a) => a.key !== BANK_CLEARING.key);
          if (!bank || !party) throw new Error('bench accounts missing');
          const [entry] = await sql`insert into ledger_entries (kind, reference, description, posted_at)
          values ('PAYMENT', ${`raw:${n++}`}, 'raw transfer', now()) returning id`;
          await sql`insert into ledger_postings (entry_id, account_id, amount_ore)
          values (${entry?.id}, ${bank.id}, 100), (${entry?.id}, ${party.id}, -100)`;
          await sql`update ledger_accounts a set balance_ore = a.balance_ore + v.delta::bigint, version = a.version + 1, updated_at = now()
          from (values (${bank.id}::bigint, 100), (${party.id}::bigint, -100)) as v(id, delta) where a.id = v.id`;
        }),
    );
    const api = await drive('(i) payments: applyPayment in-process, one receivable each', payers, seconds, (payer) =>
      database.db.transaction(async (tx) => {
        await applyPayment(tx, {
          party: { organisationNumber: parties[payer] as string },
          amountOre: 100n,
          source: 'BANK_TRANSFER',
          reference: `bench-${n++}`,
          at: new Date(),
        });
      }),
    );
    api.ratio = baseline.requestsPerSecond > 0 ? api.requestsPerSecond / baseline.requestsPerSecond : 0;
    baseline.statements = 4;
    return [baseline, api];
  } finally {
    await raw.end();
    await database.close();
  }
}
