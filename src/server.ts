import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { PothosValidationError } from '@pothos/core';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { type GraphQLFormattedError, type GraphQLSchema, printSchema } from 'graphql';
import { describePrincipal, type Principal } from './auth/principal.js';
import { TokenRejected, type TokenVerifier } from './auth/tokens.js';
import { createRequestContext, type RequestContext, serverShared } from './composition/context.js';
import { protectedSchema } from './composition/schema.js';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/client.js';
import { guardTransactions } from './db/guarded-transactions.js';
import { currentStatementCount, runWithStatementTally, type StatementTally } from './db/statement-counter.js';
import { type CompiledPlans, compiledExecution, type ExecutionMode } from './graphql/compiled-execution.js';
import { costPlugin } from './graphql/cost-budget.js';
import {
  databaseFaultAsGraphQLError,
  databaseFaultStatusPlugin,
  formatDatabaseFault,
} from './graphql/database-errors.js';
import {
  documentLimitRules,
  documentParseOptions,
  parseLimitFailure,
  stackOverflowPlugin,
} from './graphql/document-limits.js';
import { domainErrorToGraphQL } from './graphql/errors.js';
import { inputGuardPlugin } from './graphql/input-guard.js';
import { introspectionLimit } from './graphql/limits.js';
import { MUTATION_NOT_RUN, mutationOutcomePlugin } from './graphql/mutation-outcome.js';
import { responseSizeLimit } from './graphql/response-size.js';
import { demoTokensAccess } from './http/demo-tokens-access.js';
import { errorHandler, notFound, requireJsonBody, withRequestId } from './http/error-responses.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { playgroundResponder, playgroundRouter, wantsPlayground } from './http/playground.js';
import { type RateLimiter, rateLimitClient } from './http/rate-limit.js';
import { createRequestTracker, type RequestTracker } from './http/request-control.js';
import { requestIdentityFor, runWithRequestIdentity } from './http/request-id.js';
import { securityHeaders } from './http/security-headers.js';
import type { Logger } from './logger.js';
import type { Clock } from './shared/clock.js';
import { DomainError } from './shared/errors.js';

export interface ServerDependencies {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly log: Logger;
  readonly clock: Clock;
  readonly verifier: TokenVerifier;
  /** Mints the playground's demo tokens; absent outside development and sandbox setups. */
  readonly demoTokens?: (() => Promise<{ label: string; token: string }[]>) | undefined;
  /** Counts requests per client; absent, nothing is limited. */
  readonly rateLimiter?: RateLimiter | undefined;
  /** Replaces the executable schema; the benchmark passes the unprotected one to measure what authorization costs. */
  readonly schema?: GraphQLSchema | undefined;
  /**
   * How operations execute: `compiled` (the default, as served) compiles read operations with
   * graphql-jit (graphql/compiled-execution.ts); `interpreted` executes everything with graphql-js,
   * which the benchmark measures against it.
   */
  readonly execution?: ExecutionMode | undefined;
}

export interface TollgateServer {
  readonly app: Express;
  readonly apollo: ApolloServer<RequestContext>;
  readonly schema: GraphQLSchema;
  /** The compiled plans of read operations; undefined when executing with graphql-js alone. */
  readonly plans: CompiledPlans | undefined;
  readonly metrics: Metrics;
  /** Requests in flight, their deadlines and their refusal during shutdown. */
  readonly requests: RequestTracker;
  /** Readiness answers 503 from now on, so a load balancer stops sending traffic; new requests are refused. */
  markShuttingDown(): void;
  stop(): Promise<void>;
}

/** Routes with their own metric label; everything else is "other" (unbounded paths make unbounded series). */
const KNOWN_ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics', '/graphql/schema.graphql']);

interface RequestLocals {
  requestId: string;
  correlationId: string | undefined;
  principal: Principal;
  tally: StatementTally;
}

function locals(res: Response): RequestLocals {
  return res.locals as RequestLocals;
}

/** Error codes whose message is written for the client and safe to pass on as is. */
const CLIENT_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'QUERY_TOO_COSTLY',
  MUTATION_NOT_RUN,
  'RESPONSE_TOO_LARGE',
  'INVALID_INPUT',
  ...['VALIDATION_FAILED', 'IDEMPOTENCY_CONFLICT', 'INVALID_STATUS', 'VERSION_CONFLICT', 'NOT_PERMITTED'],
]);

