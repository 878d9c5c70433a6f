import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { ExemptionGround, PenaltyKind, PenaltyStatus } from './model.js';

/**
 * The penalty rules, effective-dated: a change in the law is a new row from its first day, and the
 * old row is closed the day before, so a penalty decided on a date is computed by the rule of that date.
 */
export const penaltyRules = pgTable(
  'penalty_rules',
  {
    /** Stable id, cited on every line computed by the rule (ADDITIONAL-DUTY-2023 ...). */
    id: text('id').primaryKey(),
    kind: text('kind').$type<PenaltyKind>().notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    ratePercent: numeric('rate_percent', { precision: 7, scale: 4 }),
    threshold: numeric('threshold', { precision: 18, scale: 2 }),
    maxMultiple: integer('max_multiple'),
    legalBasis: text('legal_basis').notNull(),
    source: text('source').notNull(),
  },
  (t) => [
    index('penalty_rules_kind').on(t.kind, t.validFrom),
    check('penalty_rules_kind_known', sql`${t.kind} in ('ADDITIONAL_DUTY', 'VIOLATION_FEE')`),
    check('penalty_rules_window', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
    check(
      'penalty_rules_figures',
      sql`(${t.kind} = 'ADDITIONAL_DUTY' and ${t.ratePercent} is not null) or (${t.kind} = 'VIOLATION_FEE' and ${t.maxMultiple} > 0)`,
    ),
  ],
);

/** The court fee (rettsgebyret) by period: the unit the violation fee is counted in. */
export const courtFees = pgTable(
  'court_fees',
  {
    id: text('id').primaryKey(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    source: text('source').notNull(),
  },
  (t) => [
    check('court_fees_window', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
    check('court_fees_positive', sql`${t.amount} > 0`),
  ],
);

/**
 * Penalties proposed on declarations, with the calculation as it was decided (the rule's lines
 * frozen, so a later change of the rule never rewrites a decision). PROPOSED waits for a second
 * officer; APPROVED has become a receivable of the liable party; NOT_IMPOSED records why none was.
 */
export const penalties = pgTable(
  'penalties',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    declarationId: bigint('declaration_id', { mode: 'number' }).notNull(),
    kind: text('kind').$type<PenaltyKind>().notNull(),
    status: text('status').$type<PenaltyStatus>().notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    dutyAdvantage: numeric('duty_advantage', { precision: 18, scale: 2 }),
    multiple: integer('multiple'),
    ground: text('ground').$type<ExemptionGround>(),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    /** The PenaltyCalculation, amounts as two-decimal text. */
    calculation: jsonb('calculation').notNull(),
    reason: text('reason').notNull(),
    /** Who owes it: the importer or exporter of the declaration. */
    liableOrgnr: text('liable_orgnr'),
    /** Personal data. */
    liableNationalId: text('liable_national_id'),
    /** The declarant, who sees the penalty with the liable party. */
    declarantOrgnr: text('declarant_orgnr').notNull(),
    proposedBy: text('proposed_by').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true, mode: 'date' }).notNull(),
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
    /** The receivable payments created for it; null until payments implements the port. */
    receivableId: text('receivable_id'),
  },
  (t) => [
    index('penalties_declaration').on(t.declarationId, t.id),
    check('penalties_status', sql`${t.status} in ('PROPOSED', 'APPROVED', 'NOT_IMPOSED')`),
    // Segregation of duties holds in the data too, whatever code writes it.
    check('penalties_second_officer', sql`${t.approvedBy} is null or ${t.approvedBy} <> ${t.proposedBy}`),
    check('penalties_approved', sql`(${t.status} = 'APPROVED') = (${t.approvedBy} is not null)`),
    check('penalties_party', sql`${t.liableOrgnr} is not null or ${t.liableNationalId} is not null`),
  ],
);
