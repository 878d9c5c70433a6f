import { sql } from 'drizzle-orm';
import { admittedAs } from '../../auth/access.js';
import type { Principal } from '../../auth/principal.js';
import type { Database, Executor } from '../../db/client.js';
import { authorityDate, type Clock } from '../../shared/clock.js';
import { type InputProblem, NotFound, NotPermitted, ValidationFailed } from '../../shared/errors.js';
import { isValidOrganisationNumber } from '../../shared/identifiers.js';
import { isInForce } from './in-force.js';
import type { Grantor, Mandate, MandateKind } from './model.js';
import {
  findMandatesBetween,
  findMandatesInForce,
  findUnrevokedMandates,
  insertMandate,
  lockMandate,
  type MandateRow,
  markRevoked,
} from './repository.js';
import { mandateScope } from './scope.js';

export { isInForce } from './in-force.js';

/**
 * Representation mandates: the rules. The only entry point other modules use; declarations ask
 * `mandatesInForce` whether a declarant may name another party.
 */

export const MANDATE_PROBLEM_CODES = {
  INVALID_ORGANISATION_NUMBER: 'Not an organisation number: 9 digits with a valid MOD11 check digit.',
  REPRESENTATIVE_IS_GRANTOR: 'A mandate is given to someone else; you declare for yourself without one.',
  DATE_IN_PAST: 'A mandate starts today or later; what was authorised before is not rewritten.',
  INVALID_PERIOD: 'The last day lies before the first day.',
  MANDATE_OVERLAPS:
    'An unrevoked mandate to this representative already covers part of this period with other terms. ' +
    'Revoke it first, or grant from the day after it ends.',
} as const;

interface Context {
  readonly db: Database;
  readonly clock: Clock;
  readonly principal: Principal;
}

export interface GrantRequest {
  readonly representative: string;
  readonly kind: MandateKind;
  /** First day in force; today when null. */
  readonly validFrom: string | null;
  /** Last day in force; open-ended when null. */
  readonly validTo: string | null;
}

export interface GrantResult {
  readonly mandate: MandateRow;
  /** True when the same mandate was already granted and that one is returned. */
  readonly replayed: boolean;
}

export interface RevokeResult {
  readonly mandate: MandateRow;
  /** False when it was already revoked (a retried revocation): nothing changed. */
  readonly changed: boolean;
}

/** The grantor a principal grants as, and how the record names who acted (never a national id). */
function grantorOf(principal: Principal): { grantor: Grantor; actor: string } {
  const grantor = admittedAs(principal, 'business', 'private');
  return grantor.role === 'business'
    ? { grantor: { organisationNumber: grantor.organisationNumber }, actor: grantor.organisationNumber }
    : { grantor: { nationalIdentityNumber: grantor.nationalIdentityNumber }, actor: 'PRIVATE' };
}

/** A stable key of a grantor, for maps and advisory locks. */
export function grantorKey(grantor: Grantor): string {
  return grantor.organisationNumber !== undefined
    ? `org:${grantor.organisationNumber}`
    : `person:${grantor.nationalIdentityNumber}`;
}

function overlaps(a: { validFrom: string; validTo: string | null }, from: string, to: string | null): boolean {
  return (a.validTo === null || a.validTo >= from) && (to === null || a.validFrom <= to);
}

/**
 * Grants a mandate from the caller (a business, or a private person) to a representative.
 * Idempotent: when an unrevoked mandate to the same representative with the same kind and last
 * day already exists and starts on the requested first day (or, with no first day given, is in
 * force today), that mandate is returned with `replayed` and nothing is stored. Any other
 * unrevoked mandate between the two whose period overlaps is MANDATE_OVERLAPS: at most one
 * mandate links two parties on any day, so which kind of representation applied is never in doubt.
 */
