import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Database } from '../db/client.js';
import { classifyDatabaseError, type DatabaseFault } from '../db/faults.js';
import { withWriteOutcome, writeOutcomeOf } from './write-outcome.js';

/**
 * The database being down or too slow, as the client sees it: a GraphQL error with a stable code
 * and a message of ours, never the driver's text. HTTP status, following the GraphQL over HTTP
 * specification for `application/graphql-response+json`: a request that produced no data may be
 * answered 5xx, so `DATABASE_UNAVAILABLE` is 503 and `TIMEOUT` 504 when nothing of the operation
 * could be answered; a response that holds some data stays 200 with the error at its path.
 */
const FAULTS: Record<DatabaseFault, { code: string; status: number; message: string }> = {
  unavailable: {
    code: 'DATABASE_UNAVAILABLE',
    status: 503,
    message: 'The database is unavailable. Try again in a moment.',
  },
  timeout: {
    code: 'TIMEOUT',
    status: 504,
    message: 'The database did not answer in time; nothing was changed. Try again in a moment.',
  },
};

/**
 * The message of a fault after an earlier transaction of the request committed: "nothing was
 * changed, try again" would then be wrong, and a blind retry of the whole mutation could repeat
 * what was saved.
 */
const AFTER_COMMIT_MESSAGE =
  'The database failed during this request after part of its change was saved (see writeOutcome). Submit it again with the same client reference to learn what was saved.';

const STATUS_BY_CODE = new Map(Object.values(FAULTS).map((fault) => [fault.code, fault.status]));

/** The client's view of a database fault, or undefined when the error is something else. */
export function formatDatabaseFault(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError | undefined {
  const fault = classifyDatabaseError(error);
  if (!fault) return undefined;
  const { code, message } = FAULTS[fault];
  return {
    message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code },
  };
}

/** For a failure before execution (building the request's context): a GraphQL error Apollo answers with its status. */
export function databaseFaultAsGraphQLError(error: unknown, requestId: string): GraphQLError | undefined {
  const fault = classifyDatabaseError(error);
  if (!fault) return undefined;
  const { code, status, message } = FAULTS[fault];
  return new GraphQLError(message, { extensions: { code, requestId, http: { status } } });
}

/**
 * Answers 503 or 504, without a `data` entry, when every root field of the operation came back
 * null because of a database fault: there is no partial result to deliver, and a load balancer or
 * client retry policy should see the failure in the status. When a transaction of the request has
 * committed, the fault errors say `writeOutcome: COMMITTED` instead of "nothing was changed", and
 * the answer stays 200 with what data it has (none, when the fault stopped a mutation: see
 * mutation-outcome.ts): a failure status would invite retrying a saved change.
 */
export function databaseFaultStatusPlugin<T extends { readonly db?: Database }>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const isFault = (error: GraphQLFormattedError) => STATUS_BY_CODE.has(String(error.extensions?.code));
          const outcome = writeOutcomeOf(contextValue);
          if (outcome) {
            if (result.errors?.some(isFault)) {
              result.errors = result.errors.map((error) =>
                isFault(error) ? withWriteOutcome(error, outcome, AFTER_COMMIT_MESSAGE) : error,
              );
            }
            return;
          }
          const status = result.errors
            ?.map((error) => STATUS_BY_CODE.get(String(error.extensions?.code)))
            .find((s) => s !== undefined);
          if (status === undefined) return;
          const data = result.data as Record<string, unknown> | null | undefined;
          if (data && Object.values(data).some((value) => value !== null)) return;
          delete result.data;
          response.http.status = status;
        },
      };
    },
  };
}
