import type { Executor } from '../../db/client.js';
import { authorityDate } from '../../shared/clock.js';
import { kidMod10 } from '../../shared/kid.js';
import type { AcceptedVersion, CancelledDeclaration, ReleaseBlocker } from '../declarations/model.js';
import { type PostingDraft, postEntry, revenueAccount, reverseEntry } from '../ledger/service.js';
import { mandatesInForce } from '../mandates/service.js';
import { accountOf } from './accounts.js';
import type { PartyRef } from './model.js';
import {
  bookedByKind,
  declarationsWithOpen,
  insertEvents,
  insertReceivable,
  lockPartiesById,
  lockParty,
  lockReceivablesOfDeclaration,
  nextKidNumber,
  partiesOfDeclaration,
  type ReceivableChange,
  type ReceivableEventDraft,
  type ReceivableRow,
  updateReceivables,
} from './repository.js';

/**
 * From accepted versions to receivables. Each accepted version books the difference between its
 * payable amounts per duty kind and what the declaration's earlier receivables booked: one
 * receivable with a line per kind and one journal entry crediting each kind's revenue. A positive
 * difference is a receivable the party pays; a negative one first reduces what is still open on
 * the declaration and the rest (what was already paid) goes to the party's credit balance.
 * A cancellation reverses every booking entry of the declaration and gives what was paid on it
 * back to the party's credit balance, so its revenue is zero again.
 */

/** KIDs are 11 digits: a 10-digit number from the sequence and its MOD10 check digit. */
export function kidFor(n: bigint): string {
  return kidMod10(n.toString().padStart(10, '0'));
}

/**
 * The party liable for the duties: the importer, or the declarant when it declares under an
 * indirect representation mandate (it declares in its own name).
 */
export async function liablePartyOf(tx: Executor, accepted: AcceptedVersion): Promise<PartyRef | null> {
  if (accepted.partyNationalId !== null && accepted.partyNationalId !== undefined) {
    return { nationalIdentityNumber: accepted.partyNationalId };
  }
  const importer = accepted.partyOrgnr;
  if (importer === null) return { organisationNumber: accepted.declarantOrgnr };
  if (importer !== accepted.declarantOrgnr) {
    const mandates = await mandatesInForce(
      tx,
      accepted.declarantOrgnr,
      [{ organisationNumber: importer }],
      accepted.at,
    );
    const mandate = [...mandates.values()][0];
    if (mandate?.kind === 'INDIRECT') return { organisationNumber: accepted.declarantOrgnr };
  }
  return { organisationNumber: importer };
}

/** The documented order money is applied in: oldest due date, then declaration, then receivable. */
export function byPaymentOrder(a: ReceivableRow, b: ReceivableRow): number {
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  if (a.declarationId !== b.declarationId) return a.declarationId - b.declarationId;
  return a.id - b.id;
}

const AWAITING_PAYMENT: ReleaseBlocker = {
  kind: 'PAYMENT',
  code: 'AWAITING_PAYMENT',
  explanation: 'The assessed amounts payable to customs are not paid yet; the goods are released once they are.',
};

/** Books what the accepted version changes in what is payable; says whether payment holds the goods. */
export async function bookAcceptedVersion(tx: Executor, accepted: AcceptedVersion): Promise<ReleaseBlocker[]> {
  const payable = accepted.assessment?.payableByKind() ?? null;
  if (payable === null) return [];
  const party = await liablePartyOf(tx, accepted);
  if (party === null) return [];
  const at = accepted.at;
  const partyId = await lockParty(tx, party, at);
  const existing = await lockReceivablesOfDeclaration(tx, accepted.declarationId);
  const booked = await bookedByKind(
    tx,
    existing.map((r) => r.id),
  );
  const kinds = [...new Set([...payable.keys(), ...booked.keys()])].sort();
  const lines = kinds
    .map((dutyKind) => ({ dutyKind, amountOre: (payable.get(dutyKind) ?? 0n) - (booked.get(dutyKind) ?? 0n) }))
    .filter((l) => l.amountOre !== 0n);
  if (lines.length > 0) await bookDifference(tx, accepted, party, partyId, existing, lines);
  const open = await declarationsWithOpen(tx, [accepted.declarationId]);
  return open.has(accepted.declarationId) ? [AWAITING_PAYMENT] : [];
}

