import type { Principal } from './auth/principal.js';
import type { Database } from './db/client.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { Logger } from './logger.js';
import type { Clock } from './shared/clock.js';

/**
 * Everything a resolver may use, built once per request. Loaders are created here, all at once,
 * bound to the principal so that every batched read applies the caller's row scope.
 */
export interface RequestContext {
  readonly requestId: string;
  readonly principal: Principal;
  readonly db: Database;
  readonly clock: Clock;
  readonly log: Logger;
  readonly loaders: Loaders;
}

export interface ContextDependencies {
  readonly db: Database;
  readonly clock: Clock;
  readonly log: Logger;
}

export function createRequestContext(
  deps: ContextDependencies,
  requestId: string,
  principal: Principal,
): RequestContext {
  let log: Logger | undefined;
  return {
    requestId,
    principal,
    db: deps.db,
    clock: deps.clock,
    // Most requests log nothing of their own: make the request's child logger on first use.
    get log() {
      log ??= deps.log.child({ requestId });
      return log;
    },
    loaders: createLoaders(deps.db, principal),
  };
}
