/**
 * One readable line for an error of the database, for command line output: PostgreSQL's own
 * message and detail (which both drivers put on the error Drizzle wraps as its cause), never the
 * statement, its parameters or a stack.
 */

interface PostgresErrorFields {
  code: string;
  message: string;
  detail?: string;
}

/** The PostgreSQL error in a chain of causes: an SQLSTATE code of five characters and a message. */
export function postgresErrorOf(error: unknown): PostgresErrorFields | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current; depth++) {
    const candidate = current as Partial<PostgresErrorFields> & { cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code) && candidate.message) {
      return {
        code: candidate.code,
        message: candidate.message,
        ...(typeof candidate.detail === 'string' && candidate.detail ? { detail: candidate.detail } : {}),
      };
    }
    current = candidate.cause;
  }
  return undefined;
}

const MAX_LENGTH = 400;

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_LENGTH ? `${flat.slice(0, MAX_LENGTH - 1)}…` : flat;
}

export function summariseDatabaseError(error: unknown): string {
  const postgres = postgresErrorOf(error);
  if (postgres) return oneLine(postgres.detail ? `${postgres.message} (${postgres.detail})` : postgres.message);
  const message = error instanceof Error ? error.message : String(error);
  // Drizzle's own message is the failed statement with its parameters; what went wrong is its cause.
  if (message.startsWith('Failed query')) {
    const cause = (error as { cause?: unknown }).cause;
    return cause ? summariseDatabaseError(cause) : 'the database refused the statement';
  }
  return oneLine(message.split('\n')[0] ?? message);
}
