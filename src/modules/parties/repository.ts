import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { organisations } from './tables.js';

export type OrganisationRow = typeof organisations.$inferSelect;

export function findOrganisations(db: Executor, numbers: readonly string[]): Promise<OrganisationRow[]> {
  return db
    .select()
    .from(organisations)
    .where(inArray(organisations.organisationNumber, [...numbers]));
}