/**
 * What reaches the client of an error: its message and code when the error is one we raised for
 * the client; otherwise a generic message. Never a stack trace, SQL or driver text.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const fault = formatDatabaseFault(formatted, original);
  if (fault) return fault;
  const base = {
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };
  if (original instanceof DomainError) {
    const mapped = domainErrorToGraphQL(original);
    return { ...base, message: mapped.message, extensions: { ...mapped.extensions } };
  }
  if (original instanceof PothosValidationError) {
    return { ...base, message: original.message, extensions: { code: 'BAD_USER_INPUT' } };
  }
  const parseLimit = parseLimitFailure(formatted, error);
  if (parseLimit) return { ...base, ...parseLimit };
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...base, message: formatted.message, extensions };
  }
  return {
    ...base,
    message: 'Internal server error. The request id in the response headers helps us find it.',
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

function observabilityPlugin(metrics: Metrics, reportSqlStatements: boolean): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            const code = error.extensions?.code;
            if (original instanceof DomainError || original instanceof PothosValidationError) continue;
            if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) continue;
            contextValue?.log?.error({ err: original, path: error.path }, 'unexpected error in a GraphQL request');
          }
        },
        async willSendResponse({ response, contextValue, operation, errors }) {
          metrics.graphqlOperations.inc({
            operation: operation?.operation ?? 'unknown',
            outcome: errors?.length ? 'error' : 'ok',
          });
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors && contextValue?.requestId) {
            result.errors = result.errors.map((e) => ({
              ...e,
              extensions: { ...e.extensions, requestId: contextValue.requestId },
            }));
          }
          // Development aid: how many SQL statements the request cost (N+1 queries show up here).
          if (reportSqlStatements) {
            result.extensions = { ...result.extensions, sqlStatements: currentStatementCount() };
          }
        },
      };
    },
  };
}

/**
 * Writes the request's reads of personal data by a partner agency to the access log before the
 * response leaves. If the log cannot be written, the response carries no data: a read that is
 * not logged must not happen.
 */
function accessLogPlugin(database: DatabaseHandle, clock: Clock): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const reads = contextValue?.personalDataReads;
          if (!reads || reads.size === 0) return;
          try {
            await reads.flush(database.db, contextValue, clock.now());
          } catch (error) {
            contextValue.log.error({ err: error }, 'could not write the access log; withholding the response');
            if (response.body.kind === 'single') {
              response.body.singleResult = {
                errors: [
                  {
                    message: 'Internal server error. The request id in the response headers helps us find it.',
                    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: contextValue.requestId },
                  },
                ],
              };
            }
          }
        },
      };
    },
  };
}

