/** What other modules tell the item feed, and what it gives back before it writes. */

/** What the feed needs of a goods item to say what changed. */
export interface FeedItem {
  readonly itemNumber: number;
  readonly commodityCode: string;
  readonly originCountry: string;
  readonly description: string;
  readonly netMassKg: string;
  readonly supplementaryQuantity: string | null;
  readonly alcoholStrength: string | null;
  readonly invoiceAmount: string;
  readonly preferenceClaimed: string | null;
}

/** The declaration whose items changed. */
export interface FeedDeclaration {
  readonly id: number;
  readonly number: string;
  readonly type: string;
}

/** The items of a declaration before and after a change. */
export interface ItemChange {
  readonly before: readonly FeedItem[];
  readonly after: readonly FeedItem[];
  readonly beforeVersion: number;
  readonly afterVersion: number;
  /** Procedure of the version before and after: readers filter on it, so a change of it counts. */
  readonly beforeProcedure: string | null;
  readonly afterProcedure: string | null;
  readonly at: Date;
}

/**
 * A feed event before it is written: everything but the declaration's id and number, which the
 * statement that writes it may be the first to know (a new declaration's, see itemEventsInsert).
 */
export interface PendingItemEvent {
  readonly declarationType: string;
  readonly version: number;
  readonly itemNumber: number;
  readonly kind: 'ADDED' | 'REMOVED';
  readonly commodityCode: string;
  readonly originCountry: string;
  readonly procedureCode: string;
  readonly occurredAt: Date;
}
