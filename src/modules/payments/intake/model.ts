/**
 * Money coming in: what a bank notification file and a card provider tell us, in the shapes the
 * rest of payments (and the composition) may use.
 */

/** The codes of a problem with an imported file or a payment's input, with what each means. */
export const PAYMENT_INTAKE_PROBLEM_CODES = {
  FILE_MALFORMED:
    'The bank notification file is not a well-formed camt.054 BankToCustomerDebitCreditNotification, or an element ' +
    'it needs is missing or unreadable; the path names the element. Nothing was imported.',
  FILE_TOTALS_MISMATCH:
    "The file's own control figures (number of transactions, control sum, an entry's batch total or amount) do not " +
    'add up to its transactions; the path names the figure. Nothing was imported.',
  FILE_TOO_LARGE: 'The file is larger than the import accepts; split it at the bank. Nothing was imported.',
  FILE_DUPLICATE:
    'A file with the same message id or the same content was already imported; importing it again records nothing.',
} as const;

export type PaymentIntakeProblemCode = keyof typeof PAYMENT_INTAKE_PROBLEM_CODES;

/** A problem with one element of a file: the path runs from `Document` down, list positions as numbers. */
export interface FileProblem {
  readonly code: PaymentIntakeProblemCode;
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export type CreditDebit = 'CREDIT' | 'DEBIT';

/**
 * One transaction of a notification (`Ntry/NtryDtls/TxDtls`, or the entry itself when the bank
 * gives no details): the money one payer sent, with the reference they gave.
 */
export interface NotificationTransaction {
  /** Where the transaction stands in the file, for an officer reading a suspense line. */
  readonly path: readonly (string | number)[];
  readonly amountOre: bigint;
  /** ISO 4217 code as the bank wrote it; the account is in NOK, so another code goes to suspense. */
  readonly currency: string;
  readonly direction: CreditDebit;
  /** Booked (`BOOK`) entries are money on the account; pending and informational ones are not. */
  readonly booked: boolean;
  /** A reversal (`RvslInd`) takes back an earlier entry; it is never applied as a payment. */
  readonly reversal: boolean;
  /** YYYY-MM-DD, the entry's booking date. */
  readonly bookingDate: string;
  /** The bank's own reference for the transaction, else for the entry; unique per account at the bank. */
  readonly bankReference: string | null;
  readonly endToEndId: string | null;
  /**
   * The structured creditor reference (`RmtInf/Strd/CdtrRefInf/Ref`) as written: the KID when the
   * payer gave one. Not validated here; matching checks its digits.
   */
  readonly creditorReference: string | null;
  /** Free text the payer wrote (`RmtInf/Ustrd`), for an officer allocating from suspense. */
  readonly unstructuredRemittance: string | null;
  readonly debtorName: string | null;
}

/** A parsed camt.054 file, its control figures already checked. */
export interface BankNotification {
  /** `GrpHdr/MsgId`: unique per file at the sending bank. */
  readonly messageId: string;
  /** `GrpHdr/CreDtTm` as written. */
  readonly createdAt: string;
  /** The schema version of the namespace, e.g. `001.02`, `001.08`. */
  readonly version: string;
  /** Each `Ntfctn/Id` with the account it reports (IBAN or other id), in file order. */
  readonly notifications: readonly { readonly id: string; readonly account: string | null }[];
  readonly transactions: readonly NotificationTransaction[];
}

export type BankNotificationResult =
  | { readonly ok: true; readonly notification: BankNotification }
  | { readonly ok: false; readonly problem: FileProblem };

/**
 * A card payment provider, as the API sees it: it opens a payment for an amount and, when the
 * payer has paid or given up, calls back with a signed message. A real provider's adapter
 * implements this; `development-provider.ts` is the one shipped for development and tests.
 */
export interface PaymentProvider {
  /** Stable name, stored with each intent so a callback is verified by the provider that opened it. */
  readonly name: string;
  /** Opens the payment at the provider; what the payer's browser or app needs to pay it. */
  createIntent(request: ProviderIntentRequest): Promise<ProviderIntent>;
  /** Checks the callback's signature and timestamp over the exact bytes received. */
  verifyCallback(request: ProviderCallbackRequest): CallbackVerification;
  /** Reads a verified callback's payload; a payload it does not understand is refused. */
  parseCallback(verified: VerifiedCallback): ProviderCallback | null;
}

export interface ProviderIntentRequest {
  /** Our intent's id, echoed by the provider in its callback metadata. */
  readonly intentId: string;
  readonly amountOre: bigint;
  readonly currency: 'NOK';
  /** Shown to the payer, e.g. "Customs duty, declaration 26NO0000000123". */
  readonly description: string;
}

export interface ProviderIntent {
  /** The provider's id of the payment; callbacks name it. */
  readonly providerReference: string;
  /** Handed to the payer's client to complete the payment in the provider's own widget. */
  readonly clientSecret: string;
  /** Where to send a browser to pay on the provider's page. */
  readonly redirectUrl: string;
}

export interface ProviderCallbackRequest {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The body exactly as received: the signature is over these bytes, not over re-serialised JSON. */
  readonly rawBody: string;
}

declare const verified: unique symbol;
/** A callback whose signature has been checked; only `verifyCallback` makes one. */
export interface VerifiedCallback {
  readonly [verified]: true;
  /** The provider's id of this message: a replay carries the same id. */
  readonly messageId: string;
  readonly rawBody: string;
}

export type CallbackRejection = 'HEADERS_MISSING' | 'SIGNATURE_INVALID' | 'TIMESTAMP_OUT_OF_TOLERANCE';

export type CallbackVerification =
  | { readonly ok: true; readonly callback: VerifiedCallback }
  | { readonly ok: false; readonly reason: CallbackRejection };

export type ProviderOutcome = 'SUCCEEDED' | 'FAILED';

export interface ProviderCallback {
  /** The provider's event id: the same event delivered twice is one event. */
  readonly eventId: string;
  readonly outcome: ProviderOutcome;
  readonly providerReference: string;
  /** Our intent id as we gave it; the intent is found by the provider reference, this is checked against it. */
  readonly intentId: string;
  readonly amountOre: bigint;
  readonly currency: string;
  readonly occurredAt: Date;
}

/** What became of a provider's callback, as the intake service decides it. */
export type CallbackHandling =
  /** The intent was confirmed now and its money applied. */
  | 'CONFIRMED'
  /** The intent was marked failed; nothing was applied. */
  | 'FAILED'
  /** This event, or another that already settled the intent, was handled before: nothing changed. */
  | 'ALREADY_HANDLED'
  /** No intent of ours has that provider reference, or it disagrees with the intent (amount, id). */
  | 'UNKNOWN_INTENT';

/** Where a verified, parsed callback goes: the intake service (wired by the composition). */
export type ProviderCallbackHandler = (provider: string, callback: ProviderCallback) => Promise<CallbackHandling>;

/** Who a payment is for: a business by organisation number or a person by national identity number. */
export type PayingParty =
  | { readonly organisationNumber: string; readonly nationalIdentityNumber?: undefined }
  | { readonly nationalIdentityNumber: string; readonly organisationNumber?: undefined };

/** A payable receivable a KID names. */
export interface ReceivableByKid {
  readonly receivableId: number;
  readonly party: PayingParty;
  /**
   * Money can go to it: open, partly paid, overdue, in a plan or in collection, or already paid
   * (a second payment then pays the party's other receivables or becomes its credit balance).
   */
  readonly payable: boolean;
}

/** Why a line of a file went to suspense rather than to a receivable. */
export const SUSPENSE_REASONS = {
  KID_MISSING: 'The payer gave no structured reference (KID).',
  KID_INVALID: 'The KID has a wrong check digit or shape.',
  KID_UNKNOWN: 'No payable receivable has the KID.',
  KID_AMBIGUOUS: 'More than one payable receivable has the KID.',
  RECEIVABLE_NOT_PAYABLE: 'The KID is of a receivable that takes no payment (cancelled, credited or written off).',
  CURRENCY_NOT_SUPPORTED: 'The amount is not in NOK.',
} as const;
export type SuspenseReason = keyof typeof SUSPENSE_REASONS;

/** What an imported file did. */
export interface BankImportSummary {
  readonly fileId: number;
  readonly messageId: string;
  readonly transactions: number;
  readonly matched: number;
  readonly suspended: number;
  /** Debits, pending entries and reversals: read and checked, not money in. */
  readonly skipped: number;
  readonly creditedOre: bigint;
}

export type BankImportOutcome =
  | { readonly ok: true; readonly summary: BankImportSummary }
  | { readonly ok: false; readonly problem: FileProblem };
