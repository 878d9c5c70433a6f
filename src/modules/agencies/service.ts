import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { admittedAs } from '../../auth/access.js';
import type { Agreement } from '../../auth/agreement.js';
import type { Principal } from '../../auth/principal.js';
import type { Database, Executor } from '../../db/client.js';
import { authorityDate, type Clock } from '../../shared/clock.js';
import { type InputProblem, NotFound, ValidationFailed } from '../../shared/errors.js';
import { existingCountryCodes, listProcedureCodes } from '../rates/service.js';
import type { AgencyRegistration } from './model.js';
import { type AgreementRow, agenciesByCodes, findAgency, findAgreementInForce, toAgreement } from './repository.js';
import { agencies, agencyAgreements } from './tables.js';

/** An agency's agreement in force on a date, as the access rules read it; null when it has none. */
export async function agreementInForce(db: Database, agencyCode: string, date: string): Promise<Agreement | null> {
  const row = await findAgreementInForce(db, agencyCode, date);
  return row ? toAgreement(row) : null;
}

/** Which of the given agency codes name a partner agency. */
export async function existingAgencyCodes(db: Executor, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  return new Set((await agenciesByCodes(db, codes)).map((row) => row.code));
}

/** The grants an agreement can carry; later capabilities will give the reserved ones a use. */
export const KNOWN_GRANTS = [
  'read:declarations:all',
  'read:declarations:chapters',
  'read:assessments',
  'read:statistics',
  'request:control',
  'place:hold',
  'read:seizures',
  'read:cases',
  'read:payments',
  'read:vehicles',
  'read:movements',
  'read:exports',
] as const;

export interface AgreementTerms {
  readonly agencyCode: string;
  readonly grants: readonly string[];
  readonly chapters: readonly string[];
  readonly procedures: readonly string[] | null;
  readonly originCountries: readonly string[] | null;
  readonly personalData: boolean;
  readonly validFrom: string | null;
  readonly reason: string;
}

interface Context {
  readonly db: Database;
  readonly clock: Clock;
  readonly principal: Principal;
}

/** Every code an agreement's terms can be refused with; the GraphQL enum of input problems is built from it. */
export const AGREEMENT_PROBLEM_CODES = {
  UNKNOWN_GRANT: "A grant the authority's scope names do not include.",
  INVALID_CHAPTER: 'A chapter is two digits, 01 to 97.',
  REQUIRED: 'A value is required here.',
  UNKNOWN_PROCEDURE: 'No customs procedure has this code.',
  UNKNOWN_COUNTRY: 'Not an ISO 3166-1 alpha-2 country code.',
  DATE_IN_PAST: 'The date lies in the past.',
} as const;

interface AgreementProblem extends InputProblem {
  readonly code: keyof typeof AGREEMENT_PROBLEM_CODES;
}

/** Every problem with the terms at once, each at its input path. */
async function problemsWith(db: Database, terms: AgreementTerms, today: string): Promise<AgreementProblem[]> {
  const problems: AgreementProblem[] = [];
  const at = (...path: (string | number)[]) => ['input', ...path];
  terms.grants.forEach((grant, i) => {
    if (!(KNOWN_GRANTS as readonly string[]).includes(grant)) {
      problems.push({
        code: 'UNKNOWN_GRANT',
        path: at('grants', i),
        message: `Known grants: ${KNOWN_GRANTS.join(', ')}.`,
      });
    }
  });
  terms.chapters.forEach((chapter, i) => {
    if (!/^\d{2}$/.test(chapter) || chapter === '00' || Number(chapter) > 97) {
      problems.push({
        code: 'INVALID_CHAPTER',
        path: at('chapters', i),
        message: 'A chapter is two digits, 01 to 97.',
      });
    }
  });
  if (terms.grants.includes('read:declarations:chapters') && terms.chapters.length === 0) {
    problems.push({
      code: 'REQUIRED',
      path: at('chapters'),
      message: 'Reading by chapter needs at least one chapter.',
    });
  }
  if (terms.procedures) {
    const known = new Set((await listProcedureCodes(db)).map((p) => p.code));
    terms.procedures.forEach((code, i) => {
      if (!known.has(code))
        problems.push({
          code: 'UNKNOWN_PROCEDURE',
          path: at('procedures', i),
          message: 'No customs procedure has this code.',
        });
    });
  }
  if (terms.originCountries) {
    const known = await existingCountryCodes(db, terms.originCountries);
    terms.originCountries.forEach((code, i) => {
      if (!known.has(code))
        problems.push({
          code: 'UNKNOWN_COUNTRY',
          path: at('originCountries', i),
          message: 'Not an ISO 3166-1 alpha-2 country code.',
        });
    });
  }
  if (terms.validFrom !== null && terms.validFrom < today) {
    problems.push({
      code: 'DATE_IN_PAST',
      path: at('validFrom'),
      message: 'An agreement changes from today or later; history is not rewritten.',
    });
  }
  if (terms.reason.trim() === '')
    problems.push({ code: 'REQUIRED', path: at('reason'), message: 'Say why the agreement changes.' });
  return problems;
}

