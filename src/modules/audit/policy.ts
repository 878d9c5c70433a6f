import { AUDITOR, PRIVATE, roleWith } from '../../auth/audiences.js';
import type { AccessPolicy } from '../../auth/policy.js';

const AUDIT_READERS = [roleWith('auditor', 'audit:read')];

/**
 * The access log: a person sees reads of their own data, auditors see all of it. The audit trail:
 * auditors only (an officer's own changes are in it, but reading it is the auditors' control of
 * the officers, so officers do not read it).
 */
export const AUDIT_POLICY: AccessPolicy = {
  Query: { fields: { dataAccessLog: AUDIT_READERS, auditTrail: AUDIT_READERS } },
  AuditTrailEntry: { default: AUDIT_READERS },
  AuditChange: { default: AUDIT_READERS },
  AuditTrailEntryConnection: { default: AUDIT_READERS },
  AuditTrailEntryEdge: { default: AUDIT_READERS },
  Viewer: { fields: { dataAccessLog: [PRIVATE] } },
  DataAccessEntry: {
    default: [PRIVATE, AUDITOR],
    fields: { requestId: [AUDITOR], correlationId: [AUDITOR], subject: [AUDITOR], nationalIdentityNumber: [AUDITOR] },
  },
  // One connection type for both lists: the fields that return it decide who gets one.
  DataAccessEntryConnection: { default: [PRIVATE, ...AUDIT_READERS] },
  DataAccessEntryEdge: { default: [PRIVATE, ...AUDIT_READERS] },
};
