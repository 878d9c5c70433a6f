import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Agreement } from '../../../src/auth/agreement.js';
import type { AgencyPrincipal, BusinessPrincipal, OfficerPrincipal } from '../../../src/auth/principal.js';
import { declarationAssessor, RateBooks } from '../../../src/modules/assessment/service.js';
import { toDraft } from '../../../src/modules/declarations/graphql/inputs.js';
import { placeHold, releaseHold } from '../../../src/modules/declarations/holds.js';
import { SYSTEM_ACTOR } from '../../../src/modules/declarations/lifecycle.js';
import type { DeclarationLifecycleHook, ReleaseBlocker } from '../../../src/modules/declarations/model.js';
import { findEvents, lockDeclaration } from '../../../src/modules/declarations/repository.js';
import {
  amendDeclaration,
  releaseIfClear,
  type ServiceContext,
  submitDeclaration,
} from '../../../src/modules/declarations/service.js';
import { Decimal } from '../../../src/shared/decimal.js';
import { fixedClock } from '../../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';
import { ORG_A } from '../../helpers/factories.js';

const business: BusinessPrincipal = {
  role: 'business',
  organisationNumber: ORG_A,
  subject: 'gate-test',
  scopes: new Set(),
  sandbox: true,
};
const agency: AgencyPrincipal = {
  role: 'agency',
  agencyCode: 'MATTILSYNET',
  subject: 'gate-test',
  scopes: new Set(),
  sandbox: true,
};
const otherAgency: AgencyPrincipal = { ...agency, agencyCode: 'POLICE' };
const officer: OfficerPrincipal = {
  role: 'officer',
  employeeId: 'T1001',
  subject: 'gate-test',
  scopes: new Set(),
  sandbox: true,
};
function agreementOf(agencyCode: string): Agreement {
  return {
    id: 1,
    agencyCode,
    grants: new Set(['read:declarations:all', 'place:hold']),
    chapters: [],
    procedures: null,
    originCountries: null,
    personalData: false,
    validFrom: '2020-01-01',
    validTo: null,
  };
}

