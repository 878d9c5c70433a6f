import { sql } from 'drizzle-orm';
import type { Access } from '../../auth/access.js';
import { admittedAs } from '../../auth/access.js';
import type { Principal } from '../../auth/principal.js';
import type { Database, Executor } from '../../db/client.js';
import { authorityDate, type Clock } from '../../shared/clock.js';
import {
  IdempotencyConflict,
  InvalidStatus,
  NotFound,
  NotPermitted,
  ValidationFailed,
  VersionConflict,
} from '../../shared/errors.js';
import { type DeclarationDraft, fingerprint, partyOf } from './draft.js';
import {
  acceptVersion,
  actorOf,
  announceAcceptance,
  announceCancellation,
  recordTransition,
  STATUS_ON_SUBMISSION,
  submissionEvents,
} from './lifecycle.js';
import type { DeclarationAssessor, DeclarationLifecycleHook } from './model.js';
import { AMENDABLE_STATUSES, CANCELLABLE_STATUSES } from './model.js';
import { numberDeclaration, provisionalNumber } from './numbering.js';
import { settleRelease } from './release.js';
import {
  type DeclarationRecord,
  type DeclarationRow,
  findDeclarationByClientReference,
  findDeclarationNumbers,
  findDeclarationsByNumbers,
  findVersion,
  insertNewDeclaration,
  lockVisibleDeclaration,
  updateDeclaration,
} from './repository.js';
import { declarantOf } from './representation.js';
import { declarationScope } from './scope.js';
import { declarations } from './tables.js';
import { gatherReferenceFacts, type Path, validateDraft } from './validation.js';
import { firstVersion, removeFromFeed, storeVersion } from './versions.js';

/** How a declaration's input is read (trimmed, codes upper-cased), for a preview that must read it alike. */
export { normaliseCommodityCodeText, trimToNull, upperCode } from './draft.js';
/** The release gate, for payments after money is applied and control after a control. */
export { SYSTEM_ACTOR } from './lifecycle.js';
export { type ReleaseGate, releaseIfClear } from './release.js';
/** Which goods items of a declaration a caller sees, and how they are numbered for it. */
export { type ItemFilter, itemView, visibleItemFilter } from './scope.js';
/** Every code a declaration's input can be refused with. */
export { INPUT_PROBLEM_CODES as DECLARATION_PROBLEM_CODES } from './validation.js';

/**
 * The numbers of declarations by internal id, for records that cite a declaration (the access
 * log): no row scope, so the caller decides who may see them.
 */
export async function declarationNumbers(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  return new Map((await findDeclarationNumbers(db, [...new Set(ids)])).map((row) => [row.id, row.number]));
}

/** Whom a declaration concerns, for records made about it (a penalty): the declarant and the importer or exporter. */
export interface DeclarationParties {
  readonly id: number;
  readonly number: string;
  readonly status: DeclarationRow['status'];
  readonly declarantOrgnr: string;
  readonly partyOrgnr: string | null;
  /** Personal data. */
  readonly partyNationalId: string | null;
}

/**
 * A declaration's parties by its number, within the caller's row scope; null when there is no
 * such declaration or the caller may not see it.
 */
export async function declarationParties(
  db: Executor,
  access: Access,
  number: string,
): Promise<DeclarationParties | null> {
  const [record] = await findDeclarationsByNumbers(db, declarationScope(access), [number]);
  if (!record) return null;
  const { declaration } = record;
  return {
    id: declaration.id,
    number: declaration.number,
    status: declaration.status,
    declarantOrgnr: declaration.declarantOrgnr,
    partyOrgnr: declaration.partyOrgnr,
    partyNationalId: declaration.partyNationalId,
  };
}

/** What the declaration services need from their caller. */
/**
 * The versions in force of every declaration that is not cancelled (declaration_id, version), as
 * a relation another module's query can read from (payments' reconciliation compares the revenue
 * booked with the assessments of these versions).
 */
