import { type Logger, pino, stdSerializers } from 'pino';

/**
 * Structured JSON logs. Tokens and national identity numbers must never reach a log line: the
 * redaction paths below cover the places they travel (headers, variables, principals), the
 * request logger never logs bodies, and database errors are logged without their message or
 * parameters, which can carry the values of a query (a national identity number in a scope).
 */
interface DatabaseErrorLike {
  name?: string;
  query?: unknown;
  params?: unknown;
  cause?: { code?: unknown; severity?: unknown; constraint?: unknown; table?: unknown; routine?: unknown };
  code?: unknown;
  severity?: unknown;
}

function isDatabaseError(error: DatabaseErrorLike): boolean {
  return (
    error.name === 'DrizzleQueryError' ||
    'query' in error ||
    'params' in error ||
    (typeof error.severity === 'string' && typeof error.code === 'string')
  );
}

/** Errors as log fields: database errors reduced to what identifies them, never their values. */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const db = error as Error & DatabaseErrorLike;
  if (isDatabaseError(db)) {
    const cause = (db.cause ?? db) as DatabaseErrorLike;
    return {
      type: 'DatabaseError',
      code: cause.code,
      severity: cause.severity,
      constraint: (cause as { constraint?: unknown }).constraint,
      table: (cause as { table?: unknown }).table,
      routine: (cause as { routine?: unknown }).routine,
      stack: db.stack
        ?.split('\n')
        .filter((line) => line.trim().startsWith('at '))
        .join('\n'),
    };
  }
  return stdSerializers.err(error);
}

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'tollgate' },
    serializers: { err: serializeError },
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        'authorization',
        'token',
        '*.token',
        'nationalIdentityNumber',
        '*.nationalIdentityNumber',
        'principal.nationalIdentityNumber',
        'variables',
      ],
      censor: '[redacted]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

export type { Logger };
