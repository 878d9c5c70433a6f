import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as DrizzleLogger } from 'drizzle-orm/logger';

/**
 * Counts the SQL statements issued on behalf of one unit of work (a request),
 * across every async hop inside it, including DataLoader batches. The count feeds the
 * per-request log line, the `extensions.sqlStatements` figure in development and the tests that
 * keep N+1 queries out.
 */
export interface StatementTally {
  count: number;
}

const storage = new AsyncLocalStorage<StatementTally>();

/** Runs `work` (and everything it starts) counting into `tally`. */
export function runWithStatementTally<T>(tally: StatementTally, work: () => T): T {
  return storage.run(tally, work);
}

export function currentStatementCount(): number | undefined {
  return storage.getStore()?.count;
}

export type StatementListener = (sql: string, params: unknown[]) => void;

/** A Drizzle logger that counts, and forwards to an optional listener (for debugging or tests). */
export function statementCountingLogger(listener?: StatementListener): DrizzleLogger {
  return {
    logQuery(query, params) {
      const tally = storage.getStore();
      if (tally) tally.count++;
      listener?.(query, params);
    },
  };
}
