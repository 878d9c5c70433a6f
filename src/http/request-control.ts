import type { NextFunction, Request, Response } from 'express';
import { RequestAbandoned, type TransactionGuard } from '../db/guarded-transactions.js';
import type { Logger } from '../logger.js';

/**
 * Every request's life between arrival and answer, in one place: its deadline, its client going
 * away, and the server's shutdown. Each request gets an abort signal that its database
 * transactions check before they commit (`guardTransactions`), so a request that is answered by
 * anything but its own result (TIMEOUT, SHUTTING_DOWN) or whose client has gone never commits
 * behind that answer.
 */
export interface RequestControl extends TransactionGuard {
  readonly requestId: string;
  abandon(why: string): void;
}

export interface RequestTracker {
  /** Express middleware; mount before every route. Reads `res.locals.requestId`. */
  readonly middleware: (req: Request, res: Response, next: NextFunction) => void;
  /** The request's control, for its context. */
  controlOf(res: Response): RequestControl;
  readonly inFlight: () => number;
  /** From now on: new requests are refused, answers close their connection. */
  beginShutdown(): void;
  /**
   * Gives up the requests still running: every transaction of theirs that has not reached its
   * COMMIT rolls back, and each is answered SHUTTING_DOWN (with writeOutcome COMMITTED when an
   * earlier transaction of it committed), except one whose COMMIT is under way, which is left to
   * finish and answer.
   */
  cutInFlight(): void;
  /** Resolves when no request is in flight. */
  drained(): Promise<void>;
}

const TIMEOUT_MESSAGE = 'The request took too long and was stopped; nothing it would have changed was saved.';
const UNKNOWN_MESSAGE =
  'The request took too long. Its change was being saved when the time ran out: submit it again with the same client reference to learn whether it was.';
const COMMITTED_MESSAGE =
  'The request took too long to answer, but its change was saved: submit it again with the same client reference to get the result.';
const SHUTTING_DOWN_MESSAGE = 'The server is restarting and takes no new requests. Try again in a moment.';
const SHUTDOWN_CUT_MESSAGE =
  'The server is restarting and stopped this request; nothing it would have changed was saved. Send it again.';
const SHUTDOWN_COMMITTED_MESSAGE =
  'The server is restarting and stopped this request after part of its change was saved; the rest was not. Submit it again with the same client references to learn what was saved and finish the rest.';

const PROBES = new Set(['/healthz', '/readyz']);

interface Tracked {
  readonly res: Response;
  readonly control: RequestControl;
}

