/**
 * Receivables and payments as other modules (intake, collection, declarations' composition) see
 * them. A receivable is what one accepted version of a declaration added to what its liable party
 * owes: the version's payable amounts per duty kind minus what earlier versions booked. It carries
 * its lines per duty kind, its KID, due date, status and history.
 */

/** Who owes: a business by organisation number, or a private person by national identity number. */
export type PartyRef =
  | { readonly organisationNumber: string; readonly nationalIdentityNumber?: undefined }
  | { readonly nationalIdentityNumber: string; readonly organisationNumber?: undefined };

export const RECEIVABLE_STATUSES = [
  'OPEN',
  'PARTLY_PAID',
  'PAID',
  'OVERDUE',
  'IN_INSTALMENT_PLAN',
  'SENT_TO_COLLECTION',
  'WRITTEN_OFF',
  'CANCELLED',
  'CREDITED',
] as const;
export type ReceivableStatus = (typeof RECEIVABLE_STATUSES)[number];

/** Statuses in which money can still be applied to a receivable. */
export const PAYABLE_STATUSES: readonly ReceivableStatus[] = [
  'OPEN',
  'PARTLY_PAID',
  'OVERDUE',
  'IN_INSTALMENT_PLAN',
  'SENT_TO_COLLECTION',
];

export const RECEIVABLE_EVENT_KINDS = [
  'CREATED',
  'PAYMENT_APPLIED',
  'CREDIT_APPLIED',
  'CANCELLED',
  'OVERDUE',
  'REMINDER_SENT',
  'INTEREST_CHARGED',
  'INSTALMENT_PLAN_AGREED',
  'INSTALMENT_PLAN_BROKEN',
  'SENT_TO_COLLECTION',
  'WRITTEN_OFF',
] as const;
export type ReceivableEventKind = (typeof RECEIVABLE_EVENT_KINDS)[number];

/**
 * Where the money of a payment comes from, which decides the ledger account debited:
 * BANK_TRANSFER (an account payment, camt.054) → BANK:CLEARING; CARD → BANK:CARD_CLEARING;
 * SUSPENSE (an officer allocates an unmatched amount) → SUSPENSE; CREDIT_BALANCE (the party uses
 * its own credit balance) → its credit-balance account, and never more than that balance.
 */
export type PaymentSource = 'BANK_TRANSFER' | 'CARD' | 'SUSPENSE' | 'CREDIT_BALANCE';

export interface ApplyPaymentRequest {
  readonly party: PartyRef;
  /** Whole øre, positive. */
  readonly amountOre: bigint;
  /** The receivable the payer named (by KID or id): paid first. Someone else's is NOT_FOUND. */
  readonly receivableId?: number | null | undefined;
  readonly source: PaymentSource;
  /** The payment's own reference (card intent id, camt entry reference ...): on every entry it causes. */
  readonly reference: string;
  readonly at: Date;
}

export interface PaymentApplication {
  readonly receivableId: number;
  readonly declarationId: number;
  readonly amountOre: bigint;
  readonly entryId: number;
  readonly statusAfter: ReceivableStatus;
}

export interface ApplyPaymentResult {
  readonly applications: readonly PaymentApplication[];
  /** What exceeded the open receivables and went to the party's credit balance. */
  readonly creditedOre: bigint;
  readonly creditEntryId: number | null;
  /** Declarations that have nothing open any more after this payment: the release gate may act on them. */
  readonly settledDeclarationIds: readonly number[];
}

export interface ReceivableLine {
  /** The assessment's line kind: CUSTOMS_DUTY, VAT, EXCISE_ALCOHOL, ... */
  readonly dutyKind: string;
  /** This version's difference for the kind, whole øre; negative where an amendment lowered it. */
  readonly amountOre: bigint;
}

export interface Receivable {
  readonly id: number;
  readonly declarationId: number;
  readonly version: number;
  readonly partyId: number;
  readonly kid: string;
  /** The version's difference in total: positive a charge, zero or negative a credit (status CREDITED). */
  readonly amountOre: bigint;
  readonly openOre: bigint;
  readonly paidOre: bigint;
  readonly status: ReceivableStatus;
  readonly dueDate: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
