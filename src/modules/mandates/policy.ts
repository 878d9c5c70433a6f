import { AUDITOR, BUSINESS, OFFICER, PRIVATE, roleWith } from '../../auth/audiences.js';
import type { AccessPolicy } from '../../auth/policy.js';

/** The grantor and the representative (within the row scope, scope.ts), and the authority's staff. */
const MANDATE_READERS = [BUSINESS, PRIVATE, OFFICER, AUDITOR];
/** Mandates are granted and revoked by the represented business or person, with a token issued for writing. */
const GRANTORS = [roleWith('business', 'declarations:write'), roleWith('private', 'declarations:write')];

/** Representation mandates: never agencies or the public. */
export const MANDATES_POLICY: AccessPolicy = {
  Query: { fields: { mandates: MANDATE_READERS } },
  Mutation: { fields: { grantMandate: GRANTORS, revokeMandate: GRANTORS } },
  Mandate: { default: MANDATE_READERS },
  MandateConnection: { default: MANDATE_READERS },
  MandateEdge: { default: MANDATE_READERS },
  GrantMandateSuccess: { default: GRANTORS },
  RevokeMandateSuccess: { default: GRANTORS },
};
