/**
 * Collection's vocabulary: the terms of customs credit and arrears as effective-dated data, and
 * what the pure rules of due dates, interest and instalment plans take and give.
 */

import type { Money } from '../../../shared/money.js';

/**
 * The kinds of effective-dated terms, each with its unit. A term is a row valid from a day to a
 * day (inclusive; open-ended until the next row), so a changed figure is a new row from its date.
 */
export const COLLECTION_TERM_KINDS = {
  /** Customs credit: a month's charges fall due on this day of the following month. Unit: day of month. */
  CREDIT_DUE_DAY: 'day',
  /** Customs credit: the fee for each calendar month in which the credit is used. Unit: NOK. */
  CREDIT_MONTHLY_FEE: 'NOK',
  /** The statutory late-payment interest rate (forsinkelsesrente). Unit: per cent per year. */
  LATE_PAYMENT_INTEREST: 'percent per year',
  /** A reminder is sent this many days after the due date of what is unpaid. Unit: days. */
  REMINDER_AFTER_DAYS: 'days',
  /** What is still unpaid is transferred to collection this many days after the reminder. Unit: days. */
  COLLECTION_AFTER_DAYS: 'days',
  /** A write-off or a refund above this amount needs a second officer's approval. Unit: NOK. */
  APPROVAL_THRESHOLD: 'NOK',
} as const;
export type CollectionTermKind = keyof typeof COLLECTION_TERM_KINDS;

/** One row of a term as it is loaded and stored: decimals as text, dates as YYYY-MM-DD. */
export interface CollectionTerm {
  readonly kind: CollectionTermKind;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly value: string;
  /** Where the figure comes from (a regulation, the authority's page), or that it is development data. */
  readonly source: string;
}

/** The terms in force on one day, in the units the rules compute with. */
export interface TermsOnDay {
  readonly creditDueDay: number;
  readonly creditMonthlyFee: Money;
  readonly reminderAfterDays: number;
  readonly collectionAfterDays: number;
  readonly approvalThreshold: Money;
}

/** A rate of interest over a stretch of days (inclusive), as the interest rule takes it. */
export interface InterestPeriod {
  readonly validFrom: string;
  readonly validTo: string | null;
  /** Per cent per year, as exact decimal text ('12.5'). */
  readonly ratePercent: string;
}

/** The interest of one rate period: the days it ran and what it came to, rounded half-up to øre. */
export interface InterestLine {
  readonly from: string;
  readonly to: string;
  readonly days: number;
  readonly ratePercent: string;
  readonly amount: Money;
}

/** One instalment of a plan: an amount due on a day. */
export interface Instalment {
  readonly number: number;
  readonly dueDate: string;
  readonly amount: Money;
}

/** Whether a plan stands on a day, given what was paid under it by then. */
export type PlanStanding =
  | { readonly state: 'ACTIVE'; readonly paidUpTo: number }
  | { readonly state: 'COMPLETED' }
  | { readonly state: 'BROKEN'; readonly missed: Instalment; readonly shortBy: Money };

/** What a second officer approves: a write-off of a debt, or a refund of a credit balance. */
export const APPROVAL_KINDS = ['WRITE_OFF', 'REFUND'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

export const APPROVAL_STATUSES = ['PROPOSED', 'APPROVED', 'REJECTED'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export interface Approval {
  readonly id: number;
  readonly kind: ApprovalKind;
  readonly subject: string;
  readonly amountOre: bigint;
  readonly reason: string;
  readonly proposedBy: string;
  readonly proposedAt: Date;
  readonly status: ApprovalStatus;
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
}

export interface ApprovalProposal {
  readonly kind: ApprovalKind;
  readonly subject: string;
  readonly amountOre: bigint;
  readonly reason: string;
  /** The proposing officer's employee id. */
  readonly proposedBy: string;
  readonly at: Date;
}
