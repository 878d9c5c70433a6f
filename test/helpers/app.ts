import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import type { DevTokenRequest } from '../../src/auth/tokens.js';
import { createTokenVerifier, issueDevToken } from '../../src/auth/tokens.js';
import { type Config, loadConfig } from '../../src/config.js';
import { demoTokenMinter } from '../../src/dev-tokens.js';
import { createHttpListener } from '../../src/http/listener.js';
import type { RateLimiter } from '../../src/http/rate-limit.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createServer, type TollgateServer } from '../../src/server.js';
import type { Clock } from '../../src/shared/clock.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** Response data is untyped JSON in tests; assertions say what is expected. */
// biome-ignore lint/suspicious/noExplicitAny: test responses are free-form JSON
type Json = any;

export interface GraphQLResponse {
  status: number;
  headers: Headers;
  body: {
    data?: Json;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
    extensions?: Json;
  };
}

export interface TestApp {
  readonly url: string;
  readonly db: TestDatabase;
  readonly server: TollgateServer;
  readonly config: Config;
  /** Sends a GraphQL request over HTTP, as a client would. */
  graphql(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse>;
  token(request: DevTokenRequest): Promise<string>;
  close(): Promise<void>;
}

/** A clock tests can set. */
export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    set: (next: string) => {
      now = new Date(next);
    },
  };
}

/**
 * The clock of a test that sets none: it starts at a fixed instant, mid-month and mid-day in Oslo,
 * and moves on with real time, so what a test submits falls on the same day and month (and within
 * the validity of the development rates) whenever the suite runs, and events still follow each
 * other in time.
 */
export function runningClock(startIso = '2026-06-15T10:00:00Z'): Clock {
  const offset = new Date(startIso).getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

/** The real server on an ephemeral port, with its own fresh database. */
export async function startTestApp(
  options: {
    clock?: Clock;
    env?: Record<string, string>;
    log?: Logger;
    rateLimiter?: RateLimiter;
    /** Serve the playground's demo tokens, as `npm start` does in development. */
    demoTokens?: boolean;
  } = {},
): Promise<TestApp> {
  // A CI machine running many test files at once can take longer than the production deadline for
  // a burst of concurrent submissions; tests of the deadline set their own.
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: inject('dataDir'),
    DEV_TOKENS: 'true',
    REQUEST_TIMEOUT_MS: '60000',
    ...options.env,
  });
  const db = await createTestDatabase();
  const log = options.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const server = await createServer({
    config,
    rateLimiter: options.rateLimiter,
    database: db,
    log,
    clock: options.clock ?? runningClock(),
    verifier: await createTokenVerifier(config),
    demoTokens: options.demoTokens ? demoTokenMinter(config) : undefined,
  });
  const http: Server = createHttpListener(server.app, log);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    url,
    db,
    server,
    config,
    async graphql(query, variables, token) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return {
        status: response.status,
        headers: response.headers,
        body: (await response.json()) as GraphQLResponse['body'],
      };
    },
    token: (request) => issueDevToken(config, request),
    async close() {
      // The tests are done with the server: drop every connection now rather than wait for a
      // client to let go of a kept-alive one, which the server keeps for KEEP_ALIVE_TIMEOUT_MS.
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
      await server.stop();
      await db.destroy();
    },
  };
}
