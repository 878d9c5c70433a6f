import type { Executor } from '../../db/client.js';
import { canonicalDecimal } from '../../shared/decimal.js';
import { declarationItemEvents } from './tables.js';

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

export interface FeedDeclaration {
  readonly id: number;
  readonly number: string;
  readonly type: string;
}

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

/** Numbers compare by value: a stored "12.500" and a submitted "12.5" are the same quantity. */
function sameNumber(a: string | null, b: string | null): boolean {
  return a === null || b === null ? a === b : canonicalDecimal(a) === canonicalDecimal(b);
}

function sameItem(a: FeedItem, b: FeedItem): boolean {
  return (
    a.commodityCode === b.commodityCode &&
    a.originCountry === b.originCountry &&
    a.description === b.description &&
    a.preferenceClaimed === b.preferenceClaimed &&
    sameNumber(a.netMassKg, b.netMassKg) &&
    sameNumber(a.supplementaryQuantity, b.supplementaryQuantity) &&
    sameNumber(a.alcoholStrength, b.alcoholStrength) &&
    sameNumber(a.invoiceAmount, b.invoiceAmount)
  );
}

/**
 * Writes the feed events for a change from `before` to `after` items (empty lists for a new or a
 * cancelled declaration): an item that changed is removed and added again; an unchanged one
 * makes no event. Runs inside the transaction of the change, so the feed never disagrees with it.
 */
export async function recordItemChanges(tx: Executor, declaration: FeedDeclaration, change: ItemChange): Promise<void> {
  const after = new Map(change.after.map((item) => [item.itemNumber, item]));
  const before = new Map(change.before.map((item) => [item.itemNumber, item]));
  const procedureChanged = change.beforeProcedure !== change.afterProcedure;
  const event = (item: FeedItem, kind: 'ADDED' | 'REMOVED', version: number, procedureCode: string) => ({
    declarationId: declaration.id,
    declarationNumber: declaration.number,
    declarationType: declaration.type,
    version,
    itemNumber: item.itemNumber,
    kind,
    commodityCode: item.commodityCode,
    originCountry: item.originCountry,
    procedureCode,
    occurredAt: change.at,
  });
  const rows = [];
  for (const [number, old] of before) {
    const now = after.get(number);
    if (!now || procedureChanged || !sameItem(old, now)) {
      rows.push(event(old, 'REMOVED', change.beforeVersion, change.beforeProcedure ?? ''));
    }
  }
  for (const [number, now] of after) {
    const old = before.get(number);
    if (!old || procedureChanged || !sameItem(old, now)) {
      rows.push(event(now, 'ADDED', change.afterVersion, change.afterProcedure ?? ''));
    }
  }
  for (let start = 0; start < rows.length; start += 500) {
    await tx.insert(declarationItemEvents).values(rows.slice(start, start + 500));
  }
}
