import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { formatMoney, parseMoney } from '../../../shared/money.js';
import type { CourtFee, PenaltyRule } from './model.js';
import { courtFees, penalties, penaltyRules } from './tables.js';

export type PenaltyRow = typeof penalties.$inferSelect;
export type NewPenalty = typeof penalties.$inferInsert;

/** Both tables are a handful of rows per change in the law: read whole, filtered by date in code. */
export async function findRules(db: Executor): Promise<{ rules: PenaltyRule[]; courtFees: CourtFee[] }> {
  const [rules, fees] = await Promise.all([
    db.select().from(penaltyRules).orderBy(asc(penaltyRules.validFrom)),
    db.select().from(courtFees).orderBy(asc(courtFees.validFrom)),
  ]);
  return {
    rules: rules.map((row) => ({
      id: row.id,
      kind: row.kind,
      validFrom: row.validFrom,
      validTo: row.validTo,
      ratePercent: row.ratePercent === null ? null : trimDecimal(row.ratePercent),
      thresholdOre: row.threshold === null ? null : parseMoney(row.threshold),
      maxMultiple: row.maxMultiple,
      legalBasis: row.legalBasis,
      source: row.source,
    })),
    courtFees: fees.map((row) => ({
      id: row.id,
      validFrom: row.validFrom,
      validTo: row.validTo,
      amountOre: parseMoney(row.amount),
      source: row.source,
    })),
  };
}

/** "20.0000" as "20": rates are shown as the law writes them. */
function trimDecimal(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * Stores the rules and court fees as given, by id: a new row is added, a stored one takes the
 * given figures and validity (a row closed by a newer one gets its last day). Decisions already
 * taken keep the calculation they were made with, so correcting a row rewrites no penalty.
 */
export async function insertRules(
  tx: Executor,
  rules: readonly PenaltyRule[],
  fees: readonly CourtFee[],
): Promise<void> {
  if (rules.length) {
    await tx
      .insert(penaltyRules)
      .values(
        rules.map((rule) => ({
          id: rule.id,
          kind: rule.kind,
          validFrom: rule.validFrom,
          validTo: rule.validTo,
          ratePercent: rule.ratePercent,
          threshold: rule.thresholdOre === null ? null : formatMoney(rule.thresholdOre),
          maxMultiple: rule.maxMultiple,
          legalBasis: rule.legalBasis,
          source: rule.source,
        })),
      )
      .onConflictDoUpdate({
        target: penaltyRules.id,
        set: {
          kind: sql`excluded.kind`,
          validFrom: sql`excluded.valid_from`,
          validTo: sql`excluded.valid_to`,
          ratePercent: sql`excluded.rate_percent`,
          threshold: sql`excluded.threshold`,
          maxMultiple: sql`excluded.max_multiple`,
          legalBasis: sql`excluded.legal_basis`,
          source: sql`excluded.source`,
        },
      });
  }
  if (fees.length) {
    await tx
      .insert(courtFees)
      .values(
        fees.map((fee) => ({
          id: fee.id,
          validFrom: fee.validFrom,
          validTo: fee.validTo,
          amount: formatMoney(fee.amountOre),
          source: fee.source,
        })),
      )
      .onConflictDoUpdate({
        target: courtFees.id,
        set: {
          validFrom: sql`excluded.valid_from`,
          validTo: sql`excluded.valid_to`,
          amount: sql`excluded.amount`,
          source: sql`excluded.source`,
        },
      });
  }
}

export async function insertPenalty(tx: Executor, penalty: NewPenalty): Promise<PenaltyRow> {
  const [row] = await tx.insert(penalties).values(penalty).returning();
  if (!row) throw new Error('insert into penalties returned no row');
  return row;
}

export async function lockPenalty(tx: Executor, id: number): Promise<PenaltyRow | undefined> {
  const [row] = await tx.select().from(penalties).where(eq(penalties.id, id)).for('update');
  return row;
}

export async function markApproved(
  tx: Executor,
  id: number,
  approval: { approvedBy: string; approvedAt: Date; receivableId: string | null },
): Promise<PenaltyRow> {
  const [row] = await tx
    .update(penalties)
    .set({ status: 'APPROVED', ...approval })
    .where(eq(penalties.id, id))
    .returning();
  if (!row) throw new Error(`penalty ${id} vanished while locked`);
  return row;
}

/**
 * Which penalties a caller sees: the authority all of them; a party the approved ones it owes or
 * whose declaration it submitted; nobody else any.
 */
export type PenaltyVisibility =
  | { readonly kind: 'all' }
  | { readonly kind: 'organisation'; readonly organisationNumber: string }
  | { readonly kind: 'person'; readonly nationalIdentityNumber: string }
  | { readonly kind: 'none' };

function visibleCondition(visibility: PenaltyVisibility): SQL | undefined {
  const approved = eq(penalties.status, 'APPROVED');
  switch (visibility.kind) {
    case 'all':
      return undefined;
    case 'organisation':
      return and(
        approved,
        or(
          eq(penalties.liableOrgnr, visibility.organisationNumber),
          eq(penalties.declarantOrgnr, visibility.organisationNumber),
        ),
      );
    case 'person':
      return and(approved, eq(penalties.liableNationalId, visibility.nationalIdentityNumber));
    case 'none':
      return sql`false`;
  }
}

/** The penalties of declarations, oldest first, that the caller sees: one statement for a page of declarations. */
export function findPenaltiesOf(
  db: Executor,
  declarationIds: readonly number[],
  visibility: PenaltyVisibility,
): Promise<PenaltyRow[]> {
  return db
    .select()
    .from(penalties)
    .where(and(inArray(penalties.declarationId, [...declarationIds]), visibleCondition(visibility)))
    .orderBy(asc(penalties.declarationId), asc(penalties.id));
}
