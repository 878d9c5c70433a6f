import type { Executor } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import { type Actor, SYSTEM_ACTOR } from './lifecycle.js';
import type {
  CurrentVersion,
  DeclarationEventKind,
  DeclarationLifecycleHook,
  DeclarationStatus,
  ReleaseBlocker,
} from './model.js';
import {
  type DeclarationRow,
  declarationExists,
  hasActiveHold,
  insertEventAndMove,
  lockDeclaration,
  lockDeclarationIfFree,
} from './repository.js';

/**
 * The release gate: whether the goods of an accepted declaration are released, from what the
 * lifecycle hooks say still holds them (payment, control) and the agencies' holds. Goods are
 * released only when nothing payable is unpaid or uncovered by credit, no control holds them and
 * no agency hold is active (vareførselsloven: duties are paid or secured before release).
 *
 * The decision, one rule for acceptance and for every later re-ask:
 * - a CONTROL blocker: UNDER_CONTROL (DOCUMENTS_REQUESTED stays, it is a stage of the control),
 *   event SELECTED_FOR_CONTROL with the blockers' explanations as reason;
 * - otherwise a PAYMENT blocker: ACCEPTED, event AWAITING_PAYMENT saying what is missing;
 * - otherwise an active agency hold: the status stays, the HOLD_PLACED event already says why;
 * - otherwise RELEASED, by SYSTEM, the reason saying what cleared.
 */

/** The statuses the gate decides on: accepted and not yet released, cancelled or otherwise final. */
const GATED_STATUSES: readonly DeclarationStatus[] = ['ACCEPTED', 'UNDER_CONTROL', 'DOCUMENTS_REQUESTED'];

export type ReleaseDecision =
  | { readonly outcome: 'RELEASED' }
  | { readonly outcome: 'CONTROL'; readonly blockers: readonly ReleaseBlocker[] }
  | { readonly outcome: 'AWAITING_PAYMENT'; readonly blockers: readonly ReleaseBlocker[] }
  | { readonly outcome: 'HELD' };

/** The gate's rule, pure: what the blockers and the holds mean for the goods. */
export function decideRelease(blockers: readonly ReleaseBlocker[], held: boolean): ReleaseDecision {
  const control = blockers.filter((b) => b.kind === 'CONTROL');
  if (control.length > 0) return { outcome: 'CONTROL', blockers: control };
  const payment = blockers.filter((b) => b.kind === 'PAYMENT');
  if (payment.length > 0) return { outcome: 'AWAITING_PAYMENT', blockers: payment };
  if (held) return { outcome: 'HELD' };
  return { outcome: 'RELEASED' };
}

function explain(blockers: readonly ReleaseBlocker[]): string {
  return [...new Set(blockers.map((b) => b.explanation))].join(' ');
}

interface Step {
  readonly kind: DeclarationEventKind;
  readonly status: DeclarationStatus;
  readonly reason: string;
}

/**
 * The event the decision records on a declaration in `status`, or null when nothing changes.
 * At acceptance (`announce`) a waiting version says so in its own history; a re-ask records only
 * a change of status, so asking again and again writes nothing.
 */
function stepFor(
  decision: ReleaseDecision,
  status: DeclarationStatus,
  announce: boolean,
  cleared: string,
): Step | null {
  switch (decision.outcome) {
    case 'CONTROL':
      if (status !== 'ACCEPTED') return null;
      return { kind: 'SELECTED_FOR_CONTROL', status: 'UNDER_CONTROL', reason: explain(decision.blockers) };
    case 'AWAITING_PAYMENT':
      if (status === 'ACCEPTED' && !announce) return null;
      return { kind: 'AWAITING_PAYMENT', status: 'ACCEPTED', reason: explain(decision.blockers) };
    case 'HELD':
      return null;
    case 'RELEASED':
      return { kind: 'RELEASED', status: 'RELEASED', reason: cleared };
  }
}

