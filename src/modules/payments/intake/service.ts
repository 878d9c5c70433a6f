import type { Executor } from '../../../db/client.js';
import type { ReleaseGate } from '../../declarations/service.js';
import { importBankNotification } from './bank-import.js';
import { ledgerBankImportPorts } from './ledger-ports.js';
import type { BankImportOutcome } from './model.js';

/**
 * Money coming in, as the rest of the application calls it (re-exported by payments/service.ts).
 * Card payments and refunds join it when their mutations land.
 */

export { DEFAULT_MAX_FILE_BYTES, parseBankNotification } from './camt054.js';
export { DevelopmentPaymentProvider, newWebhookSecret } from './development-provider.js';
export { PaymentIdempotencyConflict } from './idempotency.js';
export * from './model.js';

/**
 * Imports a camt.054 file in the transaction given: matched lines paid through applyPayment,
 * the rest to suspense, the file recorded once; goods a line pays in full are released through `gate`. `importedBy` is the officer's subject or COMMAND.
 */
export function importBankFile(
  tx: Executor,
  input: { readonly text: string; readonly importedBy: string; readonly at: Date },
  gate: ReleaseGate,
): Promise<BankImportOutcome> {
  return importBankNotification(tx, input, ledgerBankImportPorts(gate));
}
export { allocateSuspensePayment, SuspenseAlreadyAllocated } from './suspense.js';
