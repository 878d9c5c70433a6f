import type { Executor } from '../../../db/client.js';
import { payableOfVersion } from '../../assessment/service.js';
import type {
  AcceptedVersion,
  CurrentVersion,
  DeclarationLifecycleHook,
  ReleaseBlocker,
} from '../../declarations/model.js';
import { type ReleaseGate, releaseIfClear, SYSTEM_ACTOR } from '../../declarations/service.js';
import { applyPayment } from '../apply-payment.js';
import type { ApplyPaymentRequest, ApplyPaymentResult } from '../model.js';
import { declarationsWithOpen } from '../repository.js';

/**
 * Payment's part of the release gate: the goods of an accepted version are released only when
 * its payable amounts are paid or covered (vareførselsloven: duties are paid or secured before
 * release). VAT a VAT-registered importer reports in its VAT return is not payable here: the
 * assessment leaves it out of the payable amounts, so no receivable holds it.
 *
 * Two checks, each a hook's answer: payments' own hook says at acceptance whether a receivable of
 * the declaration is open, and `openReceivableBlockers` answers the same when the gate asks again;
 * collection's hook holds goods whose duties could not be assessed (no receivable can exist for an
 * amount nobody knows) until an officer assesses them.
 */

export const AWAITING_PAYMENT = 'AWAITING_PAYMENT';
export const AWAITING_ASSESSMENT = 'AWAITING_ASSESSMENT';

const OPEN_RECEIVABLE: ReleaseBlocker = {
  kind: 'PAYMENT',
  code: AWAITING_PAYMENT,
  explanation: 'The assessed amounts payable to customs are not paid yet; the goods are released once they are.',
};

const NOT_ASSESSED: ReleaseBlocker = {
  kind: 'PAYMENT',
  code: AWAITING_ASSESSMENT,
  explanation: 'The duties could not be assessed automatically: the goods wait for an officer to assess them.',
};

/** The gate's question to payments, asked again: is a receivable of the declaration still open? */
export async function openReceivableBlockers(tx: Executor, current: CurrentVersion): Promise<ReleaseBlocker[]> {
  const open = await declarationsWithOpen(tx, [current.declarationId]);
  return open.has(current.declarationId) ? [OPEN_RECEIVABLE] : [];
}

/** Holds an import whose duties could not be assessed. */
export const assessmentReleaseHook: DeclarationLifecycleHook = {
  // At acceptance the assessment is at hand: no statement spent on reading it back.
  versionAccepted: async (_tx: Executor, accepted: AcceptedVersion) =>
    accepted.assessment && accepted.assessment.payableByKind() === null ? [NOT_ASSESSED] : [],
  declarationCancelled: async () => {},
  blockersNow: async (tx: Executor, current: CurrentVersion) => {
    const stored = await payableOfVersion(tx, current.declarationId, current.version);
    return stored?.outcome === 'NOT_ASSESSED' ? [NOT_ASSESSED] : [];
  },
};

export interface PaymentAndRelease extends ApplyPaymentResult {
  /** The declarations this payment settled and the gate released, by id. */
  readonly releasedDeclarationIds: readonly number[];
}

/**
 * Applies a payment and asks the release gate again for every declaration it settled, in id
 * order, in the same transaction: goods are released in the moment their last open amount is
 * paid. Every way of paying (card, camt line, an officer's allocation) goes through this.
 */
export async function applyPaymentAndRelease(
  tx: Executor,
  gate: ReleaseGate,
  request: ApplyPaymentRequest,
): Promise<PaymentAndRelease> {
  const result = await applyPayment(tx, request);
  const released: number[] = [];
  for (const id of [...result.settledDeclarationIds].sort((a, b) => a - b)) {
    const status = await releaseIfClear(tx, gate, id, SYSTEM_ACTOR, {
      cleared: `Paid in full (${request.source}, ${request.reference}): released.`,
      skipLocked: true,
    });
    if (status === 'RELEASED') released.push(id);
  }
  return { ...result, releasedDeclarationIds: released };
}
