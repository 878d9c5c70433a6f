import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../shared/errors.js';
import { formatMoney, type Money } from '../../../shared/money.js';

/**
 * Penalties for errors in what a party declares: the additional duty on the duty advantage and
 * the violation fee in multiples of the court fee. Their rates and limits are effective-dated
 * data (tables `penalty_rules` and `court_fees`), never code, so a change in the law is a new row.
 */

export const PENALTY_KINDS = ['ADDITIONAL_DUTY', 'VIOLATION_FEE'] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];

/**
 * Why an additional duty is not imposed although the information was wrong. The exemptions are
 * the grounds an officer records; BELOW_THRESHOLD is found by the computation itself.
 */
export const EXEMPTION_GROUNDS = ['EXCUSABLE_ERROR', 'OBVIOUS_SLIP', 'VOLUNTARY_CORRECTION_BEFORE_CONTROL'] as const;
export type ExemptionGround = (typeof EXEMPTION_GROUNDS)[number];
export type NotImposedReason = ExemptionGround | 'BELOW_THRESHOLD';

/** Where each exemption stands in the law, cited on the line that applies it. */
export const EXEMPTION_BASIS: Readonly<Record<ExemptionGround, string>> = {
  EXCUSABLE_ERROR: 'tollavgiftsloven § 12-3 (3): the error is excusable',
  OBVIOUS_SLIP: 'tollavgiftsloven § 12-4 (1) a: an obvious slip in calculation or writing',
  VOLUNTARY_CORRECTION_BEFORE_CONTROL:
    'tollavgiftsloven § 12-4 (1) b: corrected voluntarily, not prompted by a control or by information the authority had from others',
};

/** One version of a penalty rule, in force from `validFrom` to `validTo` inclusive (open-ended when null). */
export interface PenaltyRule {
  readonly id: string;
  readonly kind: PenaltyKind;
  readonly validFrom: string;
  readonly validTo: string | null;
  /** Additional duty: per cent of the duty advantage. */
  readonly ratePercent: string | null;
  /** Additional duty: not imposed when the duty itself would be under this amount (øre). */
  readonly thresholdOre: Money | null;
  /** Violation fee: the most court fees it may be. */
  readonly maxMultiple: number | null;
  /** The provisions the rule states, as a reader would look them up. */
  readonly legalBasis: string;
  /** Where the figures were read, and how sure they are. */
  readonly source: string;
}

/** The court fee (rettsgebyret) of a period, the unit of the violation fee. */
export interface CourtFee {
  readonly id: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly amountOre: Money;
  readonly source: string;
}

/** What a line of a penalty's explanation does. */
export const PENALTY_STEPS = ['RATE', 'THRESHOLD', 'EXEMPTION', 'MAXIMUM', 'COURT_FEES'] as const;
export type PenaltyStep = (typeof PENALTY_STEPS)[number];

/** One step of a penalty's computation, like an assessment line: the rule, its basis and the result. */
export interface PenaltyLine {
  readonly step: PenaltyStep;
  /** The rule or court fee the step applies, and its validity. */
  readonly ruleId: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly legalBasis: string;
  /** What the step starts from, in øre. */
  readonly basis: Money;
  /** Per cent, for a rate. */
  readonly ratePercent: string | null;
  /** Court fees, for the violation fee. */
  readonly multiple: number | null;
  /** What the step gives, in øre; the last line's amount is the penalty. */
  readonly amount: Money;
  readonly explanation: string;
}

/** A penalty computed and explained; stored with a penalty as it was decided. */
export interface PenaltyCalculation {
  readonly kind: PenaltyKind;
  readonly decidedOn: string;
  readonly imposed: boolean;
  /** The penalty, in øre: 0 when not imposed. */
  readonly amount: Money;
  /** What the rule's rate gives before the threshold or an exemption is applied. */
  readonly computedAmount: Money;
  readonly notImposedReason: NotImposedReason | null;
  readonly lines: readonly PenaltyLine[];
}

export const PENALTY_STATUSES = ['PROPOSED', 'APPROVED', 'NOT_IMPOSED'] as const;
export type PenaltyStatus = (typeof PENALTY_STATUSES)[number];

/** The party a penalty is owed by: an organisation or a person (one of the two). */
export interface LiableParty {
  readonly organisationNumber: string | null;
  /** Personal data. */
  readonly nationalIdentityNumber: string | null;
}

/** What an approved penalty asks of payments: a receivable of the liable party. */
export interface PenaltyReceivableRequest {
  readonly penaltyId: number;
  readonly declarationId: number;
  readonly kind: PenaltyKind;
  readonly party: LiableParty;
  readonly amountOre: Money;
  readonly decidedOn: string;
  /** A sentence for the receivable's history. */
  readonly description: string;
}

/**
 * The port through which an approved penalty becomes a receivable. Payments owns receivables and
 * depends on control's neighbours, not the reverse, so it implements this and the composition
 * hands it to control; it runs in the approving transaction, so both commit or neither does.
 */
export interface PenaltyReceivables {
  /** Creates the receivable and returns its id. */
  createForPenalty(tx: Executor, request: PenaltyReceivableRequest): Promise<string>;
}

/**
 * An additional duty that would be under the threshold, proposed as if it were imposed: it is
 * refused, and can be recorded as not imposed (recordNotImposed) instead.
 */
export class PenaltyBelowThreshold extends DomainError {
  readonly code = 'PENALTY_BELOW_THRESHOLD';
  constructor(
    readonly computedAmount: Money,
    readonly threshold: Money,
  ) {
    super(
      `The additional duty would be NOK ${formatMoney(computedAmount)}, under NOK ${formatMoney(threshold)}: ` +
        'it is not imposed. Propose it with recordNotImposed to record the decision not to impose it.',
    );
  }
}
