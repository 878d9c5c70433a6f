import DataLoader from 'dataloader';
import type { Database } from '../../db/client.js';
import { findOrganisations, type OrganisationRow } from './repository.js';

export function createPartyLoaders(db: Database) {
  return {
    organisation: new DataLoader<string, OrganisationRow | null>(async (numbers) => {
      const byNumber = new Map((await findOrganisations(db, numbers)).map((row) => [row.organisationNumber, row]));
      return numbers.map((number) => byNumber.get(number) ?? null);
    }),
  };
}