export const VERSIONS_IN_FORCE_SQL = sql`(select ${declarations.id} as declaration_id, ${declarations.currentVersion} as version
  from ${declarations} where ${declarations.status} <> 'CANCELLED')`;

export interface ServiceContext extends Access {
  readonly db: Database;
  readonly clock: Clock;
  /** Assesses what is accepted, at the rates of the day it is received. */
  readonly assessor: DeclarationAssessor;
  /** What other modules do when a version is accepted or a declaration cancelled (payments, control). */
  readonly lifecycleHooks: readonly DeclarationLifecycleHook[];
}

export interface SubmitResult {
  readonly record: DeclarationRecord;
  /** True when an identical earlier submission was returned instead of creating a new one. */
  readonly replayed: boolean;
}

/** A business (or a customs broker acting for one) submits declarations: the policy admits no one else. */
function requireDeclarant(principal: Principal): string {
  return admittedAs(principal, 'business').organisationNumber;
}

/**
 * Submits a declaration, idempotently on the declarant's own reference: the same reference with
 * the same content returns the first declaration; with other content, an IdempotencyConflict.
 * Validation reports every problem at once and writes nothing.
 */
export async function submitDeclaration(
  ctx: ServiceContext,
  draft: DeclarationDraft,
  path: Path,
): Promise<SubmitResult> {
  const declarant = requireDeclarant(ctx.principal);
  const contentHash = fingerprint(draft);

  const now = ctx.clock.now();
  const today = authorityDate(now);
  // One statement reads the facts and whether this reference was submitted before.
  const facts = await gatherReferenceFacts(ctx.db, draft, today, { declarant, at: now }, ctx.assessor);
  if (facts.earlierDeclarationId !== null) {
    const earlier = await findDeclarationByClientReference(ctx.db, declarant, draft.clientReference);
    if (earlier) return replay(ctx.db, earlier, draft.clientReference, contentHash);
  }
  const problems = validateDraft(draft, facts, today, path);
  if (problems.length > 0) throw new ValidationFailed(problems);
  const assessment = await ctx.assessor.assess(draft, today, facts);
  const unassessable = assessment?.declarantProblems(path) ?? [];
  if (unassessable.length > 0) throw new ValidationFailed(unassessable);

  const party = partyOf(draft);
  const provisional = provisionalNumber(declarant, draft.clientReference);
  const declaration: Omit<DeclarationRow, 'id'> = {
    number: provisional,
    type: draft.type,
    status: STATUS_ON_SUBMISSION,
    declarantOrgnr: declarant,
    clientReference: draft.clientReference,
    currentVersion: 1,
    partyOrgnr: party?.organisationNumber ?? null,
    partyNationalId: party?.nationalIdentityNumber ?? null,
    representedOrgnr: draft.representedParty,
    submittedAt: now,
    updatedAt: now,
  };
  const first = firstVersion(draft.type, { version: 1, draft, contentHash, amendmentReason: null, at: now });
  const outcome = await ctx.db.transaction(async (tx) => {
    // One statement stores everything under the provisional number and is awaited, so that the
    // request is checked before the transaction goes on (a request given up while it waited on a
    // lock rolls back). The last statement takes the number (numbering.ts) and goes out with the
    // COMMIT, not awaited here: the counter's lock is held while the database runs it and the
    // commit, never while this process reads an answer. Should it fail, the database answers the
    // COMMIT with ROLLBACK and the transaction rejects with its error (both drivers; postgres.js
    // by patches/postgres+3.4.9.patch).
    const content = await insertNewDeclaration(tx, {
      declaration,
      version: first.version,
      items: first.items,
      events: submissionEvents(actorOf(ctx.principal), now),
      alongside: assessment ? (stored) => assessment.insertFor(stored, 1, now) : undefined,
    });
    // Another submission of this reference committed first: this one becomes its replay.
    if (!content) return { raced: true as const };
    const id = content.declarationId;
    const blockers = await announceAcceptance(tx, ctx.lifecycleHooks, {
      declarationId: id,
      version: 1,
      type: draft.type,
      declarantOrgnr: declarant,
      partyOrgnr: declaration.partyOrgnr,
      partyNationalId: declaration.partyNationalId,
      representedOrgnr: declaration.representedOrgnr,
      draft,
      assessment,
      at: now,
    });
    const settled = await settleRelease(tx, { ...declaration, id }, blockers, now, { new: true });
    const numbered = numberDeclaration(tx, { id, declarantOrgnr: declarant }, today, first.itemEvents);
    // Its failure is the transaction's, reported by the transaction; it is read after the commit.
    numbered.catch(() => {});
    return { content, id, numbered, status: settled.status, updatedAt: settled.updatedAt };
  });
  if ('raced' in outcome) {
    const winner = await findDeclarationByClientReference(ctx.db, declarant, draft.clientReference);
    if (!winner) throw new Error('a submission lost the race to a declaration that does not exist');
    return replay(ctx.db, winner, draft.clientReference, contentHash);
  }
  const record = {
    declaration: {
      ...declaration,
      id: outcome.id,
      number: await outcome.numbered,
      status: outcome.status,
      updatedAt: outcome.updatedAt,
    },
    content: outcome.content,
  };
  return { record, replayed: false };
}

