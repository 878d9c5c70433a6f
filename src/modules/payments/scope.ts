import { type SQL, sql } from 'drizzle-orm';
import type { Access } from '../../auth/access.js';
import { paymentParties, receivables } from './tables.js';

/**
 * Whose receivables a caller sees, as a condition on `receivables`: a business its own (as the
 * liable party), a private person their own, officers and auditors all; anyone else (agencies,
 * the public) none. Undefined means no restriction.
 */
export function receivableScope(access: Access): SQL | undefined {
  const p = access.principal;
  switch (p.role) {
    case 'business':
      return sql`${receivables.partyId} in (select ${paymentParties.id} from ${paymentParties} where ${paymentParties.organisationNumber} = ${p.organisationNumber})`;
    case 'private':
      return sql`${receivables.partyId} in (select ${paymentParties.id} from ${paymentParties} where ${paymentParties.nationalIdentityNumber} = ${p.nationalIdentityNumber})`;
    case 'officer':
    case 'auditor':
      return undefined;
    default:
      return sql`false`;
  }
}
