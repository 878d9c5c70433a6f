import type { Executor } from '../../db/client.js';
import { formatDecimal } from '../../shared/decimal.js';
import type { FeedItem, PendingItemEvent } from '../feed/model.js';
import { itemChangeEvents, recordItemChanges } from '../feed/service.js';
import { type DeclarationDraft, type GoodsItemDraft, partyOf } from './draft.js';
import {
  type DeclarationRow,
  type DeclarationVersionRow,
  findItemsOfVersion,
  insertVersion,
  type NewDeclaration,
} from './repository.js';

export interface NewVersion {
  readonly version: number;
  readonly draft: DeclarationDraft;
  readonly contentHash: string;
  readonly amendmentReason: string | null;
  readonly at: Date;
  /** The version this one replaces; absent for the first. */
  readonly previous?: DeclarationVersionRow;
}

/**
 * Stores a version of a declaration with its goods items, and tells the item feed which items
 * it adds and removes compared with the version it replaces, in the same transaction.
 */
export async function storeVersion(
  tx: Executor,
  declaration: DeclarationRow,
  next: NewVersion & { readonly previous: DeclarationVersionRow },
): Promise<DeclarationVersionRow> {
  const { content, items } = await insertVersionWithItems(tx, declaration, next);
  const before = await findItemsOfVersion(tx, declaration.id, next.previous.version);
  await recordItemChanges(tx, feedDeclaration(declaration), {
    before,
    after: items,
    beforeVersion: next.previous.version,
    afterVersion: next.version,
    beforeProcedure: next.previous.procedureCode,
    afterProcedure: content.procedureCode,
    at: next.at,
  });
  return content;
}

/**
 * The first version of a new declaration, its goods items and the feed events that add them, for
 * the statement that stores the declaration with them (insertNewDeclaration): the events carry
 * the declaration's number, which the statement that takes it writes with them (see numbering.ts).
 */
export function firstVersion(
  type: DeclarationRow['type'],
  next: Omit<NewVersion, 'previous'>,
): { version: NewDeclaration['version']; items: NewDeclaration['items']; itemEvents: PendingItemEvent[] } {
  const version = versionRow(next);
  const items = next.draft.goodsItems.map((item, index) => itemRow(index + 1, item));
  const itemEvents = itemChangeEvents(
    { type },
    {
      before: [],
      after: items,
      beforeVersion: 0,
      afterVersion: next.version,
      beforeProcedure: null,
      afterProcedure: version.procedureCode,
      at: next.at,
    },
  );
  return { version, items, itemEvents };
}

function versionRow(next: NewVersion) {
  const { draft, version } = next;
  const party = partyOf(draft);
  return {
    version,
    procedureCode: draft.procedureCode,
    customsOffice: draft.customsOffice,
    transportMode: draft.transportMode,
    dispatchCountry: draft.dispatchCountry,
    destinationCountry: draft.destinationCountry,
    invoiceCurrency: draft.invoiceCurrency,
    invoiceDate: draft.invoiceDate,
    freightAmount: formatDecimal(draft.freight),
    insuranceAmount: formatDecimal(draft.insurance),
    freightCurrency: draft.freightCurrency ?? null,
    insuranceCurrency: draft.insuranceCurrency ?? null,
    partyOrgnr: party?.organisationNumber ?? null,
    partyNationalId: party?.nationalIdentityNumber ?? null,
    partyName: party?.name ?? null,
    partyAddress: party?.address ?? null,
    representedOrgnr: draft.representedParty,
    voecNumber: draft.voecNumber,
    contentHash: next.contentHash,
    amendmentReason: next.amendmentReason,
    createdAt: next.at,
  };
}

async function insertVersionWithItems(tx: Executor, declaration: DeclarationRow, next: NewVersion) {
  const items = next.draft.goodsItems.map((item, index) => ({
    declarationId: declaration.id,
    version: next.version,
    ...itemRow(index + 1, item),
  }));
  const content = await insertVersion(tx, { declarationId: declaration.id, ...versionRow(next) }, items);
  return { content, items };
}

/** A cancelled declaration leaves the feed: every item of its current version is removed. */
export async function removeFromFeed(
  tx: Executor,
  declaration: DeclarationRow,
  content: DeclarationVersionRow,
  at: Date,
): Promise<void> {
  const before = await findItemsOfVersion(tx, declaration.id, content.version);
  await recordItemChanges(tx, feedDeclaration(declaration), {
    before,
    after: [],
    beforeVersion: content.version,
    afterVersion: content.version,
    beforeProcedure: content.procedureCode,
    afterProcedure: content.procedureCode,
    at,
  });
}

function feedDeclaration(declaration: DeclarationRow) {
  return { id: declaration.id, number: declaration.number, type: declaration.type };
}

function itemRow(itemNumber: number, item: GoodsItemDraft) {
  return {
    itemNumber,
    commodityCode: item.commodityCode,
    description: item.description,
    originCountry: item.originCountry,
    preferenceClaimed: item.preferenceClaimed,
    netMassKg: formatDecimal(item.netMassKg),
    supplementaryQuantity: item.supplementaryQuantity ? formatDecimal(item.supplementaryQuantity) : null,
    supplementaryUnit: null,
    alcoholStrength: item.alcoholStrength ? formatDecimal(item.alcoholStrength) : null,
    invoiceAmount: formatDecimal(item.invoiceAmount),
    documents: item.documents,
    vehicle: item.vehicle,
    packaging: item.packaging,
  } satisfies FeedItem & Record<string, unknown>;
}
