import type { Principal } from './auth/principal.js';
import type { Database } from './db/client.js';
import { createDeclarationLoaders } from './modules/declarations/loaders.js';
import { createPartyLoaders } from './modules/parties/loaders.js';

/** Every batch loader of a request, created together so none is created lazily by a resolver. */
export function createLoaders(db: Database, principal: Principal) {
  return {
    declarations: createDeclarationLoaders(db, principal),
    parties: createPartyLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
