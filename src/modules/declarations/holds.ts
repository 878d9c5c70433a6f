import { admittedAs } from '../../auth/access.js';
import type { Executor } from '../../db/client.js';
import { InvalidStatus, NotFound, ValidationFailed } from '../../shared/errors.js';
import { actorOf, recordTransition, SYSTEM_ACTOR } from './lifecycle.js';
import { OPEN_STATUSES } from './model.js';
import { reaskGate } from './release.js';
import {
  type DeclarationRecord,
  type DeclarationRow,
  findActiveHold,
  findEventBy,
  findVersion,
  type HoldRow,
  insertHold,
  lockDeclaration,
  lockHold,
  lockVisibleDeclaration,
  releaseHoldRow,
} from './repository.js';
import { declarationScope } from './scope.js';
import type { ServiceContext } from './service.js';

/**
 * What partner agencies do at the border (ask for a control, hold the goods) and what officers
 * do with a hold (lift it). Each is recorded in the declaration's status history with the actor
 * and the reason, and each is idempotent: asking twice records once.
 */

const MAX_REASON = 500;

function requireReason(reason: string | null | undefined, path: readonly (string | number)[]): string {
  const text = reason?.trim() ?? '';
  if (text === '')
    throw new ValidationFailed([
      { code: 'REQUIRED', path, message: 'Give the reason; it is shown in the status history.' },
    ]);
  if (text.length > MAX_REASON) {
    throw new ValidationFailed([{ code: 'TOO_LONG', path, message: `At most ${MAX_REASON} characters.` }]);
  }
  return text;
}

/** The declaration, locked, if the caller can see it and it is still open for agency action. */
async function lockOpenDeclaration(
  tx: Executor,
  ctx: ServiceContext,
  id: number,
  action: string,
): Promise<DeclarationRow> {
  const locked = await lockVisibleDeclaration(tx, declarationScope(ctx), id);
  if (!locked) throw new NotFound('declaration');
  if (!OPEN_STATUSES.includes(locked.status)) throw new InvalidStatus(action, locked.status);
  return locked;
}

async function record(tx: Executor, declaration: DeclarationRow): Promise<DeclarationRecord> {
  const content = await findVersion(tx, declaration.id, declaration.currentVersion);
  if (!content) throw new Error(`declaration ${declaration.id} has no current version`);
  return { declaration, content };
}

function agencyCodeOf(ctx: ServiceContext): string {
  return admittedAs(ctx.principal, 'agency').agencyCode;
}

export interface ActionResult {
  readonly record: DeclarationRecord;
  readonly changed: boolean;
}

/** An agency asks the authority to control the goods of a declaration in its scope. */
export async function requestControl(
  ctx: ServiceContext,
  declarationId: number,
  reason: string | null,
): Promise<ActionResult> {
  const agencyCode = agencyCodeOf(ctx);
  const why = requireReason(reason, ['input', 'reason']);
  return ctx.db.transaction(async (tx) => {
    const declaration = await lockOpenDeclaration(tx, ctx, declarationId, 'controlled on request');
    const earlier = await findEventBy(tx, declaration.id, declaration.currentVersion, 'CONTROL_REQUESTED', agencyCode);
    if (earlier) return { record: await record(tx, declaration), changed: false };
    const updated = await recordTransition(tx, declaration, {
      kind: 'CONTROL_REQUESTED',
      status: declaration.status,
      actor: actorOf(ctx.principal),
      reason: why,
      at: ctx.clock.now(),
    });
    return { record: await record(tx, updated), changed: true };
  });
}

export interface HoldResult extends ActionResult {
  readonly hold: HoldRow;
}

/** An agency holds the goods of a declaration in its scope; one active hold per agency. */
export async function placeHold(
  ctx: ServiceContext,
  declarationId: number,
  reason: string | null,
): Promise<HoldResult> {
  const agencyCode = agencyCodeOf(ctx);
  const why = requireReason(reason, ['input', 'reason']);
  return ctx.db.transaction(async (tx) => {
    const declaration = await lockOpenDeclaration(tx, ctx, declarationId, 'held');
    const active = await findActiveHold(tx, declaration.id, agencyCode);
    if (active) return { record: await record(tx, declaration), hold: active, changed: false };
    const at = ctx.clock.now();
    const hold = await insertHold(tx, { declarationId: declaration.id, agencyCode, reason: why, placedAt: at });
    const updated = await recordTransition(tx, declaration, {
      kind: 'HOLD_PLACED',
      status: declaration.status,
      actor: actorOf(ctx.principal),
      reason: why,
      at,
    });
    return { record: await record(tx, updated), hold, changed: true };
  });
}

/** An officer lifts a hold. Lifting a lifted hold changes nothing. */
export async function releaseHold(ctx: ServiceContext, holdId: number, reason: string | null): Promise<HoldResult> {
  const officer = admittedAs(ctx.principal, 'officer').employeeId;
  const why = requireReason(reason, ['input', 'reason']);
  return ctx.db.transaction(async (tx) => {
    const found = await lockHold(tx, holdId);
    if (!found) throw new NotFound('hold');
    const declaration = await lockDeclaration(tx, found.declarationId);
    if (!declaration) throw new NotFound('hold');
    if (found.releasedAt) return { record: await record(tx, declaration), hold: found, changed: false };
    const at = ctx.clock.now();
    const hold = await releaseHoldRow(tx, found.id, { releasedAt: at, releasedBy: officer, releaseReason: why });
    const lifted = await recordTransition(tx, declaration, {
      kind: 'HOLD_RELEASED',
      status: declaration.status,
      actor: actorOf(ctx.principal),
      reason: `${found.agencyCode}: ${why}`,
      at,
    });
    // With the last hold lifted the gate decides again (another active hold keeps the goods).
    const updated = await reaskGate(tx, ctx, lifted, {
      actor: SYSTEM_ACTOR,
      cleared: `The last agency hold (${found.agencyCode}) was lifted and nothing else holds the goods: released.`,
    });
    return { record: await record(tx, updated), hold, changed: true };
  });
}
