import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusinessPrincipal } from '../../../src/auth/principal.js';
import { rowsOf } from '../../../src/db/client.js';
import { declarationAssessor, RateBooks } from '../../../src/modules/assessment/service.js';
import { toDraft } from '../../../src/modules/declarations/graphql/inputs.js';
import type {
  AcceptedVersion,
  CancelledDeclaration,
  DeclarationLifecycleHook,
  ReleaseBlocker,
} from '../../../src/modules/declarations/model.js';
import {
  amendDeclaration,
  cancelDeclaration,
  type ServiceContext,
  submitDeclaration,
} from '../../../src/modules/declarations/service.js';
import { Decimal } from '../../../src/shared/decimal.js';
import { runningClock } from '../../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';
import { ORG_A } from '../../helpers/factories.js';

const business: BusinessPrincipal = {
  role: 'business',
  organisationNumber: ORG_A,
  subject: 'lifecycle-test',
  scopes: new Set(),
  sandbox: true,
};

function draft(reference: string, invoiceAmount: string) {
  return toDraft({
    type: 'IMPORT' as const,
    clientReference: reference,
    procedureCode: '4000',
    customsOffice: 'NO351001',
    transportMode: 'AIR' as const,
    countryOfDispatch: 'CN',
    countryOfDestination: 'NO',
    invoiceCurrency: 'NOK',
    importer: { organisationNumber: ORG_A, name: 'Nordlys Import AS' },
    goodsItems: [
      {
        commodityCode: '61102000',
        description: 'Wool jumpers',
        countryOfOrigin: 'CN',
        netMass: new Decimal('12.5'),
        supplementaryQuantity: new Decimal('40'),
        invoiceAmount: new Decimal(invoiceAmount),
      },
    ],
  });
}

const UNPAID: ReleaseBlocker = { kind: 'PAYMENT', code: 'AWAITING_PAYMENT', explanation: 'Unpaid.' };

/** A hook that records what it is told and, when asked, counts the declaration's rows it can see. */
class RecordingHook implements DeclarationLifecycleHook {
  readonly accepted: AcceptedVersion[] = [];
  readonly cancelled: CancelledDeclaration[] = [];
  storedAssessmentsSeen: number[] = [];
  failNext = false;

  async versionAccepted(tx: Parameters<DeclarationLifecycleHook['versionAccepted']>[0], accepted: AcceptedVersion) {
    this.accepted.push(accepted);
    const stored = rowsOf<{ n: number }>(
      await tx.execute(
        sql`select count(*)::int as n from assessments where declaration_id = ${accepted.declarationId} and version = ${accepted.version}`,
      ),
    );
    this.storedAssessmentsSeen.push(Number(stored[0]?.n));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('the hook refused');
    }
    // Unpaid duties keep the goods, so the declaration stays cancellable (a released one is not).
    return [UNPAID];
  }

  async declarationCancelled(_tx: unknown, cancelled: CancelledDeclaration) {
    this.cancelled.push(cancelled);
  }

  async blockersNow() {
    return [UNPAID];
  }
}

describe('declaration lifecycle hooks', () => {
  let database: TestDatabase;
  let ctx: ServiceContext;
  const hook = new RecordingHook();

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = {
      db: database.db,
      clock: runningClock(),
      assessor: declarationAssessor(new RateBooks(database.db)),
      lifecycleHooks: [hook],
      principal: business,
      agreement: null,
    };
  });
  afterAll(() => database.destroy());

  it('tells a hook of each accepted version inside the transaction that stored its assessment', async () => {
    const { record } = await submitDeclaration(ctx, draft('HOOK-1', '1000'), ['input']);
    expect(hook.accepted.at(-1)).toMatchObject({ declarationId: record.declaration.id, version: 1, type: 'IMPORT' });
    expect(hook.accepted.at(-1)?.assessment).not.toBeNull();
    expect(hook.storedAssessmentsSeen.at(-1)).toBe(1);

    await amendDeclaration(ctx, {
      id: record.declaration.id,
      expectedVersion: 1,
      reason: 'price corrected',
      draft: draft('HOOK-1', '1200'),
      path: ['input'],
    });
    expect(hook.accepted.at(-1)).toMatchObject({ declarationId: record.declaration.id, version: 2 });
    expect(hook.storedAssessmentsSeen.at(-1)).toBe(1);

    await cancelDeclaration(ctx, record.declaration.id, 'sent twice');
    expect(hook.cancelled).toEqual([expect.objectContaining({ declarationId: record.declaration.id, version: 2 })]);
  });

  it('a replayed submission tells no hook again', async () => {
    const before = hook.accepted.length;
    await submitDeclaration(ctx, draft('HOOK-2', '500'), ['input']);
    await submitDeclaration(ctx, draft('HOOK-2', '500'), ['input']);
    expect(hook.accepted.length).toBe(before + 1);
  });

  it('a hook that fails rolls the submission back with it', async () => {
    hook.failNext = true;
    await expect(submitDeclaration(ctx, draft('HOOK-3', '700'), ['input'])).rejects.toThrow('the hook refused');
    const stored = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from declarations where client_reference = 'HOOK-3'`),
    );
    expect(Number(stored[0]?.n)).toBe(0);
  });
});