export async function createServer(deps: ServerDependencies): Promise<TollgateServer> {
  const { config, database, log, clock, verifier } = deps;
  const schema = deps.schema ?? protectedSchema();
  const metrics = createMetrics();
  let shuttingDown = false;
  const responseSize = responseSizeLimit(config.limits.maxResponseBytes);
  // On the unguarded handle: a book is shared by every request, so no one request's deadline aborts its build.
  const shared = serverShared(database.db);

  const compiled = (deps.execution ?? 'compiled') === 'compiled' ? compiledExecution(schema) : undefined;
  const apollo = new ApolloServer<RequestContext>({
    ...(compiled ? { gateway: compiled.gateway } : { schema }),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // main.ts owns shutdown (stop listening, drain, then stop Apollo and close the pool);
    // Apollo's own signal handler would stop it first and re-raise the signal mid-drain.
    stopOnTerminationSignals: false,
    parseOptions: documentParseOptions(config.limits),
    validationRules: [...documentLimitRules(config.limits), introspectionLimit()],
    formatError: withRequestId(formatError),
    stringifyResult: responseSize.stringifyResult,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // We set no cache hints; the plugin would otherwise wrap every field resolver for nothing.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      inputGuardPlugin(),
      costPlugin(config.limits.maxCost),
      mutationOutcomePlugin(),
      databaseFaultStatusPlugin(),
      accessLogPlugin(database, clock),
      observabilityPlugin(metrics, config.reportSqlStatements),
      stackOverflowPlugin(),
      // Last: it measures the response as the other plugins leave it.
      responseSize.plugin,
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // GraphQL responses are not cacheable by URL; hashing every body for an ETag is wasted work.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);

  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const identity = requestIdentityFor(req.headers);
    const { requestId, correlationId } = identity;
    const tally: StatementTally = { count: 0 };
    Object.assign(res.locals, { requestId, correlationId, tally });
    res.setHeader('X-Request-Id', requestId);
    if (correlationId) res.setHeader('X-Correlation-Id', correlationId);
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const path = req.originalUrl.split('?')[0] ?? '';
      const route = path.startsWith('/playground') ? '/playground' : KNOWN_ROUTES.has(path) ? path : 'other';
      metrics.requestDuration.observe({ route, status: String(res.statusCode) }, seconds);
      if (route === '/graphql' && req.method === 'POST') metrics.sqlStatements.observe(tally.count);
      const principal = locals(res).principal;
      log.info(
        {
          requestId,
          ...(correlationId ? { correlationId } : {}),
          method: req.method,
          path,
          status: res.statusCode,
          durationMs: Math.round(seconds * 1000 * 10) / 10,
          sqlStatements: tally.count,
          ...(principal ? { principal: describePrincipal(principal) } : {}),
        },
        'request',
      );
    });
    runWithRequestIdentity(identity, () => runWithStatementTally(tally, next));
  });
  app.use(securityHeaders);
  const requests = createRequestTracker({ requestTimeoutMs: config.requestTimeoutMs, log });
  app.use(requests.middleware);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (shuttingDown) {
      res.status(503).json({ status: 'shutting-down' });
      return;
    }
    try {
      await Promise.race([
        database.ping(),
        new Promise((_resolve, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      res.json({ status: 'ready', database: database.kind });
    } catch {
      res.status(503).json({ status: 'unavailable', database: database.kind });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use(playgroundRouter());
  const demoTokens = config.playgroundTokens === 'off' ? undefined : deps.demoTokens;
  if (demoTokens) {
    const mint = demoTokens;
    app.get('/playground/tokens', demoTokensAccess(config.playgroundTokens), async (_req, res) => {
      res.json(await mint());
    });
  }
  const sdl = printSchema(schema);
  app.get('/graphql/schema.graphql', (_req, res) => {
    res.type('text/plain; charset=utf-8').send(sdl);
  });

  const sendPlayground = playgroundResponder({ demoTokens: Boolean(demoTokens) });
  app.use('/graphql', async (req: Request, res: Response, next: NextFunction) => {
    if (wantsPlayground(req.method, req.headers.accept, typeof req.query.query === 'string')) {
      sendPlayground(res);
      return;
    }
    try {
      const principal = await verifier.principalFor(req.headers.authorization);
      locals(res).principal = principal;
      if (deps.rateLimiter) {
        // Clients are counted by who they are; the public, by address.
        const verdict = await deps.rateLimiter.hit(rateLimitClient(principal, req.ip));
        if (!verdict.counted) metrics.rateLimitUncounted.inc();
        res.setHeader('X-RateLimit-Limit', String(config.limits.requestsPerMinute));
        res.setHeader('X-RateLimit-Remaining', String(verdict.remaining));
        res.setHeader('X-RateLimit-Reset', String(verdict.resetSeconds));
        if (!verdict.allowed) {
          res
            .status(429)
            .setHeader('Retry-After', String(verdict.resetSeconds))
            .json({
              errors: [
                {
                  message: `Too many requests: at most ${config.limits.requestsPerMinute} a minute. Try again in ${verdict.resetSeconds} s.`,
                  extensions: {
                    code: 'RATE_LIMITED',
                    retryAfterSeconds: verdict.resetSeconds,
                    requestId: locals(res).requestId,
                  },
                },
              ],
            });
          return;
        }
      }
      next();
    } catch (error) {
      if (!(error instanceof TokenRejected)) throw error;
      res
        .status(401)
        .setHeader(
          'WWW-Authenticate',
          `Bearer error="invalid_token", error_description="${error.message.replace(/"/g, "'")}"`,
        )
        .json({
          errors: [{ message: error.message, extensions: { code: error.code, requestId: locals(res).requestId } }],
        });
    }
  });
  app.use(
    '/graphql',
    requireJsonBody,
    express.json({ limit: '5mb' }),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const { requestId, correlationId, principal } = locals(res);
        const db = guardTransactions(database.db, requests.controlOf(res));
        return createRequestContext({ db, clock, log, ...shared }, requestId, principal, correlationId).catch(
          (error: unknown) => {
            throw databaseFaultAsGraphQLError(error, requestId) ?? error;
          },
        );
      },
    }),
  );

  app.use(notFound);
  app.use(errorHandler(log));

  return {
    app,
    apollo,
    schema,
    plans: compiled?.plans,
    metrics,
    requests,
    markShuttingDown: () => {
      shuttingDown = true;
      requests.beginShutdown();
    },
    stop: () => apollo.stop(),
  };
}
