import { type Logger, pino } from 'pino';

/**
 * Structured JSON logs. Tokens and national identity numbers must never reach a log line: the
 * redaction paths below cover the places they travel (headers, variables, principals), and the
 * request logger never logs bodies.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'tollgate' },
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
