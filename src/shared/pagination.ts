/**
 * Keyset paging as repositories see it: a page is the rows after or before a key in the list's
 * order, never an offset. The cursors that carry keys to clients are the GraphQL layer's
 * (graphql/pagination.ts).
 */

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
