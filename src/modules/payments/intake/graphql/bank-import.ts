import { describePrincipal } from '../../../../auth/principal.js';
import { builder } from '../../../../graphql/builder.js';
import { MoneyRef } from '../../../../graphql/common.js';
import { ValidationFailed } from '../../../../shared/errors.js';
import { formatMoney } from '../../../../shared/money.js';
import type { BankImportSummary } from '../model.js';
import { importBankFile } from '../service.js';

const ImportBankNotificationInput = builder.inputType('ImportBankNotificationInput', {
  description: "A bank's camt.054 notification of payments received on the authority's account.",
  fields: (t) => ({
    file: t.string({
      required: true,
      description:
        'The whole camt.054 file (BankToCustomerDebitCreditNotification, versions 001.02 to 001.13) as UTF-8 text, ' +
        'at most 32 MiB. A file that declares a DOCTYPE is refused.',
    }),
  }),
});

const ImportBankNotificationSuccess = builder.objectRef<BankImportSummary>('ImportBankNotificationSuccess').implement({
  description: 'The file was imported: each line paid its receivable by KID or went to suspense.',
  fields: (t) => ({
    messageId: t.exposeString('messageId', { description: "The file's message id (GrpHdr/MsgId)." }),
    transactions: t.exposeInt('transactions', { description: 'Transactions the file holds, of every kind.' }),
    matched: t.exposeInt('matched', {
      description:
        'Booked credits applied to the receivable their KID names (an overpayment goes to the credit balance).',
    }),
    suspended: t.exposeInt('suspended', {
      description:
        'Booked credits with no KID, a KID with a bad check digit, a KID of no payable receivable, or not in NOK: ' +
        'held in suspense for an officer to allocate.',
    }),
    skipped: t.exposeInt('skipped', { description: 'Debits, pending entries and reversals: checked, not money in.' }),
    credited: t.field({
      type: MoneyRef,
      description: 'The booked credits of the file in total, NOK.',
      resolve: (s) => ({ amount: formatMoney(s.creditedOre), currency: 'NOK' }),
    }),
  }),
});

/** The officer, as the file's record names them (their employee id; the policy admits officers only). */
function importer(principal: Parameters<typeof describePrincipal>[0]): string {
  const described = describePrincipal(principal);
  return `${described.role}:${described.emp ?? described.sub ?? described.org ?? ''}`;
}

builder.mutationFields((t) => ({
  importBankNotification: t.field({
    type: ImportBankNotificationSuccess,
    nullable: false,
    description:
      "Officers: imports the bank's camt.054 notification in one transaction. Every booked credit is matched by its " +
      'KID (RmtInf/Strd/CdtrRefInf/Ref) and paid to that receivable through the documented order; the rest is held ' +
      'in suspense. A file that is malformed (FILE_MALFORMED, FILE_TOO_LARGE), whose control figures do not add up ' +
      '(FILE_TOTALS_MISMATCH) or that was imported before, by message id or content (FILE_DUPLICATE), records ' +
      "nothing and answers ValidationFailed with the problem's path from input.file down to the element.",
    args: {
      input: t.arg({ type: ImportBankNotificationInput, required: true, description: 'The file.' }),
    },
    errors: {
      types: [ValidationFailed],
      union: {
        name: 'ImportBankNotificationResult',
        description: 'The outcome of importBankNotification: what the file did, or why it was refused.',
      },
    },
    resolve: async (_root, { input }, ctx) => {
      const outcome = await ctx.db.transaction((tx) =>
        importBankFile(tx, { text: input.file, importedBy: importer(ctx.principal), at: ctx.clock.now() }, ctx),
      );
      if (outcome.ok) return outcome.summary;
      const { code, path, message } = outcome.problem;
      throw new ValidationFailed([{ code, path: ['input', 'file', ...path], message }]);
    },
  }),
}));
