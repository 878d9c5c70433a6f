import type { Database } from './client.js';

/**
 * What a request tells its transactions: whether it has been given up (its client left, its
 * deadline passed, or shutdown cut it), and, back, whether one of them is committing.
 */
export interface TransactionGuard {
  readonly signal: AbortSignal;
  /** Transactions of the request whose work is done and whose COMMIT is under way. */
  committing: number;
  /** Transactions of the request that have committed. */
  committed: number;
}

/** The reason a guarded transaction rolls back: nobody is waiting for its outcome any more. */
export class RequestAbandoned extends Error {
  readonly code = 'REQUEST_ABANDONED';
  constructor(readonly why: string) {
    super(`the request was abandoned (${why}); its transaction rolls back`);
  }
}

/**
 * The request's view of the database: the same handle, except that a transaction checks the
 * request's signal when it starts and again just before it commits, and rolls back if the
 * request was abandoned meanwhile. A request answered TIMEOUT or SHUTTING_DOWN, or whose client
 * went away, so never commits later behind its answer. Once the check before COMMIT has passed,
 * `committing` tells the request's owner that the outcome is now the database's to decide, and
 * `committed` that the request has changed something already.
 */
export function guardTransactions(db: Database, guard: TransactionGuard): Database {
  const guarded = Object.create(db) as Database;
  guards.set(guarded, guard);
  const transaction: Database['transaction'] = async (work, config) => {
    throwIfAbandoned(guard.signal);
    let committing = false;
    try {
      const result = await db.transaction(async (tx) => {
        const outcome = await work(tx);
        throwIfAbandoned(guard.signal);
        committing = true;
        guard.committing++;
        return outcome;
      }, config);
      guard.committed++;
      return result;
    } finally {
      if (committing) guard.committing--;
    }
  };
  Object.defineProperty(guarded, 'transaction', { value: transaction });
  return guarded;
}

const guards = new WeakMap<Database, TransactionGuard>();

/**
 * The guard of a request's database handle, for what answers the request to see what it has
 * committed; undefined for a handle `guardTransactions` did not make. A handle derived from a
 * guarded one (`Object.create`, as `withBeforeCommit` makes) has its guard.
 */
export function guardOf(db: Database): TransactionGuard | undefined {
  for (let handle: object | null = db; handle; handle = Object.getPrototypeOf(handle)) {
    const guard = guards.get(handle as Database);
    if (guard) return guard;
  }
  return undefined;
}

function throwIfAbandoned(signal: AbortSignal): void {
  if (!signal.aborted) return;
  throw signal.reason instanceof RequestAbandoned ? signal.reason : new RequestAbandoned(String(signal.reason));
}
