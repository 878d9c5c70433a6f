import type { DeclarationLifecycleHook } from '../declarations/model.js';
import { openReceivableBlockers } from './collection/release-hook.js';
import { bookAcceptedVersion, reverseReceivablesOf } from './receivables.js';

export { partyKey } from './accounts.js';
export { applyPayment } from './apply-payment.js';
export { ReceivableNotPayable } from './errors.js';
export * from './model.js';
export { kidFor, reverseReceivablesOf } from './receivables.js';

/** The codes of the input problems of payments, with what each means (intake and collection raise most). */
export const PAYMENT_PROBLEM_CODES = {
  KID_INVALID: 'The KID (customer identification number) has a wrong check digit or shape.',
  AMOUNT_NOT_POSITIVE: 'An amount of money must be more than zero.',
  AMOUNT_PRECISION: 'An amount of money has more decimals than øre (two).',
  CURRENCY_NOT_SUPPORTED: 'Payments are in NOK only.',
  CREDIT_BALANCE_INSUFFICIENT: 'The amount is more than the credit balance holds.',
} as const;

/**
 * Payments' part in a declaration's life: each accepted version books what it changes in the
 * amounts payable (and payment holds the goods while anything is open); a cancellation reverses
 * the declaration's receivables.
 */
export const paymentsLifecycleHook: DeclarationLifecycleHook = {
  versionAccepted: (tx, accepted) => bookAcceptedVersion(tx, accepted),
  declarationCancelled: (tx, cancelled) => reverseReceivablesOf(tx, cancelled),
  blockersNow: (tx, current) => openReceivableBlockers(tx, current),
};

/** Collection: customs credit, the release check, arrears, plans and approvals. */
export * from './collection/service.js';
/** Money coming in (payments/intake): bank files, card payments, suspense. */
export * from './intake/service.js';
export { type Reconciliation, reconcile } from './reconciliation.js';
