import DataLoader from 'dataloader';
import type { Access } from '../../auth/access.js';
import type { Database } from '../../db/client.js';
import type { MandateKind } from './model.js';
import { findMandatesByIds, type MandateRow } from './repository.js';
import { mandateScope } from './scope.js';
import { grantorKey, type RepresentationQuery, representationKinds } from './service.js';

/** Batch loaders of mandates. */
export function createMandateLoaders(db: Database, access: Access) {
  const scope = mandateScope(access.principal);
  return {
    /** Mandates by id, within the caller's row scope: what `node` and `nodes` read. */
    mandateById: new DataLoader<number, MandateRow | null>(async (ids) => {
      const byId = await findMandatesByIds(db, scope, ids);
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /**
     * The kind of representation a declaration version was made under. Not row-scoped: it is a
     * fact of a declaration the caller already sees, and tells nothing else about the mandate.
     */
    representationAt: new DataLoader<RepresentationQuery, MandateKind | null, string>(
      (queries) => representationKinds(db, queries),
      { cacheKeyFn: (q) => `${q.representative}|${grantorKey(q.grantor)}|${q.at.toISOString()}` },
    ),
  };
}
