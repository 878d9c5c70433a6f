import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type GraphQLFormattedError, type ParseOptions, type ValidationRule } from 'graphql';

/**
 * Limits on the shape of a document, checked before anything walks it deeply. The parser stops
 * at the token limit, so a few megabytes of repeated arguments or directives cost a few thousand
 * tokens of lexing, not a syntax tree; graphql-armor's depth, alias and directive rules (each
 * fragment counted once and reused wherever it is spread) then refuse what is too deep or too
 * wide before the cost analysis and execution. Every refusal answers 400 with a stable `reason`.
 */
export interface DocumentLimits {
  readonly maxTokens: number;
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
}

export function limitError(message: string, reason: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason } });
}

/** The parser's own token limit: it stops lexing there instead of building the tree. */
export function documentParseOptions(limits: DocumentLimits): ParseOptions {
  return { maxTokens: limits.maxTokens };
}

/**
 * graphql-armor's rules with our codes. Armor reports its own message through `onReject`; we
 * report ours instead, so the client sees the limit, what it asked for and a stable reason.
 */
export function documentLimitRules(limits: DocumentLimits): ValidationRule[] {
  const reject =
    (reason: string, describe: (found: string) => string) =>
    (context: { reportError(error: GraphQLError): void } | null, error: GraphQLError) => {
      const found = /found (\d+)/.exec(error.message)?.[1] ?? 'more';
      context?.reportError(limitError(describe(found), reason));
    };
  const { validationRules } = new ApolloArmor({
    // Our own cost analysis prices connections by page size; the parser counts the tokens.
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
    maxDepth: {
      n: limits.maxDepth,
      // A fragment is part of the selection it is spread into, not a level of its own.
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [
        reject('QUERY_TOO_DEEP', (found) => `The query is ${found} levels deep; the limit is ${limits.maxDepth}.`),
      ],
    },
    maxAliases: {
      n: limits.maxAliases,
      // Every alias counts, `__typename` too: a million of them would still be a million fields.
      allowList: [],
      propagateOnRejection: false,
      onReject: [
        reject('TOO_MANY_ALIASES', (found) => `The query uses ${found} aliases; the limit is ${limits.maxAliases}.`),
      ],
    },
    maxDirectives: {
      n: limits.maxDirectives,
      propagateOnRejection: false,
      onReject: [
        reject(
          'TOO_MANY_DIRECTIVES',
          (found) => `The query uses ${found} directives; the limit is ${limits.maxDirectives}.`,
        ),
      ],
    },
  }).protect();
  return validationRules as ValidationRule[];
}

/** A stack overflow: what a document nested or chained beyond what a walker can follow causes. */
function isStackOverflow(error: unknown): boolean {
  for (let cause = error, hops = 0; cause && hops < 5; hops++) {
    if (cause instanceof RangeError) return true;
    cause = (cause as { originalError?: unknown }).originalError;
  }
  return false;
}

const TOO_DEEP_TO_READ = 'The query is nested too deeply to be read. Nest fewer selections.';

/**
 * What a client sees of a parse failure caused by a limit: the parser's token limit gets a
 * reason, and a document too deep for the parser a plain message instead of the engine's own
 * ("Maximum call stack size exceeded"). Undefined for ordinary syntax errors, which pass as they are.
 */
export function parseLimitFailure(
  formatted: GraphQLFormattedError,
  error: unknown,
): { message: string; extensions: Record<string, unknown> } | undefined {
  if (formatted.extensions?.code !== 'GRAPHQL_PARSE_FAILED') return undefined;
  if (isStackOverflow(error)) {
    return { message: TOO_DEEP_TO_READ, extensions: { code: 'GRAPHQL_PARSE_FAILED', reason: 'QUERY_TOO_DEEP' } };
  }
  // graphql 16 spells it "more that"; accept the corrected spelling of a later release too.
  const tokens = /Document contains more tha[nt] (\d+) tokens/.exec(formatted.message)?.[1];
  if (tokens) {
    return {
      message: `The query has more than ${tokens} tokens, the limit. Send values as variables, and ask for less.`,
      extensions: { code: 'GRAPHQL_PARSE_FAILED', reason: 'TOO_MANY_TOKENS', limit: Number(tokens) },
    };
  }
  return undefined;
}

/**
 * The last line of defence: a stack overflow anywhere between parsing and execution (a
 * validation rule following a long chain of fragments, say) would reach Apollo as an unexpected
 * error and answer 500 without a request id. The token limit keeps documents small enough that
 * none is expected; if one happens anyway, it is the document's shape, and the client is told so.
 */
export function stackOverflowPlugin(): ApolloServerPlugin<{ requestId?: string }> {
  return {
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      if (!isStackOverflow(error)) return;
      // Apollo answers what this hook throws instead of its generic 500.
      throw new GraphQLError(TOO_DEEP_TO_READ, {
        extensions: {
          code: 'GRAPHQL_VALIDATION_FAILED',
          reason: 'QUERY_TOO_COMPLEX',
          requestId: requestContext.contextValue?.requestId,
          http: { status: 400 },
        },
      });
    },
  };
}
