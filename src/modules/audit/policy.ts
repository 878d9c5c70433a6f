import { AUDITOR, PRIVATE, roleWith } from '../../auth/audiences.js';
import type { AccessPolicy } from '../../auth/policy.js';

const AUDIT_READERS = [roleWith('auditor', 'audit:read')];

/** The access log: a person sees reads of their own data, auditors see all of it. */
export const AUDIT_POLICY: AccessPolicy = {
  Query: { fields: { dataAccessLog: AUDIT_READERS } },
  Viewer: { fields: { dataAccessLog: [PRIVATE] } },
  DataAccessEntry: {
    default: [PRIVATE, AUDITOR],
    fields: { requestId: [AUDITOR], correlationId: [AUDITOR], subject: [AUDITOR], nationalIdentityNumber: [AUDITOR] },
  },
  // One connection type for both lists: the fields that return it decide who gets one.
  DataAccessEntryConnection: { default: [PRIVATE, ...AUDIT_READERS] },
  DataAccessEntryEdge: { default: [PRIVATE, ...AUDIT_READERS] },
};
