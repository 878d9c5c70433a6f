import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import { type ServiceContext, submitDeclaration } from '../../../src/modules/declarations/service.js';
import { importBankNotification } from '../../../src/modules/payments/intake/bank-import.js';
import { ledgerBankImportPorts } from '../../../src/modules/payments/intake/ledger-ports.js';
import { allocateSuspensePayment, SuspenseAlreadyAllocated } from '../../../src/modules/payments/intake/suspense.js';
import { suspenseItems } from '../../../src/modules/payments/intake/tables.js';
import { NotFound } from '../../../src/shared/errors.js';
import { isValidKid, kidMod10 } from '../../../src/shared/kid.js';
import { fixedClock } from '../../helpers/app.js';
import { camt054File } from '../../helpers/camt054-file.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';
import { ORG_C } from '../../helpers/factories.js';
import { balanceAndPostings, importDraft, receivablesOf, serviceContext, unbalancedEntries } from './fixtures.js';

/** A camt.054 import through the real receivables and ledger: what the bank says arrives where it should. */
describe('importing a bank notification into the ledger', () => {
  let database: TestDatabase;
  let ctx: ServiceContext;
  const clock = fixedClock('2026-06-10T10:00:00Z');
  const at = new Date('2026-06-11T07:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = serviceContext(database, clock, ORG_C);
  });
  afterAll(() => database.destroy());

  async function receivable(reference: string, amount: string) {
    const { record } = await submitDeclaration(ctx, importDraft(reference, amount, ORG_C), ['input']);
    const [row] = await receivablesOf(database.db, record.declaration.id);
    if (!row) throw new Error('no receivable');
    return row;
  }

  /** The KID with its last digit changed to one that neither MOD10 nor MOD11 accepts. */
  function mistyped(kid: string): string {
    for (let d = 0; d < 10; d++) {
      const candidate = `${kid.slice(0, -1)}${d}`;
      if (!isValidKid(candidate)) return candidate;
    }
    throw new Error('no invalid variant');
  }

  const importFile = (text: string) =>
    database.db.transaction((tx) =>
      importBankNotification(tx, { text, importedBy: 'officer-1', at }, ledgerBankImportPorts(ctx)),
    );

  it('pays receivables by KID, overpays to the credit balance and holds the rest in suspense, all balanced', async () => {
    const first = await receivable('CAMT-1', '9000');
    const second = await receivable('CAMT-2', '6000');
    const unknownKid = kidMod10('99990001');
    const text = camt054File({
      messageId: 'LEDGER-1',
      lines: [
        { kid: first.kid, amountOre: first.openOre },
        { kid: second.kid, amountOre: second.openOre - 100n },
        { kid: unknownKid, amountOre: 50_000n },
        { kid: mistyped(first.kid), amountOre: 7_000n },
        { kid: null, amountOre: 1_200n },
      ],
    });
    const outcome = await importFile(text);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.summary).toMatchObject({ matched: 2, suspended: 3 });
    const [paid] = await receivablesOf(database.db, first.declarationId);
    const [partly] = await receivablesOf(database.db, second.declarationId);
    expect([paid?.status, paid?.openOre]).toEqual(['PAID', 0n]);
    expect([partly?.status, partly?.openOre]).toEqual(['PARTLY_PAID', 100n]);
    const items = await database.db
      .select()
      .from(suspenseItems)
      .where(eq(suspenseItems.fileId, outcome.summary.fileId));
    expect(items.map((i) => i.reason).sort()).toEqual(['KID_INVALID', 'KID_MISSING', 'KID_UNKNOWN']);
    const [suspense, posted] = await balanceAndPostings(database.db, 'SUSPENSE');
    expect(suspense).toBe(-(50_000n + 7_000n + 1_200n));
    expect(posted).toBe(suspense);
    const [clearing] = await balanceAndPostings(database.db, 'BANK:CLEARING');
    expect(clearing).toBe(first.openOre + second.openOre - 100n + 58_200n);
    expect(await unbalancedEntries(database.db)).toBe(0);
  });

  it('applies every line of a batched file, one payment entry per line, in one transaction', async () => {
    const targets = await Promise.all([receivable('CAMT-BIG-1', '20000'), receivable('CAMT-BIG-2', '25000')]);
    const lines = Array.from({ length: 200 }, (_, i) => ({
      kid: (targets[i % 2] as (typeof targets)[number]).kid,
      amountOre: 1_000n + BigInt(i % 7),
    }));
    const outcome = await importFile(camt054File({ messageId: 'LEDGER-BIG', lines }));
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.summary.matched).toBe(200);
    expect(await unbalancedEntries(database.db)).toBe(0);
    const [row] = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int as n from ledger_entries where reference like 'payment:BANK_TRANSFER:LEDGER-BIG%'`,
      ),
    );
    expect(Number(row?.n)).toBe(200);
  });
  it('lets an officer allocate a suspense payment once, to the named receivable first and the rest to credit', async () => {
    const target = await receivable('CAMT-ALLOC', '7000');
    const outcome = await importFile(
      camt054File({ messageId: 'LEDGER-ALLOC', lines: [{ kid: null, amountOre: target.openOre + 2_500n }] }),
    );
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const [item] = await database.db
      .select()
      .from(suspenseItems)
      .where(eq(suspenseItems.fileId, outcome.summary.fileId));
    if (!item) throw new Error('no suspense item');
    const [suspenseBefore] = await balanceAndPostings(database.db, 'SUSPENSE');
    const allocate = (receivableId: number | null, suspenseId = item.id) =>
      database.db.transaction((tx) =>
        allocateSuspensePayment(
          tx,
          {
            suspenseId,
            party: { organisationNumber: ORG_C },
            receivableId,
            allocatedBy: 'officer:K1',
            at,
          },
          ctx,
        ),
      );

    await expect(allocate(999_999)).rejects.toBeInstanceOf(NotFound);
    await expect(allocate(target.id, 999_999)).rejects.toBeInstanceOf(NotFound);
    const [stillOpen] = await database.db.select().from(suspenseItems).where(eq(suspenseItems.id, item.id));
    expect(stillOpen?.status).toBe('OPEN');

    const result = await allocate(target.id);
    expect(result.applied.applications[0]).toMatchObject({ receivableId: target.id, statusAfter: 'PAID' });
    // The rest pays the party's other open receivables (earlier tests left some) before any credit.
    const applied = result.applied.applications.reduce((sum, a) => sum + a.amountOre, 0n);
    expect(applied + result.applied.creditedOre).toBe(target.openOre + 2_500n);
    expect(result.applied.applications.length).toBeGreaterThan(1);
    const [suspenseAfter] = await balanceAndPostings(database.db, 'SUSPENSE');
    expect(suspenseAfter - suspenseBefore).toBe(target.openOre + 2_500n);
    await expect(allocate(target.id)).rejects.toBeInstanceOf(SuspenseAlreadyAllocated);
    const [allocated] = await database.db.select().from(suspenseItems).where(eq(suspenseItems.id, item.id));
    expect([allocated?.status, allocated?.allocatedBy]).toEqual(['ALLOCATED', 'officer:K1']);
    expect(await unbalancedEntries(database.db)).toBe(0);
  });
});
