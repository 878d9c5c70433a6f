import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import {
  cancelDeclaration,
  type ServiceContext,
  submitDeclaration,
} from '../../../src/modules/declarations/service.js';
import { LedgerRefusal, postEntry, revenueAccount, SUSPENSE } from '../../../src/modules/ledger/service.js';
import { applyPayment, ReceivableNotPayable, reconcile } from '../../../src/modules/payments/service.js';
import { NotFound, ValidationFailed } from '../../../src/shared/errors.js';
import { fixedClock } from '../../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';
import { ORG_A, ORG_C } from '../../helpers/factories.js';
import {
  balanceAndPostings,
  eventsOf,
  importDraft,
  receivablesOf,
  serviceContext,
  unbalancedEntries,
} from './fixtures.js';

describe('applyPayment', () => {
  let database: TestDatabase;
  let ctx: ServiceContext;
  const clock = fixedClock('2026-06-10T10:00:00Z');
  const party = { organisationNumber: ORG_C };

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = serviceContext(database, clock, ORG_C);
  });
  afterAll(() => database.destroy());

  async function submitted(reference: string, amount: string, day: string) {
    clock.set(`${day}T10:00:00Z`);
    const { record } = await submitDeclaration(ctx, importDraft(reference, amount, ORG_C), ['input']);
    const [receivable] = await receivablesOf(database.db, record.declaration.id);
    if (!receivable) throw new Error('no receivable');
    return receivable;
  }

  it('applies money by oldest due date, then the next, and an overpayment to the credit balance', async () => {
    const later = await submitted('PAY-LATER', '9000', '2026-06-12');
    const older = await submitted('PAY-OLDER', '6000', '2026-06-11');
    const extra = 12_345n;
    const total = older.openOre + later.openOre + extra;
    const at = new Date('2026-06-13T09:00:00Z');
    const result = await database.db.transaction((tx) =>
      applyPayment(tx, { party, amountOre: total, source: 'BANK_TRANSFER', reference: 'camt-1', at }),
    );
    expect(result.applications.map((a) => [a.receivableId, a.amountOre, a.statusAfter])).toEqual([
      [older.id, older.openOre, 'PAID'],
      [later.id, later.openOre, 'PAID'],
    ]);
    expect(result.creditedOre).toBe(extra);
    expect(result.settledDeclarationIds).toEqual([older.declarationId, later.declarationId]);
    expect((await eventsOf(database.db, older.id)).map((e) => [e.kind, e.status])).toEqual([
      ['CREATED', 'OPEN'],
      ['PAYMENT_APPLIED', 'PAID'],
    ]);
    const [credit, creditPosted] = await balanceAndPostings(database.db, `PARTY:ORG:${ORG_C}:CREDIT_BALANCE`);
    expect([credit, creditPosted]).toEqual([-extra, -extra]);
    expect((await balanceAndPostings(database.db, `PARTY:ORG:${ORG_C}:RECEIVABLE`))[0]).toBe(0n);
    expect((await balanceAndPostings(database.db, 'BANK:CLEARING'))[0]).toBe(total);
    expect(await unbalancedEntries(database.db)).toBe(0);
  });

  it('pays the named receivable first, partly, and the credit balance can pay the rest', async () => {
    const a = await submitted('PAY-A', '5000', '2026-06-14');
    const b = await submitted('PAY-B', '5000', '2026-06-15');
    const at = new Date('2026-06-15T12:00:00Z');
    const part = b.openOre - 100n;
    const paid = await database.db.transaction((tx) =>
      applyPayment(tx, { party, amountOre: part, receivableId: b.id, source: 'CARD', reference: 'card-1', at }),
    );
    expect(paid.applications).toEqual([
      expect.objectContaining({ receivableId: b.id, amountOre: part, statusAfter: 'PARTLY_PAID' }),
    ]);
    expect(paid.settledDeclarationIds).toEqual([]);
    // The credit balance of the first test (12,345 øre) pays the 100 øre left and part of the other.
    const used = await database.db.transaction((tx) =>
      applyPayment(tx, {
        party,
        amountOre: 12_345n,
        receivableId: b.id,
        source: 'CREDIT_BALANCE',
        reference: 'use-1',
        at,
      }),
    );
    expect(used.applications.map((x) => [x.receivableId, x.amountOre])).toEqual([
      [b.id, 100n],
      [a.id, 12_245n],
    ]);
    expect(used.creditedOre).toBe(0n);
    expect((await balanceAndPostings(database.db, `PARTY:ORG:${ORG_C}:CREDIT_BALANCE`))[0]).toBe(0n);
  });

  it('refuses what it must, and changes nothing', async () => {
    const at = new Date('2026-06-16T12:00:00Z');
    const before = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from ledger_entries`));
    const pay = (request: Partial<Parameters<typeof applyPayment>[1]>) =>
      database.db.transaction((tx) =>
        applyPayment(tx, { party, amountOre: 100n, source: 'CARD', reference: 'bad', at, ...request }),
      );
    await expect(pay({ amountOre: 0n })).rejects.toBeInstanceOf(ValidationFailed);
    await expect(pay({ amountOre: -5n })).rejects.toBeInstanceOf(ValidationFailed);
    await expect(pay({ source: 'CREDIT_BALANCE' })).rejects.toMatchObject({
      problems: [expect.objectContaining({ code: 'CREDIT_BALANCE_INSUFFICIENT' })],
    });
    // Someone else's receivable is not found, exactly as one that does not exist.
    const otherCtx = serviceContext(database, clock, ORG_A);
    const { record } = await submitDeclaration(otherCtx, importDraft('PAY-OTHER', '5000', ORG_A), ['input']);
    const [theirs] = await receivablesOf(database.db, record.declaration.id);
    await expect(pay({ receivableId: theirs?.id ?? 0 })).rejects.toBeInstanceOf(NotFound);
    await expect(pay({ receivableId: 999_999 })).rejects.toBeInstanceOf(NotFound);
    const cancelled = await submitted('PAY-CANCELLED', '5000', '2026-06-16');
    await cancelDeclaration(ctx, cancelled.declarationId, 'wrong goods');
    await expect(pay({ receivableId: cancelled.id })).rejects.toBeInstanceOf(ReceivableNotPayable);
    await expect(pay({ receivableId: cancelled.id })).rejects.toMatchObject({ code: 'INVALID_STATUS' });
    const after = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from ledger_entries`));
    // Only the other party's submission and the cancelled one (booked, then reversed) added entries.
    expect(Number(after[0]?.n) - Number(before[0]?.n)).toBe(3);
  });

  it('a cancellation gives what was paid back to the credit balance', async () => {
    const r = await submitted('PAY-REFUND', '5000', '2026-06-17');
    const at = new Date('2026-06-17T12:00:00Z');
    const [creditBefore] = await balanceAndPostings(database.db, `PARTY:ORG:${ORG_C}:CREDIT_BALANCE`);
    await database.db.transaction((tx) =>
      applyPayment(tx, { party, amountOre: 1_000n, receivableId: r.id, source: 'CARD', reference: 'card-r', at }),
    );
    await cancelDeclaration(ctx, r.declarationId, 'not imported');
    const [creditAfter] = await balanceAndPostings(database.db, `PARTY:ORG:${ORG_C}:CREDIT_BALANCE`);
    expect(creditAfter - creditBefore).toBe(-1_000n);
    expect(await unbalancedEntries(database.db)).toBe(0);
  });
});

