import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Agreement } from '../../auth/agreement.js';
import type { Database, Executor } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import { agencies, agencyAgreements } from './tables.js';

export type AgencyRow = typeof agencies.$inferSelect;
export type AgreementRow = typeof agencyAgreements.$inferSelect;

export function toAgreement(row: AgreementRow): Agreement {
  return {
    id: row.id,
    agencyCode: row.agencyCode,
    grants: new Set(row.grants),
    chapters: row.chapters,
    procedures: row.procedures,
    originCountries: row.originCountries,
    personalData: row.personalData,
    validFrom: row.validFrom,
    validTo: row.validTo,
  };
}

/** The agreement in force for an agency on a date: read on every agency request, so prepared. */
export async function findAgreementInForce(
  db: Database,
  agencyCode: string,
  date: string,
): Promise<AgreementRow | undefined> {
  const query = prepared(db, 'agencyAgreements.inForce', () =>
    db
      .select()
      .from(agencyAgreements)
      .where(
        and(
          eq(agencyAgreements.agencyCode, sql.placeholder('agency')),
          lte(agencyAgreements.validFrom, sql.placeholder('date')),
          or(isNull(agencyAgreements.validTo), gte(agencyAgreements.validTo, sql.placeholder('date'))),
        ),
      )
      .orderBy(desc(agencyAgreements.validFrom), desc(agencyAgreements.id))
      .limit(1)
      .prepare('agency_agreement_in_force'),
  );
  const [row] = await query.execute({ agency: agencyCode, date });
  return row;
}

export function listAgencies(db: Executor): Promise<AgencyRow[]> {
  return db.select().from(agencies).orderBy(asc(agencies.code));
}

export async function findAgency(db: Executor, code: string): Promise<AgencyRow | undefined> {
  const [row] = await db.select().from(agencies).where(eq(agencies.code, code));
  return row;
}

export function agenciesByCodes(db: Executor, codes: readonly string[]): Promise<AgencyRow[]> {
  return db
    .select()
    .from(agencies)
    .where(inArray(agencies.code, [...codes]));
}

/** Every version of an agency's agreement, newest first. */
export function agreementHistory(db: Executor, agencyCode: string): Promise<AgreementRow[]> {
  return db
    .select()
    .from(agencyAgreements)
    .where(eq(agencyAgreements.agencyCode, agencyCode))
    .orderBy(desc(agencyAgreements.validFrom), desc(agencyAgreements.id));
}