export async function grantMandate(
  ctx: Context,
  request: GrantRequest,
  path: readonly (string | number)[] = ['input'],
): Promise<GrantResult> {
  const { grantor, actor } = grantorOf(ctx.principal);
  const now = ctx.clock.now();
  const today = authorityDate(now);
  const at = (field: string) => [...path, field];
  const problems: InputProblem[] = [];
  const problem = (code: keyof typeof MANDATE_PROBLEM_CODES, field: string) =>
    problems.push({ code, path: at(field), message: MANDATE_PROBLEM_CODES[code] });
  if (!isValidOrganisationNumber(request.representative)) problem('INVALID_ORGANISATION_NUMBER', 'representative');
  else if (request.representative === grantor.organisationNumber)
    problem('REPRESENTATIVE_IS_GRANTOR', 'representative');
  if (request.validFrom !== null && request.validFrom < today) problem('DATE_IN_PAST', 'validFrom');
  const validFrom = request.validFrom ?? today;
  if (request.validTo !== null && request.validTo < validFrom) problem('INVALID_PERIOD', 'validTo');
  if (problems.length) throw new ValidationFailed(problems);

  return ctx.db.transaction(async (tx) => {
    // Serialise grants between the same two parties, so that two concurrent grants cannot both
    // pass the overlap check.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`mandate:${grantorKey(grantor)}:${request.representative}`}, 0))`,
    );
    const existing = await findUnrevokedMandates(tx, grantor, request.representative);
    const same = existing.find(
      (m) =>
        m.kind === request.kind &&
        m.validTo === request.validTo &&
        (request.validFrom === null ? overlaps(m, today, today) : m.validFrom === validFrom),
    );
    if (same) return { mandate: same, replayed: true };
    if (existing.some((m) => overlaps(m, validFrom, request.validTo))) {
      throw new ValidationFailed([
        { code: 'MANDATE_OVERLAPS', path: at('validFrom'), message: MANDATE_PROBLEM_CODES.MANDATE_OVERLAPS },
      ]);
    }
    const mandate = await insertMandate(tx, {
      grantorOrgnr: grantor.organisationNumber ?? null,
      grantorNationalId: grantor.nationalIdentityNumber ?? null,
      representativeOrgnr: request.representative,
      kind: request.kind,
      validFrom,
      validTo: request.validTo,
      grantedBy: actor,
      grantedAt: now,
      updatedAt: now,
    });
    return { mandate, replayed: false };
  });
}

/**
 * Revokes a mandate, from now on: declarations submitted or amended from this moment cannot rely
 * on it; those made before keep what they were. The row stays, with who revoked it and when.
 * Only the grantor revokes; the representative sees the mandate but may not revoke it.
 * Revoking a revoked mandate again changes nothing.
 */
export async function revokeMandate(ctx: Context, id: number): Promise<RevokeResult> {
  return ctx.db.transaction(async (tx) => {
    const mandate = await lockMandate(tx, mandateScope(ctx.principal), id);
    if (!mandate) throw new NotFound('mandate');
    const { grantor, actor } = grantorOf(ctx.principal);
    const isGrantor =
      grantor.organisationNumber !== undefined
        ? mandate.grantorOrgnr === grantor.organisationNumber
        : mandate.grantorNationalId === grantor.nationalIdentityNumber;
    if (!isGrantor) throw new NotPermitted('Only the grantor revokes a mandate.');
    if (mandate.revokedAt !== null) return { mandate, changed: false };
    return { mandate: await markRevoked(tx, mandate.id, ctx.clock.now(), actor), changed: true };
  });
}

/**
 * The mandates that each of the grantors has given the representative and that are in force at
 * the instant, by `grantorKey`. One statement, however many grantors a declaration names.
 */
export async function mandatesInForce(
  db: Executor,
  representative: string,
  grantors: readonly Grantor[],
  at: Date,
): Promise<Map<string, Mandate>> {
  if (grantors.length === 0) return new Map();
  const rows = await findMandatesInForce(db, representative, grantors, at);
  const byGrantor = new Map<string, Mandate>();
  for (const row of rows) {
    const grantor: Grantor =
      row.grantorOrgnr !== null
        ? { organisationNumber: row.grantorOrgnr }
        : { nationalIdentityNumber: row.grantorNationalId ?? '' };
    byGrantor.set(grantorKey(grantor), row);
  }
  return byGrantor;
}

export interface RepresentationQuery {
  readonly representative: string;
  readonly grantor: Grantor;
  readonly at: Date;
}

/**
 * For each query, the kind of the mandate the grantor had given the representative that was in
 * force at the instant, or null. At most one can be (mandates between two parties never overlap).
 * One statement for the whole batch.
 */
export async function representationKinds(
  db: Executor,
  queries: readonly RepresentationQuery[],
): Promise<(MandateKind | null)[]> {
  const rows = await findMandatesBetween(
    db,
    [...new Set(queries.map((q) => q.representative))],
    queries.map((q) => q.grantor),
  );
  return queries.map((query) => {
    const key = grantorKey(query.grantor);
    const mandate = rows.find(
      (row) =>
        row.representativeOrgnr === query.representative &&
        grantorKey(
          row.grantorOrgnr !== null
            ? { organisationNumber: row.grantorOrgnr }
            : { nationalIdentityNumber: row.grantorNationalId ?? '' },
        ) === key &&
        isInForce(row, query.at),
    );
    return mandate?.kind ?? null;
  });
}
