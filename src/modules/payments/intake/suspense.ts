import { eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { InvalidStatus, NotFound, ValidationFailed } from '../../../shared/errors.js';
import type { ReleaseGate } from '../../declarations/service.js';
import { applyPaymentAndRelease } from '../collection/release-hook.js';
import type { ApplyPaymentResult } from '../model.js';
import type { PayingParty } from './model.js';
import { suspenseItems } from './tables.js';

/** A suspense item that an officer allocated before (or that another allocation is taking now). */
export class SuspenseAlreadyAllocated extends InvalidStatus {
  constructor() {
    super('allocated', 'ALLOCATED');
    this.message = 'The suspense payment was already allocated; it can be allocated once.';
  }
}

/**
 * An officer allocates money held in suspense to the party it belongs to: the whole amount goes
 * through applyPayment from the SUSPENSE account (the named receivable first, then the party's
 * other open receivables, the rest to its credit balance), under the item's row lock so that two
 * officers allocating the same item at once allocate it once. Goods it pays in full are released through `gate`.
 */
export async function allocateSuspensePayment(
  tx: Executor,
  input: {
    readonly suspenseId: number;
    readonly party: PayingParty;
    readonly receivableId?: number | null;
    readonly allocatedBy: string;
    readonly at: Date;
  },
  gate: ReleaseGate,
): Promise<{ readonly suspenseId: number; readonly amountOre: bigint; readonly applied: ApplyPaymentResult }> {
  const [item] = await tx.select().from(suspenseItems).where(eq(suspenseItems.id, input.suspenseId)).for('update');
  if (!item) throw new NotFound('suspense payment');
  if (item.status !== 'OPEN') throw new SuspenseAlreadyAllocated();
  if (item.currency !== 'NOK') {
    throw new ValidationFailed([
      {
        code: 'CURRENCY_NOT_SUPPORTED',
        path: ['input', 'suspensePayment'],
        message: `The payment is in ${item.currency}; only NOK can be allocated, the rest is returned to the payer.`,
      },
    ]);
  }
  const applied = await applyPaymentAndRelease(tx, gate, {
    party: input.party,
    amountOre: item.amountOre,
    receivableId: input.receivableId ?? null,
    source: 'SUSPENSE',
    reference: `suspense:${item.id}`,
    at: input.at,
  });
  await tx
    .update(suspenseItems)
    .set({ status: 'ALLOCATED', allocatedBy: input.allocatedBy, allocatedAt: input.at })
    .where(eq(suspenseItems.id, item.id));
  return { suspenseId: item.id, amountOre: item.amountOre, applied };
}
