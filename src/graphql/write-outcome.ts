import type { GraphQLFormattedError } from 'graphql';
import type { Database } from '../db/client.js';
import { guardOf } from '../db/guarded-transactions.js';

/**
 * What an error tells the client about the request's writes, once one of its transactions has
 * committed: `writeOutcome: COMMITTED`. A multi-field mutation can commit its first field and
 * then fail on a limit or a database fault; an error that read as "nothing happened" would invite
 * a blind retry, while this one says to resubmit with the same client reference (which replays
 * what was stored) or to look first.
 */
export type WriteOutcome = 'COMMITTED';

/** COMMITTED when a transaction of the request behind `context` has committed. */
export function writeOutcomeOf(context: { readonly db?: Database } | undefined): WriteOutcome | undefined {
  const guard = context?.db ? guardOf(context.db) : undefined;
  return guard && guard.committed > 0 ? 'COMMITTED' : undefined;
}

/** `error` with `writeOutcome` among its extensions, and its message replaced when `message` is given. */
export function withWriteOutcome(
  error: GraphQLFormattedError,
  outcome: WriteOutcome,
  message?: string,
): GraphQLFormattedError {
  return { ...error, ...(message ? { message } : {}), extensions: { ...error.extensions, writeOutcome: outcome } };
}
