import {
  type AccountRef,
  BANK_CLEARING,
  CARD_CLEARING,
  type PartyAccountPurpose,
  partyAccount,
  SUSPENSE,
} from '../ledger/service.js';
import type { PartyRef, PaymentSource } from './model.js';

/**
 * The ledger accounts of a party: a business by its organisation number, a person by its payments
 * party id (never the national identity number).
 */
export function partyKey(party: PartyRef, partyId: number): string {
  return party.organisationNumber !== undefined ? `ORG:${party.organisationNumber}` : `PERSON:${partyId}`;
}

export function accountOf(party: PartyRef, partyId: number, purpose: PartyAccountPurpose): AccountRef {
  return partyAccount(partyKey(party, partyId), purpose);
}

/** The account a payment's money is taken from, by its source (see PaymentSource). */
export function sourceAccount(source: PaymentSource, party: PartyRef, partyId: number): AccountRef {
  switch (source) {
    case 'BANK_TRANSFER':
      return BANK_CLEARING;
    case 'CARD':
      return CARD_CLEARING;
    case 'SUSPENSE':
      return SUSPENSE;
    case 'CREDIT_BALANCE':
      return accountOf(party, partyId, 'CREDIT_BALANCE');
  }
}