function draft(reference: string, invoiceAmount = '1000') {
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

/** A hook whose answer the test sets: what it says at acceptance and when asked again. */
class SettableHook implements DeclarationLifecycleHook {
  blockers: ReleaseBlocker[] = [];
  asked = 0;
  async versionAccepted() {
    return this.blockers;
  }
  async declarationCancelled() {}
  async blockersNow() {
    this.asked++;
    return this.blockers;
  }
}

const PAYMENT: ReleaseBlocker = { kind: 'PAYMENT', code: 'AWAITING_PAYMENT', explanation: 'NOK 1,000.00 is unpaid.' };
const CONTROL: ReleaseBlocker = { kind: 'CONTROL', code: 'DOCUMENTARY_CONTROL', explanation: 'Documentary control.' };

describe('the release gate', () => {
  let database: TestDatabase;
  const hook = new SettableHook();
  const clock = fixedClock('2026-06-15T10:00:00Z');
  let ctx: ServiceContext;
  const as = (principal: ServiceContext['principal'], agreement: Agreement | null = null): ServiceContext => ({
    ...ctx,
    principal,
    agreement,
  });
  const history = async (id: number) =>
    (await findEvents(database.db, [id])).map((e) => ({ kind: e.kind, status: e.status, actor: e.actorKind }));
  const status = async (id: number) => (await lockDeclaration(database.db, id))?.status;

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = {
      db: database.db,
      clock,
      assessor: declarationAssessor(new RateBooks(database.db)),
      lifecycleHooks: [hook],
      principal: business,
      agreement: null,
    };
  });
  afterAll(() => database.destroy());
  beforeEach(() => {
    hook.blockers = [];
  });

  it('releases on acceptance what nothing holds, by the system, saying why', async () => {
    const { record } = await submitDeclaration(ctx, draft('GATE-1'), ['input']);
    expect(record.declaration.status).toBe('RELEASED');
    expect(await history(record.declaration.id)).toEqual([
      { kind: 'SUBMITTED', status: 'SUBMITTED', actor: 'BUSINESS' },
      { kind: 'ACCEPTED', status: 'ACCEPTED', actor: 'SYSTEM' },
      { kind: 'RELEASED', status: 'RELEASED', actor: 'SYSTEM' },
    ]);
    const [released] = (await findEvents(database.db, [record.declaration.id])).filter((e) => e.kind === 'RELEASED');
    expect(released?.reason).toMatch(/released on acceptance/);
  });

  it('keeps a declaration that waits for payment ACCEPTED, says so, and releases it once the gate is clear', async () => {
    hook.blockers = [PAYMENT];
    const { record } = await submitDeclaration(ctx, draft('GATE-2'), ['input']);
    const id = record.declaration.id;
    expect(record.declaration.status).toBe('ACCEPTED');
    const events = await findEvents(database.db, [id]);
    expect(events.at(-1)).toMatchObject({ kind: 'AWAITING_PAYMENT', status: 'ACCEPTED', reason: PAYMENT.explanation });

    // Asked again while still unpaid: nothing changes and nothing is recorded.
    expect(await database.db.transaction((tx) => releaseIfClear(tx, ctx, id, SYSTEM_ACTOR))).toBe('ACCEPTED');
    expect((await findEvents(database.db, [id])).length).toBe(events.length);

    hook.blockers = [];
    clock.set('2026-06-15T11:00:00Z');
    expect(await database.db.transaction((tx) => releaseIfClear(tx, ctx, id, SYSTEM_ACTOR))).toBe('RELEASED');
    const after = await findEvents(database.db, [id]);
    expect(after.at(-1)).toMatchObject({ kind: 'RELEASED', status: 'RELEASED', actorKind: 'SYSTEM' });
    expect(after.at(-1)?.occurredAt).toEqual(new Date('2026-06-15T11:00:00Z'));
    // Released is final for the gate: asking again records nothing.
    expect(await database.db.transaction((tx) => releaseIfClear(tx, ctx, id, SYSTEM_ACTOR))).toBe('RELEASED');
    expect((await findEvents(database.db, [id])).length).toBe(after.length);
  });

  it('puts a declaration a control holds UNDER_CONTROL, even when payment is missing too', async () => {
    hook.blockers = [PAYMENT, CONTROL];
    const { record } = await submitDeclaration(ctx, draft('GATE-3'), ['input']);
    expect(record.declaration.status).toBe('UNDER_CONTROL');
    expect((await findEvents(database.db, [record.declaration.id])).at(-1)).toMatchObject({
      kind: 'SELECTED_FOR_CONTROL',
      status: 'UNDER_CONTROL',
      reason: CONTROL.explanation,
    });
    // The control ends with payment still missing: the goods go back to waiting for it.
    hook.blockers = [PAYMENT];
    const id = record.declaration.id;
    expect(await database.db.transaction((tx) => releaseIfClear(tx, ctx, id, SYSTEM_ACTOR))).toBe('ACCEPTED');
    expect((await findEvents(database.db, [id])).at(-1)).toMatchObject({ kind: 'AWAITING_PAYMENT' });
  });

  it('settles each amendment of a waiting declaration, and leaves a released one released', async () => {
    hook.blockers = [PAYMENT];
    const { record } = await submitDeclaration(ctx, draft('GATE-4'), ['input']);
    const id = record.declaration.id;
    const amended = await amendDeclaration(ctx, {
      id,
      expectedVersion: 1,
      reason: 'price corrected',
      draft: draft('GATE-4', '1200'),
      path: ['input'],
    });
    expect(amended.record.declaration.status).toBe('ACCEPTED');
    expect((await findEvents(database.db, [id])).filter((e) => e.kind === 'AWAITING_PAYMENT')).toHaveLength(2);

    hook.blockers = [];
    const released = await amendDeclaration(ctx, {
      id,
      expectedVersion: 2,
      reason: 'paid',
      draft: draft('GATE-4', '1300'),
      path: ['input'],
    });
    expect(released.record.declaration.status).toBe('RELEASED');
    // A correction after release that makes more payable does not take the goods back.
    hook.blockers = [PAYMENT];
    const corrected = await amendDeclaration(ctx, {
      id,
      expectedVersion: 3,
      reason: 'correction',
      draft: draft('GATE-4', '1400'),
      path: ['input'],
    });
    expect(corrected.record.declaration.status).toBe('RELEASED');
    expect(await status(id)).toBe('RELEASED');
  });

  it('does not release held goods; lifting the last hold asks the gate again', async () => {
    hook.blockers = [PAYMENT];
    const { record } = await submitDeclaration(ctx, draft('GATE-5'), ['input']);
    const id = record.declaration.id;
    const first = await placeHold(as(agency, agreementOf('MATTILSYNET')), id, 'Sample for residue analysis');
    const second = await placeHold(as(otherAgency, agreementOf('POLICE')), id, 'Check the papers');

    // Paid while held: the holds keep the goods.
    hook.blockers = [];
    expect(await database.db.transaction((tx) => releaseIfClear(tx, ctx, id, SYSTEM_ACTOR))).toBe('ACCEPTED');

    const one = await releaseHold(as(officer), first.hold.id, 'Analysis clean');
    expect(one.record.declaration.status).toBe('ACCEPTED');
    const asked = hook.asked;
    const last = await releaseHold(as(officer), second.hold.id, 'Papers in order');
    expect(hook.asked).toBe(asked + 1);
    expect(last.record.declaration.status).toBe('RELEASED');
    expect((await history(id)).slice(-3)).toEqual([
      { kind: 'HOLD_RELEASED', status: 'ACCEPTED', actor: 'OFFICER' },
      { kind: 'HOLD_RELEASED', status: 'ACCEPTED', actor: 'OFFICER' },
      { kind: 'RELEASED', status: 'RELEASED', actor: 'SYSTEM' },
    ]);
  });

  it('lifting the last hold of goods still unpaid keeps them waiting, recording nothing more', async () => {
    hook.blockers = [PAYMENT];
    const { record } = await submitDeclaration(ctx, draft('GATE-6'), ['input']);
    const id = record.declaration.id;
    const held = await placeHold(as(agency, agreementOf('MATTILSYNET')), id, 'Sample');
    const lifted = await releaseHold(as(officer), held.hold.id, 'Clean');
    expect(lifted.record.declaration.status).toBe('ACCEPTED');
    expect((await history(id)).at(-1)).toEqual({ kind: 'HOLD_RELEASED', status: 'ACCEPTED', actor: 'OFFICER' });
  });

  it('answers null for a declaration that does not exist', async () => {
    expect(await database.db.transaction((tx) => releaseIfClear(tx, ctx, 987654, SYSTEM_ACTOR))).toBeNull();
  });
});
