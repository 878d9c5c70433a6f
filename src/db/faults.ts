/**
 * Which database failures are the database's state rather than a bug of ours: it is unreachable
 * or going away (`unavailable`), or it gave up on a statement after a time limit (`timeout`).
 * The one place that reads the drivers' error shapes: postgres.js raises its own connection
 * errors (`CONNECTION_CLOSED`, `CONNECT_TIMEOUT` ...), Node's socket errors (`ECONNREFUSED` ...)
 * and server errors with a SQLSTATE in `code`; PGlite raises server errors the same way; Drizzle
 * wraps either in a `DrizzleQueryError` whose `cause` is the driver's error.
 */
export type DatabaseFault = 'unavailable' | 'timeout';

/** postgres.js's connection errors and Node's socket errors: no usable connection. */
const UNAVAILABLE_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs (PostgreSQL's appendix "Error Codes"). 57014 query_canceled is what statement_timeout
 * raises, 55P03 lock_not_available what lock_timeout raises, 25P03 what
 * idle_in_transaction_session_timeout ends a session with.
 */
const TIMEOUT_SQLSTATES = new Set(['57014', '55P03', '25P03']);
/** admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections, database_dropped. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '57P04', '53300']);

function classifyOne(error: { code?: unknown; message?: unknown }): DatabaseFault | undefined {
  const code = typeof error.code === 'string' ? error.code : undefined;
  if (code) {
    if (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code)) return 'unavailable';
    // Class 08: connection exception.
    if (/^08[0-9A-Z]{3}$/.test(code)) return 'unavailable';
    if (TIMEOUT_SQLSTATES.has(code)) return 'timeout';
  }
  // PGlite after close(): a plain Error with this message and no code.
  if (typeof error.message === 'string' && error.message === 'PGlite is closed') return 'unavailable';
  return undefined;
}

/** The fault an error stands for, looking through `cause` chains (Drizzle, GraphQL); undefined for anything else. */
export function classifyDatabaseError(error: unknown): DatabaseFault | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const fault = classifyOne(current as { code?: unknown; message?: unknown });
    if (fault) return fault;
    const next =
      (current as { cause?: unknown }).cause ?? (current as { originalError?: unknown }).originalError ?? undefined;
    if (next === current) break;
    current = next;
  }
  return undefined;
}
