import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one process. Each instance exposes its own at /metrics; the scraper
 * aggregates across instances, so nothing here needs sharing.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requestDuration: new Histogram({
      name: 'tollgate_http_request_duration_seconds',
      help: 'Duration of HTTP requests by route and status.',
      labelNames: ['route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    graphqlOperations: new Counter({
      name: 'tollgate_graphql_operations_total',
      help: 'GraphQL operations by type and outcome.',
      labelNames: ['operation', 'outcome'] as const,
      registers: [registry],
    }),
    rateLimitUncounted: new Counter({
      name: 'tollgate_rate_limit_uncounted_total',
      help: 'Requests let through uncounted because the rate-limit store (Redis) did not answer.',
      registers: [registry],
    }),
    sqlStatements: new Histogram({
      name: 'tollgate_sql_statements_per_request',
      help: 'SQL statements issued per GraphQL request.',
      buckets: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
