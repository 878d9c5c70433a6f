import type { Principal } from '../../auth/principal.js';
import type { Executor } from '../../db/client.js';
import type {
  AcceptedVersion,
  ActorKind,
  CancelledDeclaration,
  DeclarationEventKind,
  DeclarationLifecycleHook,
  DeclarationStatus,
  DraftAssessment,
  ReleaseBlocker,
} from './model.js';
import { type DeclarationRow, insertEvent, updateDeclaration } from './repository.js';

/** Who caused an event, as the status history shows it: never a national identity number. */
export interface Actor {
  readonly kind: ActorKind;
  readonly id: string | null;
}

export const SYSTEM_ACTOR: Actor = { kind: 'SYSTEM', id: null };

export function actorOf(principal: Principal): Actor {
  switch (principal.role) {
    case 'business':
      return { kind: 'BUSINESS', id: principal.organisationNumber };
    case 'private':
      return { kind: 'PRIVATE', id: null };
    case 'officer':
    case 'auditor':
      return { kind: 'OFFICER', id: principal.employeeId };
    case 'agency':
      return { kind: 'AGENCY', id: principal.agencyCode };
    case 'public':
      return SYSTEM_ACTOR;
  }
}

export interface Transition {
  readonly kind: DeclarationEventKind;
  readonly status: DeclarationStatus;
  readonly actor: Actor;
  readonly reason?: string | null | undefined;
  readonly at: Date;
}

function eventRow(declaration: DeclarationRow, transition: Transition) {
  return {
    declarationId: declaration.id,
    version: declaration.currentVersion,
    kind: transition.kind,
    status: transition.status,
    actorKind: transition.actor.kind,
    actorId: transition.actor.id,
    reason: transition.reason ?? null,
    occurredAt: transition.at,
  };
}

/** Records an event in the status history and moves the declaration to the event's status. */
export async function recordTransition(
  tx: Executor,
  declaration: DeclarationRow,
  transition: Transition,
): Promise<DeclarationRow> {
  await insertEvent(tx, eventRow(declaration, transition));
  if (transition.status === declaration.status) return declaration;
  return updateDeclaration(tx, declaration.id, { status: transition.status, updatedAt: transition.at });
}

/**
 * A complete, valid declaration (or amendment) is accepted: this is the moment the rules say
 * duties are assessed, at the rates in force now. The assessment of the current version is
 * stored here, inside the same transaction, so that an accepted version never exists without it.
 * Exports carry no assessment.
 */
export async function acceptVersion(
  tx: Executor,
  declaration: DeclarationRow,
  at: Date,
  assessment: DraftAssessment | null,
): Promise<DeclarationRow> {
  if (assessment) await assessment.store(tx, declaration.id, declaration.currentVersion, at);
  if (declaration.status !== 'SUBMITTED') return declaration;
  return recordTransition(tx, declaration, { kind: 'ACCEPTED', status: 'ACCEPTED', actor: SYSTEM_ACTOR, at });
}

/**
 * A new declaration is complete and valid when it is stored (validation refused it otherwise),
 * so it is accepted in the transaction that submits it: it is stored in this status, never seen
 * as SUBMITTED by anyone else.
 */
export const STATUS_ON_SUBMISSION = 'ACCEPTED' satisfies DeclarationStatus;

/**
 * The history of a declaration stored in STATUS_ON_SUBMISSION: submitted by the declarant, then
 * accepted as acceptVersion would (the service stores the assessment with them), in this order.
 */
export function submissionEvents(submittedBy: Actor, at: Date) {
  const event = (kind: DeclarationEventKind, status: DeclarationStatus, actor: Actor) => ({
    kind,
    status,
    actorKind: actor.kind,
    actorId: actor.id,
    reason: null,
    occurredAt: at,
  });
  return [event('SUBMITTED', 'SUBMITTED', submittedBy), event('ACCEPTED', STATUS_ON_SUBMISSION, SYSTEM_ACTOR)];
}

/**
 * Tells every lifecycle hook, in order, that a version was accepted, inside the accepting
 * transaction. What they return holds the goods; the release gate decides on it.
 */
export async function announceAcceptance(
  tx: Executor,
  hooks: readonly DeclarationLifecycleHook[],
  accepted: AcceptedVersion,
): Promise<ReleaseBlocker[]> {
  const blockers: ReleaseBlocker[] = [];
  for (const hook of hooks) blockers.push(...(await hook.versionAccepted(tx, accepted)));
  return blockers;
}

/** Tells every lifecycle hook, in order, that a declaration was cancelled, inside that transaction. */
export async function announceCancellation(
  tx: Executor,
  hooks: readonly DeclarationLifecycleHook[],
  cancelled: CancelledDeclaration,
): Promise<void> {
  for (const hook of hooks) await hook.declarationCancelled(tx, cancelled);
}
