import { AUDITOR, BUSINESS, OFFICER, PRIVATE } from '../../auth/audiences.js';
import type { AccessPolicy } from '../../auth/policy.js';

/** Parties read their own receivables and statement (row scope: scope.ts); the authority's staff all. Never agencies. */
const RECEIVABLE_READERS = [BUSINESS, PRIVATE, OFFICER, AUDITOR];
const PARTIES = [BUSINESS, PRIVATE];
const AUDITORS = [AUDITOR, OFFICER];

export const PAYMENTS_POLICY: AccessPolicy = {
  Query: {
    fields: {
      receivables: RECEIVABLE_READERS,
      accountStatement: PARTIES,
      ledgerReconciliation: AUDITORS,
    },
  },
  Declaration: { fields: { receivables: RECEIVABLE_READERS, paymentStatus: RECEIVABLE_READERS } },
  Receivable: { default: RECEIVABLE_READERS },
  ReceivableConnection: { default: RECEIVABLE_READERS },
  ReceivableEdge: { default: RECEIVABLE_READERS },
  ReceivableLine: { default: RECEIVABLE_READERS },
  ReceivableEvent: { default: RECEIVABLE_READERS },
  AccountStatement: { default: PARTIES },
  StatementMovement: { default: PARTIES },
  LedgerReconciliation: { default: AUDITORS },
  LedgerReconciliationCheck: { default: AUDITORS },
};
