import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import {
  amendDeclaration,
  cancelDeclaration,
  type ServiceContext,
  submitDeclaration,
} from '../../../src/modules/declarations/service.js';
import { isValidKid, kidScheme } from '../../../src/shared/kid.js';
import { runningClock } from '../../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';
import { ORG_A } from '../../helpers/factories.js';
import {
  assessedPayable,
  balanceAndPostings,
  eventsOf,
  importDraft,
  linesOf,
  receivablesOf,
  serviceContext,
  unbalancedEntries,
} from './fixtures.js';

describe('receivables from the lifecycle of a declaration', () => {
  let database: TestDatabase;
  let ctx: ServiceContext;

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = serviceContext(database, runningClock(), ORG_A);
  });
  afterAll(() => database.destroy());

  it('a submission books one receivable of its payable amount, with a KID, lines per kind and a balanced entry', async () => {
    const { record } = await submitDeclaration(ctx, importDraft('REC-1', '10000', ORG_A), ['input']);
    const id = record.declaration.id;
    const payable = await assessedPayable(database.db, id, 1);
    expect(payable).toBeGreaterThan(0n);

    const [receivable, ...more] = await receivablesOf(database.db, id);
    expect(more).toEqual([]);
    expect(receivable).toMatchObject({ version: 1, amountOre: payable, openOre: payable, status: 'OPEN' });
    expect(isValidKid(receivable?.kid ?? '')).toBe(true);
    expect(kidScheme(receivable?.kid ?? '')).toBe('MOD10');
    const lines = await linesOf(database.db, receivable?.id ?? 0);
    expect(lines.map((l) => l.dutyKind)).toContain('CUSTOMS_DUTY');
    expect(lines.reduce((s, l) => s + l.amountOre, 0n)).toBe(payable);
    expect((await eventsOf(database.db, receivable?.id ?? 0)).map((e) => e.kind)).toEqual(['CREATED']);

    expect(await unbalancedEntries(database.db)).toBe(0);
    const [balance, posted] = await balanceAndPostings(database.db, `PARTY:ORG:${ORG_A}:RECEIVABLE`);
    expect(balance).toBe(payable);
    expect(posted).toBe(payable);
    const [duty] = await balanceAndPostings(database.db, 'REVENUE:CUSTOMS_DUTY');
    expect(-duty).toBe(lines.find((l) => l.dutyKind === 'CUSTOMS_DUTY')?.amountOre);
  });

  it('an amendment books the difference: more adds a receivable, less reduces what is open', async () => {
    const { record } = await submitDeclaration(ctx, importDraft('REC-2', '10000', ORG_A), ['input']);
    const id = record.declaration.id;
    const first = await assessedPayable(database.db, id, 1);
    await amendDeclaration(ctx, {
      id,
      expectedVersion: 1,
      reason: 'price',
      draft: importDraft('REC-2', '15000', ORG_A),
      path: ['input'],
    });
    const second = await assessedPayable(database.db, id, 2);
    expect(second).toBeGreaterThan(first);
    let rows = await receivablesOf(database.db, id);
    expect(rows.map((r) => [r.version, r.amountOre, r.status])).toEqual([
      [1, first, 'OPEN'],
      [2, second - first, 'OPEN'],
    ]);

    await amendDeclaration(ctx, {
      id,
      expectedVersion: 2,
      reason: 'discount',
      draft: importDraft('REC-2', '5000', ORG_A),
      path: ['input'],
    });
    const third = await assessedPayable(database.db, id, 3);
    rows = await receivablesOf(database.db, id);
    const credit = rows[2];
    expect(credit).toMatchObject({ version: 3, amountOre: third - second, openOre: 0n, status: 'CREDITED' });
    // Nothing was paid, so the credit only reduces what is open: the oldest first.
    const open = rows.reduce((s, r) => s + r.openOre, 0n);
    expect(open).toBe(third);
    const credited = second - third;
    const fromFirst = credited < first ? credited : first;
    expect(rows[0]?.openOre).toBe(first - fromFirst);
    expect(rows[1]?.openOre).toBe(second - first - (credited - fromFirst));
    expect((await eventsOf(database.db, rows[0]?.id ?? 0)).map((e) => e.kind)).toEqual(['CREATED', 'CREDIT_APPLIED']);
    expect(await unbalancedEntries(database.db)).toBe(0);
  });

  it('a cancellation reverses the receivables with reversing entries and revenue returns to what it was', async () => {
    const [dutyBefore] = await balanceAndPostings(database.db, 'REVENUE:CUSTOMS_DUTY');
    const [owedBefore] = await balanceAndPostings(database.db, `PARTY:ORG:${ORG_A}:RECEIVABLE`);
    const { record } = await submitDeclaration(ctx, importDraft('REC-3', '20000', ORG_A), ['input']);
    const id = record.declaration.id;
    await amendDeclaration(ctx, {
      id,
      expectedVersion: 1,
      reason: 'price',
      draft: importDraft('REC-3', '25000', ORG_A),
      path: ['input'],
    });
    await cancelDeclaration(ctx, id, 'sent twice');

    const rows = await receivablesOf(database.db, id);
    expect(rows.map((r) => [r.status, r.openOre])).toEqual([
      ['CANCELLED', 0n],
      ['CANCELLED', 0n],
    ]);
    const reversals = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int as n from ledger_entries where reverses_entry_id in (select entry_id from receivables where declaration_id = ${id})`,
      ),
    );
    expect(Number(reversals[0]?.n)).toBe(2);
    expect((await balanceAndPostings(database.db, 'REVENUE:CUSTOMS_DUTY'))[0]).toBe(dutyBefore);
    expect((await balanceAndPostings(database.db, `PARTY:ORG:${ORG_A}:RECEIVABLE`))[0]).toBe(owedBefore);
    expect((await eventsOf(database.db, rows[0]?.id ?? 0)).map((e) => e.kind)).toEqual(['CREATED', 'CANCELLED']);
    expect(await unbalancedEntries(database.db)).toBe(0);
  });
});