describe('the journal itself', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.destroy());
  const at = new Date('2026-06-10T10:00:00Z');

  it('postEntry refuses an unbalanced entry, and so does the database at commit', async () => {
    await expect(
      database.db.transaction((tx) =>
        postEntry(tx, {
          kind: 'TEST',
          reference: 't',
          description: 'unbalanced',
          at,
          postings: [
            { account: SUSPENSE, amountOre: -100n },
            { account: revenueAccount('VAT'), amountOre: 99n },
          ],
        }),
      ),
    ).rejects.toBeInstanceOf(LedgerRefusal);
    await expect(
      database.db.transaction(async (tx) => {
        const entry = await postEntry(tx, {
          kind: 'TEST',
          reference: 't',
          description: 'balanced, then tampered with',
          at,
          postings: [
            { account: SUSPENSE, amountOre: -100n },
            { account: revenueAccount('VAT'), amountOre: 100n },
          ],
        });
        await tx.execute(
          sql`insert into ledger_postings (entry_id, account_id, amount_ore) select ${entry.id}, id, 1 from ledger_accounts where key = 'SUSPENSE'`,
        );
      }),
    ).rejects.toThrow();
    const entries = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from ledger_entries`),
    );
    expect(Number(entries[0]?.n)).toBe(0);
  });

  it('is append-only', async () => {
    await database.db.transaction((tx) =>
      postEntry(tx, {
        kind: 'TEST',
        reference: 't',
        description: 'kept',
        at,
        postings: [
          { account: SUSPENSE, amountOre: -100n },
          { account: revenueAccount('VAT'), amountOre: 100n },
        ],
      }),
    );
    await expect(database.db.execute(sql`update ledger_postings set amount_ore = 5`)).rejects.toThrow();
    await expect(database.db.execute(sql`delete from ledger_entries`)).rejects.toThrow();
  });

  it('the reconciliation names what does not add up', async () => {
    // The entry above credits VAT revenue that no assessment made payable.
    let result = await reconcile(database.db, at);
    expect(result.ok).toBe(false);
    expect(result.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['REVENUE_EQUALS_ASSESSED']);
    await database.db.execute(sql`update ledger_accounts set balance_ore = balance_ore + 1 where key = 'SUSPENSE'`);
    result = await reconcile(database.db, at);
    const failed = result.checks.find((c) => c.name === 'BALANCES_EQUAL_POSTINGS');
    expect(failed?.ok).toBe(false);
    expect(failed?.failures[0]).toMatch(/^SUSPENSE: balance -99 øre, postings -100 øre/);
  });
});
