import postgres from 'postgres';
import type { DatabaseTimeouts } from '../config.js';

/**
 * Session settings that bound what one connection can wait for. PostgreSQL takes any setting in
 * the startup packet, so each pooled connection has them from its first statement, with no extra
 * round trip and no way for a reconnect to come back without them.
 */
export function sessionTimeouts(timeouts: DatabaseTimeouts | undefined): Record<string, number> {
  if (!timeouts) return {};
  return {
    statement_timeout: timeouts.statementTimeoutMs,
    lock_timeout: timeouts.lockTimeoutMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs,
  };
}

/**
 * Most the pool waits before reconnecting a connection that failed, in seconds. postgres.js's
 * default backoff grows by powers of three up to 20 s and keeps growing while the database is
 * down, so the pool came back several seconds after the database did; a short cap keeps the
 * retries cheap (one connection attempt each) and the recovery prompt.
 */
const MAX_RECONNECT_DELAY_SECONDS = 0.5;

/** Driver options: a connect timeout (it also covers a server that accepts TCP but never answers) and the capped backoff. */
export function postgresTimeoutOptions(
  timeouts: DatabaseTimeouts | undefined,
): Pick<postgres.Options<Record<string, never>>, 'connect_timeout' | 'backoff'> {
  return {
    ...(timeouts ? { connect_timeout: timeouts.connectTimeoutMs / 1000 } : {}),
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, MAX_RECONNECT_DELAY_SECONDS),
  };
}

/** How long the readiness probe waits for a connection and its answer. */
const PROBE_TIMEOUT_SECONDS = 1;

/**
 * Readiness on a connection of its own, opened and closed per probe: the pool's connections may
 * be waiting out a reconnect delay or stuck behind a paused server, and the probe must tell the
 * database's state now, within about a second, not the pool's.
 */
export async function probePostgres(url: string): Promise<void> {
  const probe = postgres(url, {
    max: 1,
    connect_timeout: PROBE_TIMEOUT_SECONDS,
    idle_timeout: PROBE_TIMEOUT_SECONDS,
    onnotice: () => {},
    connection: { application_name: 'tollgate-readiness', statement_timeout: PROBE_TIMEOUT_SECONDS * 1000 },
  });
  try {
    await probe`select 1`;
  } finally {
    await probe.end({ timeout: 0 });
  }
}

/** How long a probe's answer is reused; a load balancer polls every few seconds, an attacker far more often. */
const PROBE_FRESH_MS = 250;

/**
 * One probe at a time, its answer shared by every caller while it runs and for a moment after: a
 * probe opens a connection of its own, and `/readyz` needs no token, so without this a flood of
 * probes would use up the server's `max_connections` and cause the outage it reports.
 */
export function sharedProbe(probe: () => Promise<void>, freshMs = PROBE_FRESH_MS): () => Promise<void> {
  let current: Promise<void> | undefined;
  let settledAt = 0;
  return () => {
    if (current && (settledAt === 0 || Date.now() - settledAt < freshMs)) return current;
    settledAt = 0;
    const attempt = probe().finally(() => {
      if (current === attempt) settledAt = Date.now();
    });
    current = attempt;
    return attempt;
  };
}
