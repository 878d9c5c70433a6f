import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findEvents, lockDeclaration } from '../../../src/modules/declarations/repository.js';
import { amendDeclaration, type ServiceContext, submitDeclaration } from '../../../src/modules/declarations/service.js';
import { applyPaymentAndRelease } from '../../../src/modules/payments/service.js';
import { fixedClock } from '../../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';
import { ORG_C } from '../../helpers/factories.js';
import { importDraft, receivablesOf, serviceContext } from './fixtures.js';

describe('release once paid', () => {
  let database: TestDatabase;
  let ctx: ServiceContext;
  const clock = fixedClock('2026-06-10T10:00:00Z');
  const party = { organisationNumber: ORG_C };

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = serviceContext(database, clock, ORG_C);
  });
  afterAll(() => database.destroy());

  const pay = (amountOre: bigint, reference: string) =>
    database.db.transaction((tx) =>
      applyPaymentAndRelease(tx, ctx, { party, amountOre, source: 'CARD', reference, at: clock.now() }),
    );

  it('keeps goods waiting while part is unpaid and releases them with the payment that settles them', async () => {
    const { record } = await submitDeclaration(ctx, submittedDraft('PAID-1', '10000'), ['input']);
    const id = record.declaration.id;
    expect(record.declaration.status).toBe('ACCEPTED');
    const [receivable] = await receivablesOf(database.db, id);
    expect(receivable?.openOre).toBeGreaterThan(100n);
    const open = receivable?.openOre ?? 0n;

    const part = await pay(100n, 'card-1');
    expect(part.releasedDeclarationIds).toEqual([]);
    expect((await lockDeclaration(database.db, id))?.status).toBe('ACCEPTED');

    clock.set('2026-06-10T12:00:00Z');
    const rest = await pay(open - 100n, 'card-2');
    expect(rest.releasedDeclarationIds).toEqual([id]);
    expect((await lockDeclaration(database.db, id))?.status).toBe('RELEASED');
    const last = (await findEvents(database.db, [id])).at(-1);
    expect(last).toMatchObject({ kind: 'RELEASED', status: 'RELEASED', actorKind: 'SYSTEM' });
    expect(last?.reason).toContain('card-2');
    expect(last?.occurredAt).toEqual(new Date('2026-06-10T12:00:00Z'));
  });

  it('releases each declaration one payment settles; a correction after release adds to what is owed and leaves the goods released', async () => {
    const first = await submitDeclaration(ctx, submittedDraft('PAID-2', '2000'), ['input']);
    const second = await submitDeclaration(ctx, submittedDraft('PAID-3', '3000'), ['input']);
    const open = async (id: number) => (await receivablesOf(database.db, id)).reduce((s, r) => s + r.openOre, 0n);
    const both = (await open(first.record.declaration.id)) + (await open(second.record.declaration.id));
    const paid = await pay(both, 'camt-1');
    expect(paid.releasedDeclarationIds).toEqual(
      [first.record.declaration.id, second.record.declaration.id].sort((a, b) => a - b),
    );
    // A correction after release adds a receivable; the goods stay released.
    const amended = await amendDeclaration(ctx, {
      id: first.record.declaration.id,
      expectedVersion: 1,
      reason: 'price corrected',
      draft: submittedDraft('PAID-2', '2500'),
      path: ['input'],
    });
    expect(amended.record.declaration.status).toBe('RELEASED');
    expect(await open(first.record.declaration.id)).toBeGreaterThan(0n);
  });
});

function submittedDraft(reference: string, amount: string) {
  return importDraft(reference, amount, ORG_C);
}
