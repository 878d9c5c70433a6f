import type { ApolloServerPlugin } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { Database } from '../db/client.js';
import { type WriteOutcome, writeOutcomeOf } from './write-outcome.js';

/**
 * A cap on the size of a response body. The cost limit bounds what a query may ask for; this
 * bounds what leaves the server whatever the estimate missed (long descriptions, many lines of
 * an assessment). An over-size response is replaced by one error, RESPONSE_TOO_LARGE, with HTTP
 * 400: nothing of the data is sent. A mutation's changes are kept; only its answer is withheld,
 * and when something was committed the error says `writeOutcome: COMMITTED` and the status is
 * 200 with `data: null`, since the operation ran: a 400 would read as a request that changed nothing.
 *
 * The check serialises the response once, in the last hook before Apollo sends it, and hands the
 * same text to Apollo's serialiser so that a large response is not serialised twice.
 */
export function responseSizeLimit(maxBytes: number): {
  plugin: ApolloServerPlugin<{ requestId?: string; readonly db?: Database }>;
  stringifyResult: (value: FormattedExecutionResult) => string;
} {
  /** Text of a result that passed the check, by its data, with the parts it was made of. */
  const checked = new WeakMap<object, { errors: unknown; extensions: unknown; text: string }>();
  // Apollo serialises errors, data and extensions in this order; so must we to reuse the text.
  const serialise = (result: FormattedExecutionResult) =>
    `${JSON.stringify({ errors: result.errors, data: result.data, extensions: result.extensions })}\n`;
  const tooLarge = (
    bytes: number | undefined,
    requestId: string | undefined,
    outcome?: WriteOutcome,
  ): FormattedExecutionResult => ({
    ...(outcome ? { data: null } : {}),
    errors: [
      {
        message: `The response would be larger than ${maxBytes} bytes, the limit. Ask for fewer items or fields.`,
        extensions: {
          code: 'RESPONSE_TOO_LARGE',
          limit: maxBytes,
          ...(bytes === undefined ? {} : { bytes }),
          ...(requestId ? { requestId } : {}),
          ...(outcome ? { writeOutcome: outcome } : {}),
        },
      },
    ],
  });

  return {
    plugin: {
      async requestDidStart() {
        return {
          async willSendResponse({ response, contextValue }) {
            if (response.body.kind !== 'single') return;
            const result = response.body.singleResult;
            const text = serialise(result);
            const bytes = Buffer.byteLength(text);
            if (bytes > maxBytes) {
              const outcome = writeOutcomeOf(contextValue);
              response.http.status = outcome ? 200 : 400;
              response.body.singleResult = tooLarge(bytes, contextValue?.requestId, outcome);
            } else if (result.data) {
              checked.set(result.data, { errors: result.errors, extensions: result.extensions, text });
            }
          },
        };
      },
    },
    stringifyResult(result) {
      const known = result.data ? checked.get(result.data) : undefined;
      if (known && known.errors === result.errors && known.extensions === result.extensions) return known.text;
      const text = serialise(result);
      // Changed after the check (or never checked, as Apollo's own error answers): check it here;
      // the status is decided by now, the body not yet.
      return Buffer.byteLength(text) > maxBytes ? serialise(tooLarge(undefined, undefined)) : text;
    },
  };
}
