/**
 * The authority's double-entry ledger, as other modules use it. An account is named by a stable
 * key; an entry is a set of postings whose amounts (whole øre, debit positive, credit negative)
 * sum to zero. The ledger knows parties only by the opaque key its caller builds: never a
 * national identity number (payments keys a person's accounts by its own party id).
 */

/**
 * The five classes of account. The ledger keeps every balance as debits minus credits; an asset or
 * expense normally carries a positive balance, a liability or revenue a negative one.
 */
export type AccountType = 'ASSET' | 'LIABILITY' | 'REVENUE' | 'EXPENSE';

/** What a party's accounts hold, from the authority's side. */
export type PartyAccountPurpose = 'RECEIVABLE' | 'CREDIT_BALANCE' | 'CUSTOMS_CREDIT';

export interface AccountRef {
  /** Stable key, e.g. `PARTY:ORG:310000000:RECEIVABLE`, `REVENUE:CUSTOMS_DUTY`, `BANK:CLEARING`. */
  readonly key: string;
  readonly type: AccountType;
}

const PARTY_ACCOUNT_TYPE: Readonly<Record<PartyAccountPurpose, AccountType>> = {
  // What the party owes the authority.
  RECEIVABLE: 'ASSET',
  // What the authority owes the party (overpayments, credits from amendments): refundable or usable.
  CREDIT_BALANCE: 'LIABILITY',
  // Charges on the party's customs credit not yet due: still owed to the authority.
  CUSTOMS_CREDIT: 'ASSET',
};

/** A party's account; `partyKey` is `ORG:<organisation number>` or `PERSON:<payments party id>`. */
export function partyAccount(partyKey: string, purpose: PartyAccountPurpose): AccountRef {
  return { key: `PARTY:${partyKey}:${purpose}`, type: PARTY_ACCOUNT_TYPE[purpose] };
}

/** The authority's revenue of one duty kind (the assessment's line kind: CUSTOMS_DUTY, VAT, EXCISE_ALCOHOL ...). */
export function revenueAccount(dutyKind: string): AccountRef {
  return { key: `REVENUE:${dutyKind}`, type: 'REVENUE' };
}

export const REVENUE_PREFIX = 'REVENUE:';

/** Money received at the bank (account payments and card settlements) not yet swept to the state. */
export const BANK_CLEARING: AccountRef = { key: 'BANK:CLEARING', type: 'ASSET' };
/** Card payments confirmed by the provider, until the provider settles them to the bank. */
export const CARD_CLEARING: AccountRef = { key: 'BANK:CARD_CLEARING', type: 'ASSET' };
/** Money received that matches no receivable yet: owed back or to be allocated by an officer. */
export const SUSPENSE: AccountRef = { key: 'SUSPENSE', type: 'LIABILITY' };
/**
 * Debts written off: a loss (expense), never a reduction of revenue, so that revenue per duty kind
 * stays equal to what was assessed and the loss shows as what it is.
 */
export const WRITE_OFF_LOSS: AccountRef = { key: 'EXPENSE:WRITE_OFF', type: 'EXPENSE' };

export interface PostingDraft {
  readonly account: AccountRef;
  /** Whole øre; positive debits, negative credits; never zero. */
  readonly amountOre: bigint;
}

export interface EntryDraft {
  /** What the entry records, as a stable code: RECEIVABLE, PAYMENT, CREDIT, CANCELLATION, REVERSAL ... */
  readonly kind: string;
  /** The business object the entry belongs to, e.g. `receivable:12`, `payment:CARD:abc`. */
  readonly reference: string;
  readonly description: string;
  readonly at: Date;
  readonly postings: readonly PostingDraft[];
}

export interface PostedEntry {
  readonly id: number;
  readonly kind: string;
  readonly reference: string;
  readonly description: string;
  readonly postedAt: Date;
  readonly reversesEntryId: number | null;
  readonly postings: readonly { readonly accountKey: string; readonly amountOre: bigint }[];
}

/**
 * An entry that cannot be posted: unbalanced, a zero or empty posting, an unknown entry to reverse.
 * Always a programming error of the caller (no user input reaches postEntry unchecked), so it is
 * thrown and rolls the transaction back.
 */
export class LedgerRefusal extends Error {}
