import { eq, or, type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import { declarations } from './tables.js';

/**
 * Row scope: which declarations a principal may see at all, as one SQL predicate that every
 * declaration query applies (lists, lookups by id or number, nested reads, mutation targets).
 * Returning `undefined` means no restriction. A declaration outside the scope is treated as one
 * that does not exist.
 */
export function declarationScope(principal: Principal): SQL | undefined {
  switch (principal.role) {
    case 'business':
      return or(
        eq(declarations.declarantOrgnr, principal.organisationNumber),
        eq(declarations.partyOrgnr, principal.organisationNumber),
        eq(declarations.representedOrgnr, principal.organisationNumber),
      );
    case 'private':
      return eq(declarations.partyNationalId, principal.nationalIdentityNumber);
    case 'officer':
    case 'auditor':
      return undefined;
    case 'agency':
    case 'public':
      return sql`false`;
  }
}
