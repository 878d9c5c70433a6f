import type { Executor } from '../../db/client.js';
import { NotFound, ValidationFailed } from '../../shared/errors.js';
import { accountBalances, postEntry } from '../ledger/service.js';
import { accountOf, sourceAccount } from './accounts.js';
import { ReceivableNotPayable } from './errors.js';
import {
  type ApplyPaymentRequest,
  type ApplyPaymentResult,
  PAYABLE_STATUSES,
  type PaymentApplication,
  type ReceivableStatus,
} from './model.js';
import { byPaymentOrder } from './receivables.js';
import {
  declarationsWithOpen,
  insertEvents,
  lockParty,
  lockPayableReceivables,
  type ReceivableChange,
  type ReceivableEventDraft,
  type ReceivableRow,
  updateReceivables,
} from './repository.js';

/**
 * Applies money to a party's open receivables: the one function every way of paying goes through.
 * In the transaction given, and in this lock order (the same as a booking's): the party, then its
 * receivables by id, then the ledger accounts by key. The named receivable is paid first, then the
 * others by oldest due date, then declaration (in the order declarations were numbered), then
 * receivable; each application is one balanced entry (the source's account against the party's
 * receivable), and what is left over is one more entry to the party's credit balance (paying from
 * the credit balance itself leaves the rest where it is).
 */
export async function applyPayment(tx: Executor, request: ApplyPaymentRequest): Promise<ApplyPaymentResult> {
  const { party, source, at, reference } = request;
  if (request.amountOre <= 0n) {
    throw new ValidationFailed([
      { code: 'AMOUNT_NOT_POSITIVE', path: ['input', 'amount'], message: 'A payment is a positive amount.' },
    ]);
  }
  const partyId = await lockParty(tx, party, at);
  const namedId = request.receivableId ?? null;
  const rows = await lockPayableReceivables(tx, partyId, namedId);
  const named = namedId === null ? null : (rows.find((r) => r.id === namedId) ?? null);
  // Someone else's receivable is answered exactly as one that does not exist.
  if (namedId !== null && !named) throw new NotFound('receivable');
  if (named && !PAYABLE_STATUSES.includes(named.status) && named.status !== 'PAID') {
    throw new ReceivableNotPayable(named.status);
  }
  const debit = sourceAccount(source, party, partyId);
  const receivableAccount = accountOf(party, partyId, 'RECEIVABLE');
  let remaining = request.amountOre;
  if (source === 'CREDIT_BALANCE') {
    // The credit balance is a liability: the party may use what the authority owes it, no more.
    const owed = -((await accountBalances(tx, [debit.key])).get(debit.key) ?? 0n);
    if (owed < remaining) {
      throw new ValidationFailed([
        {
          code: 'CREDIT_BALANCE_INSUFFICIENT',
          path: ['input', 'amount'],
          message: 'The amount is more than the credit balance holds.',
        },
      ]);
    }
  }

  const order = [
    ...(named ? [named] : []),
    ...rows.filter((r) => r !== named && r.openOre > 0n && PAYABLE_STATUSES.includes(r.status)).sort(byPaymentOrder),
  ];
  const applications: PaymentApplication[] = [];
  const changes: ReceivableChange[] = [];
  const events: ReceivableEventDraft[] = [];
  for (const row of order) {
    if (remaining === 0n) break;
    if (row.openOre === 0n) continue;
    const amountOre = row.openOre < remaining ? row.openOre : remaining;
    remaining -= amountOre;
    const entry = await postEntry(tx, {
      kind: 'PAYMENT',
      reference: `payment:${source}:${reference}`,
      description: `Payment ${reference} applied to receivable ${row.kid}`,
      at,
      postings: [
        { account: debit, amountOre },
        { account: receivableAccount, amountOre: -amountOre },
      ],
    });
    const openOre = row.openOre - amountOre;
    const status = statusAfterPayment(row, openOre);
    changes.push({ id: row.id, openOre, paidOre: row.paidOre + amountOre, status });
    events.push({
      receivableId: row.id,
      kind: 'PAYMENT_APPLIED',
      status,
      amountOre,
      openAfterOre: openOre,
      reference,
      entryId: entry.id,
      occurredAt: at,
    });
    applications.push({
      receivableId: row.id,
      declarationId: row.declarationId,
      amountOre,
      entryId: entry.id,
      statusAfter: status,
    });
  }
  let creditEntryId: number | null = null;
  let creditedOre = 0n;
  if (remaining > 0n && source !== 'CREDIT_BALANCE') {
    const entry = await postEntry(tx, {
      kind: 'OVERPAYMENT',
      reference: `payment:${source}:${reference}`,
      description: `Payment ${reference}: what exceeds the open receivables is credited to the party`,
      at,
      postings: [
        { account: debit, amountOre: remaining },
        { account: accountOf(party, partyId, 'CREDIT_BALANCE'), amountOre: -remaining },
      ],
    });
    creditEntryId = entry.id;
    creditedOre = remaining;
  }
  await updateReceivables(tx, changes, at);
  await insertEvents(tx, events);
  const touched = [...new Set(applications.map((a) => a.declarationId))];
  const stillOpen = await declarationsWithOpen(tx, touched);
  return {
    applications,
    creditedOre,
    creditEntryId,
    settledDeclarationIds: touched.filter((id) => !stillOpen.has(id)),
  };
}

function statusAfterPayment(row: ReceivableRow, openOre: bigint): ReceivableStatus {
  if (openOre === 0n) return 'PAID';
  return row.status === 'OPEN' ? 'PARTLY_PAID' : row.status;
}
