import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { parseBankNotification } from './camt054.js';
import type {
  BankImportOutcome,
  NotificationTransaction,
  PayingParty,
  ReceivableByKid,
  SuspenseReason,
} from './model.js';
import { bankNotificationFiles, suspenseItems } from './tables.js';

/**
 * Importing a bank notification: every booked credit of the file is applied to the receivable its
 * KID names, or put in suspense with the reason, all in the caller's one transaction. The file is
 * claimed first by its message id and content hash, so a second import of it, even a concurrent
 * one, records nothing and answers FILE_DUPLICATE.
 */

/** What the import needs from the rest of payments and the ledger (wired by the composition). */
export interface BankImportPorts {
  readonly isValidKid: (kid: string) => boolean;
  /** The payable receivables of each KID, in one statement for the file. */
  readonly receivablesByKid: (
    tx: Executor,
    kids: readonly string[],
  ) => Promise<ReadonlyMap<string, readonly ReceivableByKid[]>>;
  /** Applies a bank transfer to the party's receivables, the named one first (payments' applyPayment). */
  readonly applyBankTransfer: (
    tx: Executor,
    payment: {
      readonly party: PayingParty;
      readonly receivableId: number;
      readonly amountOre: bigint;
      readonly reference: string;
      readonly at: Date;
    },
  ) => Promise<{ readonly settledDeclarationIds: readonly number[] }>;
  /** Books money received for no receivable: bank clearing against suspense. */
  readonly postToSuspense: (
    tx: Executor,
    line: { readonly amountOre: bigint; readonly reference: string; readonly at: Date },
  ) => Promise<{ readonly entryId: number }>;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

type Classified =
  | { readonly kind: 'MATCHED'; readonly line: NotificationTransaction; readonly receivable: ReceivableByKid }
  | { readonly kind: 'SUSPENSE'; readonly line: NotificationTransaction; readonly reason: SuspenseReason };

function isMoneyIn(line: NotificationTransaction): boolean {
  return line.booked && !line.reversal && line.direction === 'CREDIT' && line.amountOre > 0n;
}

function lineReference(messageId: string, line: NotificationTransaction): string {
  return line.bankReference ?? `${messageId}/${line.path.join('/')}`;
}

function partyOrder(party: PayingParty): string {
  return party.organisationNumber !== undefined ? `O${party.organisationNumber}` : `P${party.nationalIdentityNumber}`;
}

export async function importBankNotification(
  tx: Executor,
  input: { readonly text: string; readonly importedBy: string; readonly at: Date; readonly maxBytes?: number },
  ports: BankImportPorts,
): Promise<BankImportOutcome> {
  const parsed = parseBankNotification(input.text, input.maxBytes === undefined ? {} : { maxBytes: input.maxBytes });
  if (!parsed.ok) return parsed;
  const { notification } = parsed;
  const [file] = await tx
    .insert(bankNotificationFiles)
    .values({
      messageId: notification.messageId,
      contentHash: contentHash(input.text),
      version: notification.version,
      importedBy: input.importedBy,
      importedAt: input.at,
      transactions: notification.transactions.length,
      matched: 0,
      suspended: 0,
      skipped: 0,
      creditedOre: 0n,
    })
    .onConflictDoNothing()
    .returning({ id: bankNotificationFiles.id });
  if (!file) {
    return {
      ok: false,
      problem: {
        code: 'FILE_DUPLICATE',
        path: ['Document', 'BkToCstmrDbtCdtNtfctn', 'GrpHdr', 'MsgId'],
        message: `A file with message id ${notification.messageId}, or with the same content, was already imported; nothing new was recorded.`,
      },
    };
  }

  const moneyIn = notification.transactions.filter(isMoneyIn);
  const kids = [
    ...new Set(
      moneyIn.flatMap((l) =>
        l.currency === 'NOK' && l.creditorReference && ports.isValidKid(l.creditorReference)
          ? [l.creditorReference]
          : [],
      ),
    ),
  ];
  const byKid = kids.length ? await ports.receivablesByKid(tx, kids) : new Map<string, readonly ReceivableByKid[]>();
  const classified = moneyIn.map((line): Classified => {
    const kid = line.creditorReference;
    if (line.currency !== 'NOK') return { kind: 'SUSPENSE', line, reason: 'CURRENCY_NOT_SUPPORTED' };
    if (kid === null) return { kind: 'SUSPENSE', line, reason: 'KID_MISSING' };
    if (!ports.isValidKid(kid)) return { kind: 'SUSPENSE', line, reason: 'KID_INVALID' };
    const found = byKid.get(kid) ?? [];
    if (found.length === 0) return { kind: 'SUSPENSE', line, reason: 'KID_UNKNOWN' };
    if (found.length > 1) return { kind: 'SUSPENSE', line, reason: 'KID_AMBIGUOUS' };
    const receivable = found[0] as ReceivableByKid;
    if (!receivable.payable) return { kind: 'SUSPENSE', line, reason: 'RECEIVABLE_NOT_PAYABLE' };
    return { kind: 'MATCHED', line, receivable };
  });

  // Parties and receivables are locked in one stable order, as every payment locks them, so that a
  // concurrent card payment or import waits instead of deadlocking.
  const matched = classified
    .filter((c): c is Extract<Classified, { kind: 'MATCHED' }> => c.kind === 'MATCHED')
    .sort(
      (a, b) =>
        partyOrder(a.receivable.party).localeCompare(partyOrder(b.receivable.party)) ||
        a.receivable.receivableId - b.receivable.receivableId,
    );
  for (const { line, receivable } of matched) {
    await ports.applyBankTransfer(tx, {
      party: receivable.party,
      receivableId: receivable.receivableId,
      amountOre: line.amountOre,
      reference: lineReference(notification.messageId, line),
      at: input.at,
    });
  }

  const suspended = classified.filter((c): c is Extract<Classified, { kind: 'SUSPENSE' }> => c.kind === 'SUSPENSE');
  const items = [];
  for (const { line, reason } of suspended) {
    const reference = lineReference(notification.messageId, line);
    const { entryId } = await ports.postToSuspense(tx, { amountOre: line.amountOre, reference, at: input.at });
    items.push({
      fileId: file.id,
      filePath: line.path.join('/'),
      amountOre: line.amountOre,
      currency: line.currency,
      creditorReference: line.creditorReference,
      bankReference: line.bankReference,
      debtorName: line.debtorName,
      remittance: line.unstructuredRemittance,
      bookingDate: line.bookingDate,
      reason,
      status: 'OPEN' as const,
      entryId,
      createdAt: input.at,
    });
  }
  for (let start = 0; start < items.length; start += 1000) {
    await tx.insert(suspenseItems).values(items.slice(start, start + 1000));
  }

  const creditedOre = moneyIn.reduce((sum, line) => sum + line.amountOre, 0n);
  const summary = {
    fileId: file.id,
    messageId: notification.messageId,
    transactions: notification.transactions.length,
    matched: matched.length,
    suspended: suspended.length,
    skipped: notification.transactions.length - moneyIn.length,
    creditedOre,
  };
  await tx
    .update(bankNotificationFiles)
    .set({ matched: summary.matched, suspended: summary.suspended, skipped: summary.skipped, creditedOre })
    .where(eq(bankNotificationFiles.id, file.id));
  return { ok: true, summary };
}
