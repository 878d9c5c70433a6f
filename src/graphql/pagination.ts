import {
  type DefaultConnectionArguments,
  type ResolveCursorConnectionArgs,
  resolveCursorConnection,
} from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { isIsoDate } from '../shared/clock.js';
import { DEFAULT_PAGE_SIZE, type KeysetKey, type KeysetPageRequest, MAX_PAGE_SIZE } from '../shared/pagination.js';

const CURSOR_PREFIX = 'k1:';

/** Cursors are opaque to clients: a versioned, base64url-wrapped keyset key. */
export function encodeCursor(key: KeysetKey): string {
  return Buffer.from(CURSOR_PREFIX + JSON.stringify(key)).toString('base64url');
}

/** What one part of a connection's keyset key must be; a cursor with anything else is refused. */
export type KeyPart = (part: unknown) => boolean;

/** A row id: a positive whole number. */
export const ID_PART: KeyPart = (part) => typeof part === 'number' && Number.isSafeInteger(part) && part > 0;
/** A calendar date, YYYY-MM-DD. */
export const DATE_PART: KeyPart = (part) => typeof part === 'string' && isIsoDate(part);
/** Text of a known form. */
export function textPart(pattern: RegExp): KeyPart {
  return (part) => typeof part === 'string' && pattern.test(part);
}

/**
 * The key inside a cursor, checked part by part against the connection's key shape, so that a
 * forged cursor is a clear client error and never reaches the database as a malformed value.
 */
export function decodeCursor(cursor: string, shape: readonly KeyPart[]): KeysetKey {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (text.startsWith(CURSOR_PREFIX)) {
    try {
      const key: unknown = JSON.parse(text.slice(CURSOR_PREFIX.length));
      if (Array.isArray(key) && key.length === shape.length && key.every((part, i) => shape[i]?.(part))) {
        return key as KeysetKey;
      }
    } catch {
      // fall through to the error below
    }
  }
  throw new GraphQLError('The cursor is not one this connection issued. Use a cursor from pageInfo or an edge.', {
    extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' },
  });
}

function checkPageSize(args: DefaultConnectionArguments): void {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value == null) continue;
    if (value < 0 || value > MAX_PAGE_SIZE) {
      throw new GraphQLError(`"${name}" must be from 0 to ${MAX_PAGE_SIZE}; page through larger sets with cursors.`, {
        extensions: { code: 'BAD_USER_INPUT', reason: 'PAGE_SIZE_OUT_OF_RANGE' },
      });
    }
  }
}

/**
 * Resolves a Relay connection by keyset: the fetch function gets decoded keys and a limit, and
 * must order by the key columns (reversed when `inverted`). Deep pages cost what near ones do,
 * because no rows are skipped by offset. `keyOf` must return keys of the shape `keyShape` describes.
 */
export async function resolveKeysetConnection<T>(
  args: DefaultConnectionArguments,
  keyShape: readonly KeyPart[],
  keyOf: (item: T) => KeysetKey,
  fetchPage: (request: KeysetPageRequest) => Promise<T[]>,
) {
  checkPageSize(args);
  return resolveCursorConnection(
    { args, toCursor: (item: T) => encodeCursor(keyOf(item)), defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE },
    ({ after, before, limit, inverted }: ResolveCursorConnectionArgs) =>
      fetchPage({
        after: after ? decodeCursor(after, keyShape) : undefined,
        before: before ? decodeCursor(before, keyShape) : undefined,
        limit,
        inverted,
      }),
  );
}
