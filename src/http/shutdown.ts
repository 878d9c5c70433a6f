import type { Server } from 'node:http';
import type { Logger } from '../logger.js';
import type { RequestTracker } from './request-control.js';

export interface ShutdownOptions {
  readonly httpServer: Server;
  readonly server: { markShuttingDown(): void; readonly requests: RequestTracker; stop(): Promise<void> };
  /** Everything, the pool included, finishes within this; then the process exits regardless. */
  readonly graceMs: number;
  readonly log: Logger;
  /** Closes what the server holds (rate-limit store, database pool), given the time left. */
  readonly closeResources: (timeLeftMs: number) => Promise<void>;
  readonly exit: (code: number) => void;
}

/**
 * Graceful shutdown on SIGTERM, within the grace period as a whole:
 * 1. readiness fails and new requests are refused (503 SHUTTING_DOWN) at once; every answer from
 *    now on carries `Connection: close`, and idle kept-alive connections are closed, so clients
 *    reconnect to another instance instead of sending more here;
 * 2. as soon as the requests in flight have finished, the pool closes and the process exits;
 * 3. requests still running when most of the grace is gone are cut: answered SHUTTING_DOWN and
 *    their transactions rolled back (one already committing is left to finish and answer), so
 *    nothing commits without having been acknowledged;
 * 4. the rest of the grace is for closing the pool; at its end the process exits anyway, with 1.
 */
export function gracefulShutdown(options: ShutdownOptions): (signal: string) => Promise<void> {
  const { httpServer, server, graceMs, log, closeResources, exit } = options;
  let stopping = false;
  return async (signal) => {
    if (stopping) return;
    stopping = true;
    const started = performance.now();
    const left = () => Math.max(0, graceMs - (performance.now() - started));
    const hardStop = setTimeout(() => {
      log.error({ signal, graceMs }, 'shutdown did not finish within the grace period; exiting');
      exit(1);
    }, graceMs);

    log.info(
      { signal, inFlight: server.requests.inFlight() },
      'shutting down: no new requests, finishing those in flight',
    );
    server.markShuttingDown();
    const listenerClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeIdleConnections();

    // Keep a quarter of the grace (at least a quarter second, at most 3 s) for closing the pool.
    const reserveMs = Math.min(Math.max(graceMs / 4, 250), 3_000);
    const drainedInTime = await settlesWithin(server.requests.drained(), left() - reserveMs);
    if (!drainedInTime) {
      log.warn({ inFlight: server.requests.inFlight() }, 'grace nearly over: cutting the requests still running');
      server.requests.cutInFlight();
      await settlesWithin(server.requests.drained(), left() - reserveMs / 2);
    }
    // Answers are written with Connection: close; whatever socket is still open now has nothing to wait for.
    httpServer.closeAllConnections();
    await settlesWithin(listenerClosed, left());
    try {
      await server.stop();
      // A little before the hard stop, so that a clean close is not cut by it.
      await closeResources(Math.max(0, left() - 100));
    } catch (error) {
      log.error({ err: error }, 'closing resources failed during shutdown');
    }
    clearTimeout(hardStop);
    log.info({ durationMs: Math.round(performance.now() - started) }, 'stopped');
    exit(0);
  };
}

/** Whether the promise settled within `ms` (never waiting past it). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