/**
 * Records a new version of an agency's agreement, in force from `validFrom` (today when not
 * given). The version it replaces is closed the day before, so what was granted when stays on
 * record. Agency requests read the agreement on every request: the change applies at once.
 */
export async function recordAgreement(ctx: Context, terms: AgreementTerms): Promise<AgreementRow> {
  const recordedBy = admittedAs(ctx.principal, 'officer').employeeId;
  const now = ctx.clock.now();
  const today = authorityDate(now);
  if (!(await findAgency(ctx.db, terms.agencyCode))) throw new NotFound('agency');
  const problems = await problemsWith(ctx.db, terms, today);
  if (problems.length) throw new ValidationFailed(problems);
  const validFrom = terms.validFrom ?? today;

  return ctx.db.transaction(async (tx) => {
    // Serialise changes to one agency's agreement.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`agreement:${terms.agencyCode}`}, 0))`);
    // Every version still open on the new first day ends: the day before, or, for a version
    // that starts the same day (a same-day correction), on that day, shadowed by the newer one.
    const open = await tx
      .select()
      .from(agencyAgreements)
      .where(
        and(
          eq(agencyAgreements.agencyCode, terms.agencyCode),
          lte(agencyAgreements.validFrom, validFrom),
          or(isNull(agencyAgreements.validTo), gte(agencyAgreements.validTo, validFrom)),
        ),
      );
    for (const previous of open) {
      await tx
        .update(agencyAgreements)
        .set({ validTo: previous.validFrom === validFrom ? validFrom : sql`(${validFrom}::date - 1)` })
        .where(eq(agencyAgreements.id, previous.id));
    }
    const [row] = await tx
      .insert(agencyAgreements)
      .values({
        agencyCode: terms.agencyCode,
        grants: [...new Set(terms.grants)],
        chapters: [...new Set(terms.chapters)].sort(),
        procedures: terms.procedures ? [...new Set(terms.procedures)] : null,
        originCountries: terms.originCountries ? [...new Set(terms.originCountries)] : null,
        personalData: terms.personalData,
        validFrom,
        validTo: null,
        recordedBy,
        reason: terms.reason.trim(),
        recordedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert into agency_agreements returned no row');
    return row;
  });
}

/**
 * Adds the agencies not known yet, and a first agreement, in force from `validFrom`, for each
 * agency that has none. Agreements recorded since are left as they are: safe to repeat.
 */
export async function registerAgencies(
  tx: Executor,
  list: readonly AgencyRegistration[],
  first: { readonly validFrom: string; readonly reason: string },
): Promise<void> {
  if (list.length === 0) return;
  await tx
    .insert(agencies)
    .values(list.map((a) => ({ code: a.code, name: a.name, englishName: a.englishName, mandate: a.mandate })))
    .onConflictDoNothing();
  const withAgreements = new Set(
    (await tx.selectDistinct({ code: agencyAgreements.agencyCode }).from(agencyAgreements)).map((row) => row.code),
  );
  const missing = list.filter((a) => !withAgreements.has(a.code));
  if (missing.length === 0) return;
  await tx.insert(agencyAgreements).values(
    missing.map((a) => ({
      agencyCode: a.code,
      grants: [...a.grants],
      chapters: [...a.chapters],
      procedures: null,
      originCountries: null,
      personalData: a.personalData,
      validFrom: first.validFrom,
      validTo: null,
      recordedBy: 'seed',
      reason: first.reason,
      recordedAt: new Date(`${first.validFrom}T00:00:00Z`),
    })),
  );
}
