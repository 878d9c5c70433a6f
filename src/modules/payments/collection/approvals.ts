import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { authorityDate } from '../../../shared/clock.js';
import { InvalidStatus, NotFound, SegregationOfDuties, ValidationFailed } from '../../../shared/errors.js';
import type { Approval, ApprovalKind, ApprovalProposal } from './model.js';
import { approvals } from './tables.js';
import type { TermsBook } from './terms.js';

/**
 * The approval of a second officer (the four-eyes rule): a write-off, or a refund above the
 * approval threshold (terms as data), is proposed by one officer and carried out only when another
 * approves it. The proposer approving is SEGREGATION_OF_DUTIES, refused in code and again by a
 * check in the table. Write-offs (collection) and refunds (intake) call these in the transaction
 * that does the work, so an approval and what it approves commit together.
 */

/** Whether an amount on a day needs a second officer: above the approval threshold in force. */
export function needsApproval(terms: TermsBook, amountOre: bigint, at: Date): boolean {
  return amountOre > terms.on(authorityDate(at)).approvalThreshold;
}

/** Proposes; proposing the same open subject again returns the open approval (idempotent). */
export async function proposeApproval(tx: Executor, proposal: ApprovalProposal): Promise<Approval> {
  if (proposal.amountOre <= 0n) {
    throw new ValidationFailed([
      { code: 'AMOUNT_NOT_POSITIVE', path: ['input', 'amount'], message: 'An amount to approve is more than zero.' },
    ]);
  }
  const reason = proposal.reason.trim();
  if (reason === '') {
    throw new ValidationFailed([{ code: 'REQUIRED', path: ['input', 'reason'], message: 'Give the reason.' }]);
  }
  const [inserted] = await tx
    .insert(approvals)
    .values({
      kind: proposal.kind,
      subject: proposal.subject,
      amountOre: proposal.amountOre,
      reason,
      proposedBy: proposal.proposedBy,
      proposedAt: proposal.at,
      status: 'PROPOSED',
    })
    .onConflictDoNothing()
    .returning();
  if (inserted) return inserted;
  const open = await openApprovalOf(tx, proposal.kind, proposal.subject);
  if (!open) throw new Error('an open approval conflicted and then vanished inside the transaction');
  return open;
}

export async function openApprovalOf(tx: Executor, kind: ApprovalKind, subject: string): Promise<Approval | undefined> {
  const [row] = await tx
    .select()
    .from(approvals)
    .where(and(eq(approvals.kind, kind), eq(approvals.subject, subject), sql`${approvals.status} = 'PROPOSED'`));
  return row;
}

/**
 * A second officer decides, the approval locked so two decisions serialise. Deciding again the
 * same way answers the decision as it stands; the other way, or after the other decision, is
 * INVALID_STATUS. The proposer deciding is SEGREGATION_OF_DUTIES, and changes nothing.
 */
export async function decideApproval(
  tx: Executor,
  request: { approvalId: number; officer: string; approve: boolean; at: Date },
): Promise<Approval> {
  const [row] = await tx.select().from(approvals).where(eq(approvals.id, request.approvalId)).for('update');
  if (!row) throw new NotFound('approval');
  if (row.proposedBy === request.officer) throw new SegregationOfDuties();
  const decision = request.approve ? 'APPROVED' : 'REJECTED';
  if (row.status === decision && row.decidedBy === request.officer) return row;
  if (row.status !== 'PROPOSED') {
    const error = new InvalidStatus('decided', row.status);
    error.message = `An approval in status ${row.status} cannot be decided again.`;
    throw error;
  }
  const [decided] = await tx
    .update(approvals)
    .set({ status: decision, decidedBy: request.officer, decidedAt: request.at })
    .where(eq(approvals.id, row.id))
    .returning();
  if (!decided) throw new Error(`approval ${row.id} vanished inside its transaction`);
  return decided;
}
