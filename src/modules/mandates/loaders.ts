import DataLoader from 'dataloader';
import type { Access } from '../../auth/access.js';
import type { Database } from '../../db/client.js';
import { findMandatesByIds, type MandateRow } from './repository.js';
import { mandateScope } from './scope.js';

/** Batch loaders of mandates, bound to the caller's row scope (what `node` and `nodes` read). */
export function createMandateLoaders(db: Database, access: Access) {
  const scope = mandateScope(access.principal);
  return {
    mandateById: new DataLoader<number, MandateRow | null>(async (ids) => {
      const byId = await findMandatesByIds(db, scope, ids);
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
