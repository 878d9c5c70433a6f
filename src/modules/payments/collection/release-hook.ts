import type { Executor } from '../../../db/client.js';
import { formatMoney, type Money } from '../../../shared/money.js';
import { payableOfVersion } from '../../assessment/service.js';
import type {
  AcceptedVersion,
  CurrentVersion,
  DeclarationLifecycleHook,
  ReleaseBlocker,
} from '../../declarations/model.js';

/**
 * Payment's part of the release gate: the goods of an accepted version are released only when
 * its payable amounts are paid or covered by customs credit within the limit (vareførselsloven:
 * duties are paid or secured before release). VAT a VAT-registered importer reports in its VAT
 * return is not payable here: the assessment leaves it out of the payable amount.
 *
 * What covers an amount: money applied to the declaration's receivables, or room under the party's
 * credit limit with a security in force. Until the receivables and credit are stored (the ledger
 * core), nothing can pay or cover an amount, so a payable amount above zero holds the goods.
 */

export const AWAITING_PAYMENT = 'AWAITING_PAYMENT';
export const AWAITING_ASSESSMENT = 'AWAITING_ASSESSMENT';

/** The blocker for an amount not yet paid or covered. */
export function paymentBlocker(uncovered: Money): ReleaseBlocker {
  return {
    kind: 'PAYMENT',
    code: AWAITING_PAYMENT,
    explanation:
      `NOK ${formatMoney(uncovered)} payable to customs is neither paid nor covered by customs credit: ` +
      'the goods are released when it is paid or the credit limit allows.',
  };
}

const NOT_ASSESSED_BLOCKER: ReleaseBlocker = {
  kind: 'PAYMENT',
  code: AWAITING_ASSESSMENT,
  explanation: 'The duties could not be assessed automatically: the goods wait for an officer to assess them.',
};

/** What holds the goods of a version whose assessment makes `payable` payable (null: not assessed). */
function blockersFor(payable: Money | null): ReleaseBlocker[] {
  if (payable === null) return [NOT_ASSESSED_BLOCKER];
  return payable > 0n ? [paymentBlocker(payable)] : [];
}

export const paymentReleaseHook: DeclarationLifecycleHook = {
  // At acceptance the assessment is at hand: no statement spent on reading it back.
  versionAccepted: async (_tx: Executor, accepted: AcceptedVersion) =>
    accepted.assessment ? blockersFor(accepted.assessment.payable) : [],
  declarationCancelled: async () => {},
  blockersNow: async (tx: Executor, current: CurrentVersion) => {
    const stored = await payableOfVersion(tx, current.declarationId, current.version);
    if (stored === null) return [];
    return blockersFor(stored.outcome === 'ASSESSED' ? stored.payable : null);
  },
};
