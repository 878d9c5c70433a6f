import type { Executor } from '../../../db/client.js';
import type { CollectionTerm } from './model.js';
import { insertCollectionTerms, readCollectionTerms } from './repository.js';
import { checkTerms, TermsBook } from './terms.js';

/**
 * Collection's entry point for the composition and other modules: payment's part of the release
 * gate, the terms of customs credit and arrears as effective-dated data, and the pure rules of due
 * dates, late-payment interest and instalment plans.
 */
export { decideApproval, needsApproval, openApprovalOf, proposeApproval } from './approvals.js';
export { creditDueDate, isWorkingDay, nextWorkingDay } from './due-dates.js';
export { lateInterest } from './interest.js';
export type * from './model.js';
export { planSchedule, planStanding } from './plans.js';
export {
  AWAITING_ASSESSMENT,
  AWAITING_PAYMENT,
  applyPaymentAndRelease,
  assessmentReleaseHook,
  openReceivableBlockers,
  type PaymentAndRelease,
} from './release-hook.js';
export { TermError, TermsBook } from './terms.js';

/** Stores terms from a file (checked first), adding only rows not there yet. */
export async function storeCollectionTerms(tx: Executor, terms: readonly CollectionTerm[]): Promise<number> {
  return insertCollectionTerms(tx, checkTerms(terms));
}

/** The terms as a book, read in one statement. */
export async function collectionTermsBook(db: Executor): Promise<TermsBook> {
  return new TermsBook(await readCollectionTerms(db));
}
