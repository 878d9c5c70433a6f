import type { Executor } from '../../db/client.js';
import { formatDecimal } from '../../shared/decimal.js';
import { type FeedItem, recordItemChanges } from '../feed/writer.js';
import { type DeclarationDraft, type GoodsItemDraft, partyOf } from './draft.js';
import { type DeclarationRow, type DeclarationVersionRow, findItemsOfVersion, insertVersion } from './repository.js';

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
  next: NewVersion,
): Promise<DeclarationVersionRow> {
  const { draft, version } = next;
  const party = partyOf(draft);
  const items = draft.goodsItems.map((item, index) => itemRow(declaration.id, version, index + 1, item));
  const content = await insertVersion(
    tx,
    {
      declarationId: declaration.id,
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
      partyOrgnr: party?.organisationNumber ?? null,
      partyNationalId: party?.nationalIdentityNumber ?? null,
      partyName: party?.name ?? null,
      partyAddress: party?.address ?? null,
      representedOrgnr: draft.representedParty,
      voecNumber: draft.voecNumber,
      contentHash: next.contentHash,
      amendmentReason: next.amendmentReason,
      createdAt: next.at,
    },
    items,
  );
  const before = next.previous ? await findItemsOfVersion(tx, declaration.id, next.previous.version) : [];
  await recordItemChanges(tx, feedDeclaration(declaration), {
    before,
    after: items,
    beforeVersion: next.previous?.version ?? 0,
    afterVersion: version,
    beforeProcedure: next.previous?.procedureCode ?? null,
    afterProcedure: content.procedureCode,
    at: next.at,
  });
  return content;
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

function itemRow(declarationId: number, version: number, itemNumber: number, item: GoodsItemDraft) {
  return {
    declarationId,
    version,
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
