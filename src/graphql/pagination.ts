import {
  type DefaultConnectionArguments,
  type ResolveCursorConnectionArgs,
  resolveCursorConnection,
} from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** The position of an item in a keyset order: the values of its sort columns, last one unique. */
export type KeysetKey = readonly (string | number)[];

export interface KeysetPageRequest {
  /** Return items strictly after this key in the connection's order. */
  after?: KeysetKey | undefined;
  /** Return items strictly before this key in the connection's order. */
  before?: KeysetKey | undefined;
  /** Rows to fetch: the page size plus one, to learn whether another page follows. */
  limit: number;
  /** Fetch in reverse order (for `last`); the helper turns the page back around. */
  inverted: boolean;
}

const CURSOR_PREFIX = 'k1:';

/** Cursors are opaque to clients: a versioned, base64url-wrapped keyset key. */
export function encodeCursor(key: KeysetKey): string {
  return Buffer.from(CURSOR_PREFIX + JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): KeysetKey {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (text.startsWith(CURSOR_PREFIX)) {
    try {
      const key: unknown = JSON.parse(text.slice(CURSOR_PREFIX.length));
      if (
        Array.isArray(key) &&
        key.length === arity &&
        key.every((part) => typeof part === 'string' || (typeof part === 'number' && Number.isSafeInteger(part)))
      ) {
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
 * because no rows are skipped by offset. `keyOf` must return keys of the same length every time.
 */
export async function resolveKeysetConnection<T>(
  args: DefaultConnectionArguments,
  keyArity: number,
  keyOf: (item: T) => KeysetKey,
  fetchPage: (request: KeysetPageRequest) => Promise<T[]>,
) {
  checkPageSize(args);
  return resolveCursorConnection(
    { args, toCursor: (item: T) => encodeCursor(keyOf(item)), defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE },
    ({ after, before, limit, inverted }: ResolveCursorConnectionArgs) =>
      fetchPage({
        after: after ? decodeCursor(after, keyArity) : undefined,
        before: before ? decodeCursor(before, keyArity) : undefined,
        limit,
        inverted,
      }),
  );
}
