import { eq, or, type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import { mandates } from './tables.js';

/**
 * Row scope of mandates, one SQL predicate every mandate query applies: a business sees the
 * mandates it gave and those it received, a private person those they gave, the authority's staff
 * all of them, anyone else none. `undefined` means no restriction. A mandate outside the scope is
 * treated as one that does not exist.
 */
export function mandateScope(principal: Principal): SQL | undefined {
  switch (principal.role) {
    case 'business':
      return or(
        eq(mandates.grantorOrgnr, principal.organisationNumber),
        eq(mandates.representativeOrgnr, principal.organisationNumber),
      );
    case 'private':
      return eq(mandates.grantorNationalId, principal.nationalIdentityNumber);
    case 'officer':
    case 'auditor':
      return undefined;
    case 'agency':
    case 'public':
      return sql`false`;
  }
}
