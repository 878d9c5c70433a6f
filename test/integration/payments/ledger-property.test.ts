import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amendDeclaration, cancelDeclaration, submitDeclaration } from '../../../src/modules/declarations/service.js';
import { applyPayment, type PaymentSource, reconcile } from '../../../src/modules/payments/service.js';
import { DomainError } from '../../../src/shared/errors.js';
import { runningClock } from '../../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';
import { ORG_A, ORG_B, ORG_C } from '../../helpers/factories.js';
import { importDraft, receivablesOf, serviceContext } from './fixtures.js';

/**
 * Random operations on declarations and payments, run on several connections at once, must leave
 * a ledger that reconciles: every entry balanced, every balance equal to its postings, no
 * receivable below zero, and revenue per duty kind equal to the assessed amounts in force.
 * On PostgreSQL (DATABASE_URL) it runs 1,000 operations on 10 connections by default, which fits
 * the suite's time on a shared machine; LEDGER_PROPERTY_OPERATIONS=10000 runs the full
 * number. On the embedded database, which has one connection, 40 operations in 3 lanes.
 */
const onPostgres = Boolean(process.env.DATABASE_URL);
const OPERATIONS = Number(process.env.LEDGER_PROPERTY_OPERATIONS ?? (onPostgres ? 1_000 : 40));
const LANES = onPostgres ? 10 : 3;
const RUNS = 1;
const PARTIES = [ORG_A, ORG_B, ORG_C] as const;

type Operation =
  | { kind: 'submit'; party: number; amount: number }
  | { kind: 'amend'; target: number; amount: number }
  | { kind: 'cancel'; target: number }
  | { kind: 'pay'; party: number; amountOre: bigint; named: number | null; source: PaymentSource };

const amount = fc.integer({ min: 200, max: 60_000 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('submit' as const), party: fc.nat(2), amount }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('amend' as const), target: fc.nat(), amount }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), target: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      party: fc.nat(2),
      amountOre: fc.bigInt({ min: 1n, max: 1_500_000n }),
      named: fc.option(fc.nat(), { nil: null }),
      source: fc.constantFrom<PaymentSource>('BANK_TRANSFER', 'CARD', 'CREDIT_BALANCE'),
    }),
  },
);

describe('the ledger under random concurrent operations', () => {
  let database: TestDatabase;
  const clock = runningClock();
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.destroy());

  it(`reconciles after ${OPERATIONS} operations on ${LANES} connections`, {
    timeout: onPostgres ? 240_000 : 180_000,
  }, async () => {
    let sequence = 0;
    const declarations: { id: number; party: number }[] = [];
    const outcomes = new Map<string, number>();
    const count = (name: string) => outcomes.set(name, (outcomes.get(name) ?? 0) + 1);

    async function run(op: Operation): Promise<void> {
      switch (op.kind) {
        case 'submit': {
          const ctx = serviceContext(database, clock, PARTIES[op.party] as string);
          const { record } = await submitDeclaration(
            ctx,
            importDraft(`PROP-${process.pid}-${sequence++}`, String(op.amount), PARTIES[op.party] as string),
            ['input'],
          );
          declarations.push({ id: record.declaration.id, party: op.party });
          return;
        }
        case 'amend':
        case 'cancel': {
          const target = declarations[op.target % Math.max(declarations.length, 1)];
          if (!target) return;
          const ctx = serviceContext(database, clock, PARTIES[target.party] as string);
          const reference = (await database.db.execute(
            `select client_reference from declarations where id = ${target.id}`,
          )) as unknown;
          const rows = Array.isArray(reference) ? reference : (reference as { rows: unknown[] }).rows;
          const clientReference = (rows[0] as { client_reference: string }).client_reference;
          if (op.kind === 'cancel') await cancelDeclaration(ctx, target.id, 'property test');
          else {
            const draft = importDraft(clientReference, String(op.amount), PARTIES[target.party] as string);
            await amendDeclaration(ctx, {
              id: target.id,
              expectedVersion: null,
              reason: 'property test',
              draft,
              path: ['input'],
            });
          }
          return;
        }
        case 'pay': {
          const party = { organisationNumber: PARTIES[op.party] as string };
          let receivableId: number | null = null;
          if (op.named !== null) {
            const own = declarations.filter((d) => d.party === op.party);
            const target = own[op.named % Math.max(own.length, 1)];
            if (target) receivableId = (await receivablesOf(database.db, target.id)).at(-1)?.id ?? null;
          }
          await database.db.transaction((tx) =>
            applyPayment(tx, {
              party,
              amountOre: op.amountOre,
              receivableId,
              source: op.source,
              reference: `prop-${sequence++}`,
              at: clock.now(),
            }),
          );
          return;
        }
      }
    }

    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: OPERATIONS, maxLength: OPERATIONS }), async (ops) => {
        const lanes = Array.from({ length: LANES }, (_, lane) => ops.filter((_, i) => i % LANES === lane));
        await Promise.all(
          lanes.map(async (lane) => {
            for (const op of lane) {
              try {
                await run(op);
                count(`${op.kind}:ok`);
              } catch (error) {
                // Refusals the rules expect (amending a cancelled declaration, paying a cancelled
                // receivable, more than the credit balance): anything else fails the property.
                if (!(error instanceof DomainError)) throw error;
                count(`${op.kind}:${error.code}`);
              }
            }
          }),
        );
        const result = await database.db.transaction((tx) => reconcile(tx, clock.now()), {
          isolationLevel: 'repeatable read',
        });
        expect(result.checks.filter((c) => !c.ok)).toEqual([]);
        expect(result.ok).toBe(true);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    // The operations did what they are about: money was applied and declarations were cancelled.
    expect(outcomes.get('pay:ok') ?? 0).toBeGreaterThan(0);
    expect(outcomes.get('submit:ok') ?? 0).toBeGreaterThan(0);
  });
});
