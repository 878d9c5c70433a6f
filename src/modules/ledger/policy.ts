import { AUDITOR, OFFICER } from '../../auth/audiences.js';
import type { AccessPolicy } from '../../auth/policy.js';

/** The journal is the authority's own books: auditors and officers read it, nobody else. */
const LEDGER_READERS = [AUDITOR, OFFICER];

export const LEDGER_POLICY: AccessPolicy = {
  Query: { fields: { ledgerJournal: LEDGER_READERS } },
  LedgerEntry: { default: LEDGER_READERS },
  LedgerEntryConnection: { default: LEDGER_READERS },
  LedgerEntryEdge: { default: LEDGER_READERS },
  LedgerPosting: { default: LEDGER_READERS },
};
