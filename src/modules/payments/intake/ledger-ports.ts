import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { isValidKid } from '../../../shared/kid.js';
import type { ReleaseGate } from '../../declarations/service.js';
import { BANK_CLEARING, postEntry, SUSPENSE } from '../../ledger/service.js';
import { applyPaymentAndRelease } from '../collection/release-hook.js';
import { PAYABLE_STATUSES, type ReceivableStatus } from '../model.js';
import { paymentParties, receivables } from '../tables.js';
import type { BankImportPorts } from './bank-import.js';
import type { ReceivableByKid } from './model.js';

/**
 * The import's ports over payments' own receivables and the ledger: a KID is looked up in one
 * statement for the whole file, money goes through applyPayment (the one way money reaches a
 * receivable), and what matches nothing is one entry per line from bank clearing to suspense, so
 * that an officer's allocation later moves exactly that amount out of suspense again.
 */

const TAKES_PAYMENT = new Set<ReceivableStatus>([...PAYABLE_STATUSES, 'PAID']);

export async function receivablesByKid(
  tx: Executor,
  kids: readonly string[],
): Promise<ReadonlyMap<string, readonly ReceivableByKid[]>> {
  const rows = await tx
    .select({
      id: receivables.id,
      kid: receivables.kid,
      status: receivables.status,
      organisationNumber: paymentParties.organisationNumber,
      nationalIdentityNumber: paymentParties.nationalIdentityNumber,
    })
    .from(receivables)
    .innerJoin(paymentParties, eq(paymentParties.id, receivables.partyId))
    .where(inArray(receivables.kid, [...kids]));
  const found = new Map<string, ReceivableByKid[]>();
  for (const row of rows) {
    const party =
      row.organisationNumber !== null
        ? { organisationNumber: row.organisationNumber }
        : { nationalIdentityNumber: row.nationalIdentityNumber as string };
    const list = found.get(row.kid) ?? [];
    list.push({ receivableId: row.id, party, payable: TAKES_PAYMENT.has(row.status) });
    found.set(row.kid, list);
  }
  return found;
}

/** The ports of an import whose payments ask `gate` to release the goods they settle. */
export const ledgerBankImportPorts = (gate: ReleaseGate): BankImportPorts => ({
  isValidKid,
  receivablesByKid,
  applyBankTransfer: (tx, payment) => applyPaymentAndRelease(tx, gate, { ...payment, source: 'BANK_TRANSFER' }),
  postToSuspense: async (tx, line) => {
    const entry = await postEntry(tx, {
      kind: 'SUSPENSE',
      reference: `suspense:${line.reference}`,
      description: `Bank payment ${line.reference} matched no receivable: held in suspense`,
      at: line.at,
      postings: [
        { account: BANK_CLEARING, amountOre: line.amountOre },
        { account: SUSPENSE, amountOre: -line.amountOre },
      ],
    });
    return { entryId: entry.id };
  },
});
