import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { guardTransactions } from '../../src/db/guarded-transactions.js';
import { createRequestTracker, type RequestTracker } from '../../src/http/request-control.js';
import { createLogger } from '../../src/logger.js';

/**
 * Shutdown cutting a request that has already committed part of its work: the part still to
 * come must not commit behind the SHUTTING_DOWN answer, and the answer must say what was saved.
 * The database is a stand-in whose transaction "commits" when its work returns, as a real one
 * does, and records what it committed; the second transaction waits on a gate as on a row lock.
 */
interface Gate {
  open(): void;
  readonly opened: Promise<void>;
}
function gate(): Gate {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open: () => open(), opened };
}

let http: Server | undefined;
afterEach(async () => {
  if (http) await new Promise<void>((resolve) => http?.close(() => resolve()));
  http?.closeAllConnections();
  http = undefined;
});

/** `commitHeld`, when given, holds every COMMIT until it opens: a COMMIT under way. */
async function serve(handle: (db: Database) => Promise<void>, committed: string[], commitHeld?: Gate) {
  const tracker: RequestTracker = createRequestTracker({ requestTimeoutMs: 60_000, log: createLogger('silent') });
  const fake = {
    transaction: async (work: (tx: unknown) => Promise<unknown>) => {
      const result = await work({});
      await commitHeld?.opened;
      committed.push(String(result));
      return result;
    },
  } as unknown as Database;
  const app = express();
  app.use((_req, res, next) => {
    res.locals.requestId = 'req-1';
    next();
  });
  app.use(tracker.middleware);
  app.post('/graphql', (_req, res) => {
    const db = guardTransactions(fake, tracker.controlOf(res));
    handle(db)
      .then(() => res.json({ data: { a: 'saved', b: 'saved' } }))
      .catch(() => res.json({ data: { a: 'saved', b: null }, errors: [{ message: 'x' }] }));
  });
  http = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => http?.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  return { tracker, url };
}

describe('cutInFlight at the end of the shutdown grace', () => {
  it('stops the later transactions of a request that has committed, and answers SHUTTING_DOWN COMMITTED', async () => {
    const committed: string[] = [];
    const lockWait = gate();
    const secondStarted = gate();
    let secondDone: Promise<unknown> = Promise.resolve();
    const { tracker, url } = await serve(async (db) => {
      await db.transaction(async () => 'a');
      secondDone = db.transaction(async () => {
        secondStarted.open();
        await lockWait.opened;
        return 'b';
      });
      await secondDone;
    }, committed);
    const response = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await secondStarted.opened;
    expect(committed).toEqual(['a']);
    tracker.beginShutdown();
    tracker.cutInFlight();
    lockWait.open();
    await secondDone.catch(() => {});
    const answer = await response;
    const body = (await answer.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(committed).toEqual(['a']);
    expect(answer.status).toBe(503);
    expect(body.errors[0]?.extensions).toEqual({
      code: 'SHUTTING_DOWN',
      requestId: 'req-1',
      writeOutcome: 'COMMITTED',
    });
    expect(body.errors[0]?.message).not.toMatch(/nothing it would have changed/);
  });

  it('lets a COMMIT under way finish and answer for itself, but refuses the transactions after it', async () => {
    const committed: string[] = [];
    const commitHeld = gate();
    const workDone = gate();
    let laterError: unknown;
    const { tracker, url } = await serve(
      async (db) => {
        await db.transaction(async () => {
          workDone.open();
          return 'a';
        });
        try {
          await db.transaction(async () => 'b');
        } catch (error) {
          laterError = error;
          throw error;
        }
      },
      committed,
      commitHeld,
    );
    const response = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await workDone.opened;
    // Let the guard pass its check before COMMIT; the COMMIT itself is held.
    await new Promise((resolve) => setTimeout(resolve, 20));
    tracker.beginShutdown();
    tracker.cutInFlight();
    commitHeld.open();
    const answer = await response;
    const body = (await answer.json()) as { data: Record<string, unknown> };
    expect(answer.status).toBe(200);
    expect(body.data).toEqual({ a: 'saved', b: null });
    expect(committed).toEqual(['a']);
    expect(String(laterError)).toMatch(/abandoned \(shutdown\)/);
  });
});