async function apply(
  tx: Executor,
  declaration: DeclarationRow,
  decision: ReleaseDecision,
  options: { announce: boolean; cleared: string; actor: Actor; at: Date },
): Promise<DeclarationRow> {
  if (!GATED_STATUSES.includes(declaration.status)) return declaration;
  const step = stepFor(decision, declaration.status, options.announce, options.cleared);
  if (!step) return declaration;
  return insertEventAndMove(tx, {
    declarationId: declaration.id,
    version: declaration.currentVersion,
    kind: step.kind,
    status: step.status,
    actorKind: options.actor.kind,
    actorId: options.actor.id,
    reason: step.reason,
    occurredAt: options.at,
  });
}

/**
 * Settles the release of a version just accepted, with what the hooks answered at acceptance
 * (`announceAcceptance`), inside the accepting transaction. A released declaration amended (a
 * correction after release) stays released: what the correction makes payable is collected after.
 */
export async function settleRelease(
  tx: Executor,
  declaration: DeclarationRow,
  blockers: readonly ReleaseBlocker[],
  at: Date,
  options: { readonly new: boolean } = { new: false },
): Promise<DeclarationRow> {
  // A declaration being submitted has been seen by no agency, so no hold can be on it yet.
  const held = options.new ? false : await hasActiveHold(tx, declaration.id);
  return apply(tx, declaration, decideRelease(blockers, held), {
    announce: true,
    cleared: 'Nothing payable is unpaid, no control and no hold: released on acceptance.',
    actor: SYSTEM_ACTOR,
    at,
  });
}

/** What the gate needs to ask again: the hooks and the clock of the caller's context. */
export interface ReleaseGate {
  readonly lifecycleHooks: readonly DeclarationLifecycleHook[];
  readonly clock: Clock;
}

function currentVersionOf(declaration: DeclarationRow, at: Date): CurrentVersion {
  return {
    declarationId: declaration.id,
    version: declaration.currentVersion,
    type: declaration.type,
    declarantOrgnr: declaration.declarantOrgnr,
    partyOrgnr: declaration.partyOrgnr,
    partyNationalId: declaration.partyNationalId,
    representedOrgnr: declaration.representedOrgnr,
    at,
  };
}

/** Asks every hook again what holds the current version now, then applies the gate's rule. */
export async function reaskGate(
  tx: Executor,
  gate: ReleaseGate,
  declaration: DeclarationRow,
  why: { actor: Actor; cleared: string },
): Promise<DeclarationRow> {
  if (!GATED_STATUSES.includes(declaration.status)) return declaration;
  const at = gate.clock.now();
  const current = currentVersionOf(declaration, at);
  const blockers: ReleaseBlocker[] = [];
  for (const hook of gate.lifecycleHooks) blockers.push(...(await hook.blockersNow(tx, current)));
  const held = await hasActiveHold(tx, declaration.id);
  return apply(tx, declaration, decideRelease(blockers, held), { announce: false, ...why, at });
}

/**
 * Releases the goods of a declaration if nothing holds them any longer: payments calls it after
 * money is applied, control after a control. Locks the declaration first, so two callers
 * serialise; a declaration that is not waiting (released, cancelled, unknown) is left as it is.
 * Returns the status afterwards, or null for an unknown declaration.
 *
 * `skipLocked` is for payments, which holds the party's and receivables' locks already: an
 * amendment or cancellation takes the declaration's lock first and those after it, so waiting here
 * could deadlock with one. Skipping is safe for them: the transaction holding the declaration
 * settles the gate itself, after it has waited for this one's locks and sees what it paid. The
 * answer is then 'LOCKED'.
 */
export async function releaseIfClear(
  tx: Executor,
  gate: ReleaseGate,
  declarationId: number,
  actor: Actor,
  options: { readonly cleared?: string; readonly skipLocked?: boolean } = {},
): Promise<DeclarationStatus | 'LOCKED' | null> {
  const declaration = options.skipLocked
    ? await lockDeclarationIfFree(tx, declarationId)
    : await lockDeclaration(tx, declarationId);
  if (!declaration) {
    if (options.skipLocked && (await declarationExists(tx, declarationId))) return 'LOCKED';
    return null;
  }
  const cleared = options.cleared ?? 'What held the goods is cleared: released.';
  return (await reaskGate(tx, gate, declaration, { actor, cleared })).status;
}