async function bookDifference(
  tx: Executor,
  accepted: AcceptedVersion,
  party: PartyRef,
  partyId: number,
  existing: readonly ReceivableRow[],
  lines: readonly { dutyKind: string; amountOre: bigint }[],
): Promise<void> {
  const at = accepted.at;
  const net = lines.reduce((sum, l) => sum + l.amountOre, 0n);
  const kid = kidFor(await nextKidNumber(tx));
  const postings: PostingDraft[] = lines.map((l) => ({ account: revenueAccount(l.dutyKind), amountOre: -l.amountOre }));
  const changes: ReceivableChange[] = [];
  const events: Omit<ReceivableEventDraft, 'entryId'>[] = [];
  if (net > 0n) {
    postings.push({ account: accountOf(party, partyId, 'RECEIVABLE'), amountOre: net });
  } else if (net < 0n) {
    // A lower amount first reduces what is still open on this declaration, in payment order.
    let credit = -net;
    let reduced = 0n;
    for (const row of [...existing].filter((r) => r.openOre > 0n).sort(byPaymentOrder)) {
      if (credit === 0n) break;
      const take = row.openOre < credit ? row.openOre : credit;
      credit -= take;
      reduced += take;
      const openOre = row.openOre - take;
      const status = openOre === 0n ? 'PAID' : row.status;
      changes.push({ id: row.id, openOre, paidOre: row.paidOre, status });
      events.push({
        receivableId: row.id,
        kind: 'CREDIT_APPLIED',
        status,
        amountOre: take,
        openAfterOre: openOre,
        reference: `declaration:${accepted.declarationId}:v${accepted.version}`,
        occurredAt: at,
      });
    }
    if (reduced > 0n) postings.push({ account: accountOf(party, partyId, 'RECEIVABLE'), amountOre: -reduced });
    if (credit > 0n) postings.push({ account: accountOf(party, partyId, 'CREDIT_BALANCE'), amountOre: -credit });
  }
  const entry =
    postings.length >= 2
      ? await postEntry(tx, {
          kind: net > 0n ? 'RECEIVABLE' : 'CREDIT',
          reference: `declaration:${accepted.declarationId}:v${accepted.version}`,
          description: `Assessment of version ${accepted.version} of declaration ${accepted.declarationId}: ${net > 0n ? 'amount payable' : 'amount credited'}`,
          at,
          postings,
        })
      : null;
  if (!entry) throw new Error('a difference without postings');
  const receivable = await insertReceivable(
    tx,
    {
      declarationId: accepted.declarationId,
      version: accepted.version,
      partyId,
      kid,
      amountOre: net,
      openOre: net > 0n ? net : 0n,
      paidOre: 0n,
      status: net > 0n ? 'OPEN' : 'CREDITED',
      dueDate: authorityDate(at),
      entryId: entry.id,
      createdAt: at,
      updatedAt: at,
    },
    lines,
  );
  await updateReceivables(tx, changes, at);
  await insertEvents(tx, [
    {
      receivableId: receivable.id,
      kind: 'CREATED',
      status: receivable.status,
      amountOre: net,
      openAfterOre: receivable.openOre,
      reference: `declaration:${accepted.declarationId}:v${accepted.version}`,
      entryId: entry.id,
      occurredAt: at,
    },
    ...events.map((e) => ({ ...e, entryId: entry.id })),
  ]);
}

/**
 * On cancellation: every receivable of the declaration is reversed by reversing the entry that
 * booked it, and what payments applied to them goes back to the party's credit balance
 * (refundable), in one more entry per party.
 */
export async function reverseReceivablesOf(tx: Executor, cancelled: CancelledDeclaration): Promise<void> {
  const parties = await lockPartiesById(tx, await partiesOfDeclaration(tx, cancelled.declarationId));
  const rows = await lockReceivablesOfDeclaration(tx, cancelled.declarationId);
  if (rows.length === 0) return;
  const at = cancelled.at;
  const reference = `declaration:${cancelled.declarationId}:cancelled`;
  const events: ReceivableEventDraft[] = [];
  for (const row of [...rows].reverse()) {
    const reversal = await reverseEntry(tx, row.entryId, {
      reference,
      description: `Declaration ${cancelled.declarationId} cancelled: receivable ${row.kid} reversed`,
      at,
    });
    events.push({
      receivableId: row.id,
      kind: 'CANCELLED',
      status: 'CANCELLED',
      amountOre: row.openOre,
      openAfterOre: 0n,
      reference,
      entryId: reversal.id,
      occurredAt: at,
    });
  }
  const paidByParty = new Map<number, bigint>();
  for (const row of rows) paidByParty.set(row.partyId, (paidByParty.get(row.partyId) ?? 0n) + row.paidOre);
  for (const [partyId, paid] of paidByParty) {
    const party = parties.get(partyId);
    if (paid === 0n || !party) continue;
    await postEntry(tx, {
      kind: 'CANCELLATION',
      reference,
      description: `Declaration ${cancelled.declarationId} cancelled: what was paid on it is credited to the party`,
      at,
      postings: [
        { account: accountOf(party, partyId, 'RECEIVABLE'), amountOre: paid },
        { account: accountOf(party, partyId, 'CREDIT_BALANCE'), amountOre: -paid },
      ],
    });
  }
  await updateReceivables(
    tx,
    rows.map((r) => ({ id: r.id, openOre: 0n, paidOre: r.paidOre, status: 'CANCELLED' as const })),
    at,
  );
  await insertEvents(tx, events);
}
