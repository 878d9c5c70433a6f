import { eq, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import { declarations } from './tables.js';

/**
 * Row scope: which declarations a principal may see at all, as one SQL predicate that every
 * declaration query applies (lists, lookups by id or number, nested reads, mutation targets).
 * A declaration outside the scope is treated as one that does not exist.
 *
 * Each scope comes in two forms: `condition` with the caller's values inline, for one-off
 * queries, and `template` with placeholders plus `params`, for prepared queries whose shape is
 * named by `key`. `undefined` conditions mean no restriction.
 */
export interface RowScope {
  readonly key: string;
  readonly condition: SQL | undefined;
  readonly template: SQL | undefined;
  readonly params: Readonly<Record<string, unknown>>;
}

function businessCondition(org: string | SQLWrapper): SQL | undefined {
  return or(
    eq(declarations.declarantOrgnr, org),
    eq(declarations.partyOrgnr, org),
    eq(declarations.representedOrgnr, org),
  );
}

export function declarationScope(principal: Principal): RowScope {
  switch (principal.role) {
    case 'business':
      return {
        key: 'business',
        condition: businessCondition(principal.organisationNumber),
        template: businessCondition(sql.placeholder('scopeOrganisation')),
        params: { scopeOrganisation: principal.organisationNumber },
      };
    case 'private':
      return {
        key: 'private',
        condition: eq(declarations.partyNationalId, principal.nationalIdentityNumber),
        template: eq(declarations.partyNationalId, sql.placeholder('scopePerson')),
        params: { scopePerson: principal.nationalIdentityNumber },
      };
    case 'officer':
    case 'auditor':
      return { key: 'all', condition: undefined, template: undefined, params: {} };
    case 'agency':
    case 'public':
      return { key: 'none', condition: sql`false`, template: sql`false`, params: {} };
  }
}