export function createRequestTracker(options: { requestTimeoutMs: number; log: Logger }): RequestTracker {
  const { requestTimeoutMs, log } = options;
  const tracked = new Set<Tracked>();
  let shuttingDown = false;
  let onDrained: (() => void)[] = [];

  const settle = (entry: Tracked) => {
    if (!tracked.delete(entry)) return;
    if (tracked.size === 0) {
      for (const resolve of onDrained) resolve();
      onDrained = [];
    }
  };

  const middleware = (req: Request, res: Response, next: NextFunction) => {
    const requestId = String(res.locals.requestId ?? '');
    if (shuttingDown) {
      // The probes answer for themselves (readiness: 503 shutting-down); everything else is refused.
      if (PROBES.has(req.path)) {
        res.setHeader('Connection', 'close');
        next();
        return;
      }
      answerInstead(req, res, 503, 'SHUTTING_DOWN', SHUTTING_DOWN_MESSAGE, requestId);
      return;
    }
    const controller = new AbortController();
    const control: RequestControl = {
      requestId,
      signal: controller.signal,
      committing: 0,
      committed: 0,
      abandon: (why) => {
        if (!controller.signal.aborted) controller.abort(new RequestAbandoned(why));
      },
    };
    const entry: Tracked = { res, control };
    tracked.add(entry);
    res.locals.control = control;
    const started = process.hrtime.bigint();

    const deadline = setTimeout(() => {
      const outcome = writeOutcome(control);
      control.abandon('deadline');
      const message =
        outcome === 'UNKNOWN' ? UNKNOWN_MESSAGE : outcome === 'COMMITTED' ? COMMITTED_MESSAGE : TIMEOUT_MESSAGE;
      answerInstead(req, res, 504, 'TIMEOUT', message, requestId, outcome);
    }, requestTimeoutMs);
    deadline.unref();

    res.once('finish', () => {
      clearTimeout(deadline);
      settle(entry);
    });
    // 'close' without 'finish': the connection went before the answer was written. (The
    // request's own 'close' fires as soon as its body has been read, so the response's is the one.)
    res.once('close', () => {
      clearTimeout(deadline);
      if (!res.writableFinished) {
        control.abandon('client-gone');
        log.info(
          {
            requestId,
            method: req.method,
            path: req.originalUrl.split('?')[0] ?? '',
            outcome: 'client-gone',
            durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
          },
          'request',
        );
      }
      settle(entry);
    });
    next();
  };

  return {
    middleware,
    controlOf: (res) => res.locals.control as RequestControl,
    inFlight: () => tracked.size,
    beginShutdown() {
      shuttingDown = true;
      for (const { res } of tracked) {
        if (!res.headersSent) res.setHeader('Connection', 'close');
      }
    },
    cutInFlight() {
      for (const entry of tracked) {
        const outcome = writeOutcome(entry.control);
        // Always: it stops only the transactions that have not passed their check before COMMIT,
        // so a request that committed one field cannot commit another behind the answer below.
        entry.control.abandon('shutdown');
        // A COMMIT under way: its outcome is the database's to decide, and the request answers for itself.
        if (outcome === 'UNKNOWN') continue;
        answerInstead(
          entry.res.req,
          entry.res,
          503,
          'SHUTTING_DOWN',
          outcome === 'COMMITTED' ? SHUTDOWN_COMMITTED_MESSAGE : SHUTDOWN_CUT_MESSAGE,
          entry.control.requestId,
          outcome,
        );
      }
    },
    drained: () =>
      tracked.size === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            onDrained.push(resolve);
          }),
  };
}

/** What the request has written so far: nothing (undefined), a COMMIT under way, or a committed change. */
function writeOutcome(control: RequestControl): 'UNKNOWN' | 'COMMITTED' | undefined {
  if (control.committing > 0) return 'UNKNOWN';
  if (control.committed > 0) return 'COMMITTED';
  return undefined;
}

/**
 * Answers a request with a GraphQL error of our own and makes whatever its handler writes later
 * a no-op: the handler (Apollo) goes on until its resolvers return, and must neither fail on the
 * headers already sent nor add a second answer.
 */
function answerInstead(
  req: Request,
  res: Response,
  status: number,
  code: string,
  message: string,
  requestId: string,
  outcome?: 'UNKNOWN' | 'COMMITTED',
): void {
  if (res.headersSent || res.writableEnded) return;
  const graphqlResponse = /application\/graphql-response\+json/.test(req.headers.accept ?? '');
  const body = JSON.stringify({
    errors: [{ message, extensions: { code, requestId, ...(outcome ? { writeOutcome: outcome } : {}) } }],
  });
  res.statusCode = status;
  res.setHeader(
    'Content-Type',
    graphqlResponse ? 'application/graphql-response+json; charset=utf-8' : 'application/json; charset=utf-8',
  );
  if (code === 'SHUTTING_DOWN') {
    res.setHeader('Connection', 'close');
    res.setHeader('Retry-After', '1');
  }
  res.end(body);
  const ignore = () => res;
  Object.defineProperty(res, 'statusCode', { get: () => status, set: () => {}, configurable: true });
  Object.assign(res, {
    setHeader: ignore,
    removeHeader: ignore,
    appendHeader: ignore,
    writeHead: ignore,
    status: ignore,
    set: ignore,
    header: ignore,
    type: ignore,
    send: ignore,
    json: ignore,
    end: ignore,
    write: () => true,
  });
}
