import DataLoader from 'dataloader';
import type { Access } from '../../../auth/access.js';
import type { Database } from '../../../db/client.js';
import { findPenaltiesOf, type PenaltyRow } from './repository.js';
import { penaltyVisibility } from './service.js';

/** The penalties of declarations the caller sees, filtered by the caller's row scope: one statement per page. */
export function createPenaltyLoaders(db: Database, access: Access) {
  const visibility = penaltyVisibility(access.principal);
  return {
    byDeclaration: new DataLoader<number, PenaltyRow[]>(async (ids) => {
      const rows = await findPenaltiesOf(db, ids, visibility);
      return ids.map((id) => rows.filter((row) => row.declarationId === id));
    }),
  };
}