async function replay(
  db: Executor,
  earlier: DeclarationRow,
  clientReference: string,
  contentHash: string,
): Promise<SubmitResult> {
  const original = await findVersion(db, earlier.id, 1);
  if (original?.contentHash !== contentHash) throw new IdempotencyConflict(clientReference, earlier.id);
  const current = await findVersion(db, earlier.id, earlier.currentVersion);
  if (!current) throw new Error(`declaration ${earlier.id} has no version ${earlier.currentVersion}`);
  return { record: { declaration: earlier, content: current }, replayed: true };
}

/**
 * Loads a declaration the caller may act on as its declarant, locked for the transaction.
 * Outside the caller's scope it does not exist; inside it but not theirs to change, NotPermitted.
 */
async function lockOwnDeclaration(tx: Executor, ctx: ServiceContext, id: number): Promise<DeclarationRow> {
  const locked = await lockVisibleDeclaration(tx, declarationScope(ctx), id);
  if (!locked) throw new NotFound('declaration');
  if (locked.declarantOrgnr !== admittedAs(ctx.principal, 'business').organisationNumber) {
    throw new NotPermitted('Only the declarant can change or cancel a declaration.');
  }
  return locked;
}

export interface CancelResult {
  readonly record: DeclarationRecord;
  /** False when the declaration was already cancelled (a retried cancellation). */
  readonly changed: boolean;
}

/** Cancels a declaration before release. Cancelling a cancelled declaration again changes nothing. */
export async function cancelDeclaration(ctx: ServiceContext, id: number, reason: string | null): Promise<CancelResult> {
  return ctx.db.transaction(async (tx) => {
    const declaration = await lockOwnDeclaration(tx, ctx, id);
    const content = await findVersion(tx, id, declaration.currentVersion);
    if (!content) throw new Error(`declaration ${id} has no current version`);
    if (declaration.status === 'CANCELLED') return { record: { declaration, content }, changed: false };
    if (!CANCELLABLE_STATUSES.includes(declaration.status)) throw new InvalidStatus('cancelled', declaration.status);
    const at = ctx.clock.now();
    await removeFromFeed(tx, declaration, content, at);
    const cancelled = await recordTransition(tx, declaration, {
      kind: 'CANCELLED',
      status: 'CANCELLED',
      actor: actorOf(ctx.principal),
      reason,
      at,
    });
    await announceCancellation(tx, ctx.lifecycleHooks, { declarationId: id, version: declaration.currentVersion, at });
    return { record: { declaration: cancelled, content }, changed: true };
  });
}

export interface AmendRequest {
  readonly id: number;
  readonly expectedVersion: number | null;
  readonly reason: string | null;
  readonly draft: DeclarationDraft;
  readonly path: Path;
}

