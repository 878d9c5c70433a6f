import type { Database, Executor } from './client.js';

/**
 * Work to do in every transaction of a handle after the transaction's own work and before its
 * COMMIT, with what the work returned. A hook may send a statement without awaiting it, to go
 * out with the COMMIT: should it fail, the database answers the COMMIT with ROLLBACK and the
 * transaction rejects with its error (both drivers; see patches/postgres+3.4.9.patch).
 */
export type BeforeCommit = (tx: Executor, outcome: unknown) => void | Promise<void>;

/**
 * `db` whose transactions run `hook` last, inside the transaction. Nested transactions
 * (savepoints, `tx.transaction`) are the outer transaction's and run no hook of their own.
 */
export function withBeforeCommit(db: Database, hook: BeforeCommit): Database {
  const hooked = Object.create(db) as Database;
  const transaction: Database['transaction'] = (work, config) =>
    db.transaction(async (tx) => {
      const outcome = await work(tx);
      await hook(tx, outcome);
      return outcome;
    }, config);
  Object.defineProperty(hooked, 'transaction', { value: transaction });
  return hooked;
}
