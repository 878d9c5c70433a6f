import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotent, PaymentIdempotencyConflict } from '../../../src/modules/payments/intake/idempotency.js';
import { paymentProviderEvents } from '../../../src/modules/payments/intake/tables.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';

/**
 * The client key of payment mutations, on the database the suite runs on (embedded, or PostgreSQL
 * with DATABASE_URL, where the twenty calls really run on separate connections at once). The work
 * records a row, as a payment would, so that "done once" is counted in the database.
 */
let database: TestDatabase;
const at = new Date('2026-12-01T10:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

function record(reference: string) {
  return async (tx: Parameters<Parameters<TestDatabase['db']['transaction']>[0]>[0]) => {
    // Widens the window in which concurrent calls overlap, on PostgreSQL.
    if (database.url) await tx.execute(sql`select pg_sleep(0.05)`);
    await tx.insert(paymentProviderEvents).values({
      provider: 'test',
      eventId: `${reference}-${Math.random()}`,
      providerReference: reference,
      receivedAt: at,
    });
    return { paymentId: 41, amount: 125_050n, reference };
  };
}

const recorded = async (reference: string) =>
  (await database.db.select().from(paymentProviderEvents).where(eq(paymentProviderEvents.providerReference, reference)))
    .length;

describe('a payment mutation on a client key', () => {
  it('does the work once for twenty concurrent identical calls, and all get the same answer', async () => {
    const request = { principal: 'ORG:310000000', clientKey: 'erp-7781', operation: 'pay', payload: { a: 1n }, at };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        database.db.transaction((tx) => idempotent(tx, request, () => record('twenty')(tx))),
      ),
    );
    expect(await recorded('twenty')).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    for (const answer of answers)
      expect(answer.result).toEqual({ paymentId: 41, amount: '125050', reference: 'twenty' });
  });

  it('answers IDEMPOTENCY_CONFLICT to another payload, or another operation, under the same key', async () => {
    const request = { principal: 'ORG:310000000', clientKey: 'erp-7782', operation: 'pay', payload: { b: 2 }, at };
    await database.db.transaction((tx) => idempotent(tx, request, () => record('conflict')(tx)));
    const other = database.db.transaction((tx) =>
      idempotent(tx, { ...request, payload: { b: 3 } }, () => record('conflict')(tx)),
    );
    await expect(other).rejects.toBeInstanceOf(PaymentIdempotencyConflict);
    await expect(other).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    const otherOperation = database.db.transaction((tx) =>
      idempotent(tx, { ...request, operation: 'refund' }, () => record('conflict')(tx)),
    );
    await expect(otherOperation).rejects.toBeInstanceOf(PaymentIdempotencyConflict);
    expect(await recorded('conflict')).toBe(1);
  });

  it('treats payloads with keys in another order as the same, and keys of other principals apart', async () => {
    const request = {
      principal: 'ORG:310000000',
      clientKey: 'erp-7783',
      operation: 'pay',
      payload: { x: 1, y: 2 },
      at,
    };
    await database.db.transaction((tx) => idempotent(tx, request, () => record('order')(tx)));
    const again = await database.db.transaction((tx) =>
      idempotent(tx, { ...request, payload: { y: 2, x: 1 } }, () => record('order')(tx)),
    );
    expect(again.replayed).toBe(true);
    const someoneElse = await database.db.transaction((tx) =>
      idempotent(tx, { ...request, principal: 'ORG:310000019' }, () => record('order')(tx)),
    );
    expect(someoneElse.replayed).toBe(false);
    expect(await recorded('order')).toBe(2);
  });

  it('leaves the key unused when the work fails, so the corrected call goes through', async () => {
    const request = { principal: 'PERSON:p-1', clientKey: 'app-1', operation: 'pay', payload: {}, at };
    await expect(
      database.db.transaction((tx) =>
        idempotent(tx, request, async () => {
          await record('failing')(tx);
          throw new Error('refused');
        }),
      ),
    ).rejects.toThrow('refused');
    expect(await recorded('failing')).toBe(0);
    const retried = await database.db.transaction((tx) => idempotent(tx, request, () => record('failing')(tx)));
    expect(retried.replayed).toBe(false);
    expect(await recorded('failing')).toBe(1);
  });
});