export interface AmendResult {
  readonly record: DeclarationRecord;
  /** False when the content equals the current version (a retried amendment): nothing was stored. */
  readonly changed: boolean;
}

/**
 * Amends a declaration: a new version with the new content; earlier versions stay readable.
 * A rejected, cancelled or seized declaration refuses it (InvalidStatus). Otherwise idempotent:
 * sending the content of the current version again changes nothing. With `expectedVersion`, a
 * declaration that moved on since is a VersionConflict.
 */
export async function amendDeclaration(ctx: ServiceContext, request: AmendRequest): Promise<AmendResult> {
  const { draft, path } = request;
  const contentHash = fingerprint(draft);
  const now = ctx.clock.now();
  const today = authorityDate(now);
  const declaring = { declarant: declarantOf(ctx.principal), at: now };
  const facts = await gatherReferenceFacts(ctx.db, draft, today, declaring, ctx.assessor);
  const problems = validateDraft(draft, facts, today, path);
  const assessment = problems.length > 0 ? null : await ctx.assessor.assess(draft, today, facts);
  problems.push(...(assessment?.declarantProblems(path) ?? []));

  return ctx.db.transaction(async (tx) => {
    const declaration = await lockOwnDeclaration(tx, ctx, request.id);
    const current = await findVersion(tx, declaration.id, declaration.currentVersion);
    if (!current) throw new Error(`declaration ${declaration.id} has no current version`);
    // A final status refuses every amendment, a repeat of the current content too: answering it
    // `changed: false` would tell the client its content stands on a declaration that no longer counts.
    if (!AMENDABLE_STATUSES.includes(declaration.status)) throw new InvalidStatus('amended', declaration.status);
    if (current.contentHash === contentHash) return { record: { declaration, content: current }, changed: false };
    if (request.expectedVersion !== null && request.expectedVersion !== declaration.currentVersion) {
      throw new VersionConflict(request.expectedVersion, declaration.currentVersion);
    }

    const immutable = [];
    if (draft.type !== declaration.type) {
      immutable.push({
        code: 'CHANGES_IMMUTABLE_FIELD',
        path: [...path, 'type'],
        message: 'An amendment keeps the type of declaration.',
      });
    }
    if (draft.clientReference !== declaration.clientReference) {
      immutable.push({
        code: 'CHANGES_IMMUTABLE_FIELD',
        path: [...path, 'clientReference'],
        message: 'An amendment keeps your reference.',
      });
    }
    if (problems.length + immutable.length > 0) throw new ValidationFailed([...problems, ...immutable]);

    const version = declaration.currentVersion + 1;
    const party = partyOf(draft);
    const content = await storeVersion(tx, declaration, {
      version,
      draft,
      contentHash,
      amendmentReason: request.reason,
      at: now,
      previous: current,
    });
    const moved = await updateDeclaration(tx, declaration.id, {
      currentVersion: version,
      partyOrgnr: party?.organisationNumber ?? null,
      partyNationalId: party?.nationalIdentityNumber ?? null,
      representedOrgnr: draft.representedParty,
      updatedAt: now,
    });
    const amended = await recordTransition(tx, moved, {
      kind: 'AMENDED',
      status: moved.status,
      actor: actorOf(ctx.principal),
      reason: request.reason,
      at: now,
    });
    // The new version is assessed at today's rates; the difference with the last one shows on it.
    const reassessed = await acceptVersion(tx, amended, now, assessment);
    const blockers = await announceAcceptance(tx, ctx.lifecycleHooks, {
      declarationId: reassessed.id,
      version,
      type: reassessed.type,
      declarantOrgnr: reassessed.declarantOrgnr,
      partyOrgnr: reassessed.partyOrgnr,
      partyNationalId: reassessed.partyNationalId,
      representedOrgnr: reassessed.representedOrgnr,
      draft,
      assessment,
      at: now,
    });
    const settled = await settleRelease(tx, reassessed, blockers, now);
    return { record: { declaration: settled, content }, changed: true };
  });
}
