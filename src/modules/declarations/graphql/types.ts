import type { RequestContext } from '../../../composition/context.js';
import { builder } from '../../../graphql/builder.js';
import { MoneyRef } from '../../../graphql/common.js';
import { authorityDate } from '../../../shared/clock.js';
import { canonicalDecimal } from '../../../shared/decimal.js';
import { AgencySummaryRef, agencyNamed } from '../../agencies/graphql.js';
import { OrganisationRef } from '../../parties/graphql.js';
import { CustomsOfficeRef, DeclarationTypeEnum, ProcedureCodeRef } from '../../rates/graphql/reference.js';
import { CommodityRef } from '../../rates/graphql/tariff.js';
import type { DeclarationEventRow, DeclarationRecord, GoodsItemRow } from '../repository.js';
import { partiesVisible, visibleItemFilter } from '../scope.js';
import type { GoodsItemDocument } from '../tables.js';
import { ActorKindEnum, DeclarationEventKindEnum, DeclarationStatusEnum, TransportModeEnum } from './enums.js';

interface PartyShape {
  /** The declaration the party is on: personal data reads are logged against it. */
  readonly declarationId: number;
  readonly organisationNumber: string | null;
  readonly nationalIdentityNumber: string | null;
  readonly name: string | null;
  readonly address: string | null;
}

const PartyRef = builder.interfaceRef<PartyShape>('Party').implement({
  description:
    'An importer or exporter: an OrganisationParty, or a PersonParty whose fields are personal data. ' +
    'Query `... on OrganisationParty` and `... on PersonParty` for their identifiers.',
  resolveType: (party) => (party.organisationNumber ? 'OrganisationParty' : 'PersonParty'),
  fields: (t) => ({
    name: t.string({
      nullable: true,
      description: 'Name as declared. Personal data when the party is a person.',
      resolve: (party, _args, ctx) => readParty(party, 'name', ctx),
    }),
    address: t.string({
      nullable: true,
      description: 'Address as declared. Personal data when the party is a person.',
      resolve: (party, _args, ctx) => readParty(party, 'address', ctx),
    }),
  }),
});

/** A field of a party; a person's fields are personal data, and an agency's reads of them are logged. */
function readParty(
  party: PartyShape,
  field: 'name' | 'address' | 'nationalIdentityNumber',
  ctx: RequestContext,
): string | null {
  if (!party.organisationNumber) ctx.personalDataReads.note(party.declarationId, party.nationalIdentityNumber, field);
  return party[field];
}

builder.objectRef<PartyShape>('OrganisationParty').implement({
  description: 'A party that is an organisation.',
  interfaces: [PartyRef],
  fields: (t) => ({
    organisationNumber: t.field({
      type: 'OrganisationNumber',
      description: 'Organisation number.',
      resolve: (p) => p.organisationNumber ?? '',
    }),
  }),
});

builder.objectRef<PartyShape>('PersonParty').implement({
  description:
    'A party that is a private person. Every field is personal data: shown to the person, the declarant, ' +
    'officers, auditors, and agencies whose agreement grants personal data; each agency read is logged.',
  interfaces: [PartyRef],
  fields: (t) => ({
    nationalIdentityNumber: t.string({
      nullable: true,
      description: 'National identity number (fødselsnummer or D-number).',
      resolve: (party, _args, ctx) => readParty(party, 'nationalIdentityNumber', ctx),
    }),
  }),
});

const DocumentRef = builder.objectRef<GoodsItemDocument>('GoodsItemDocument').implement({
  description: 'A document or permit presented for a goods item.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Document type code, for example N380 (invoice) or a permit type.' }),
    reference: t.exposeString('reference', { description: 'Number or reference of the document.' }),
    issuedBy: t.string({
      nullable: true,
      description: 'Code of the agency that issued a permit.',
      resolve: (d) => d.issuedBy ?? null,
    }),
    issuedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'Date of issue.',
      resolve: (d) => d.issuedOn ?? null,
    }),
  }),
});

interface GoodsItemShape {
  readonly row: GoodsItemRow;
  readonly currency: string;
  /** The number the caller is shown (scope.ts, itemView). */
  readonly number: number;
  /** The day the version holding the item was received (Europe/Oslo): its code is read as in force then. */
  readonly receivedOn: string;
}

export const GoodsItemRef = builder.objectRef<GoodsItemShape>('GoodsItem').implement({
  description: 'One line of a declaration: goods of one commodity code and origin.',
  fields: (t) => ({
    itemNumber: t.int({
      description:
        'Position in the declaration, from 1. A partner agency that sees only some of the items (reading by ' +
        'chapter or origin) gets its items numbered 1 to n in order, so that the numbers say nothing of the others; ' +
        'the same numbers as in `assessment.items`.',
      resolve: (i) => i.number,
    }),
    commodityCode: t.field({
      type: 'CommodityCode',
      description: 'Commodity code of the tariff.',
      resolve: (i) => i.row.commodityCode,
    }),
    commodity: t.field({
      type: CommodityRef,
      nullable: true,
      description:
        'The commodity code as the tariff had it on the day this version of the declaration was received. Null ' +
        'only if the tariff held no version of the code in force that day.',
      resolve: (i, _args, ctx) =>
        ctx.loaders.rates.commodityOnDate.load({ code: i.row.commodityCode, date: i.receivedOn }),
    }),
    description: t.string({ description: 'Description of the goods.', resolve: (i) => i.row.description }),
    countryOfOrigin: t.field({
      type: 'CountryCode',
      description: 'Country of origin.',
      resolve: (i) => i.row.originCountry,
    }),
    preferenceClaimed: t.string({
      nullable: true,
      description: 'Country group whose preferential duty rate is claimed (TEF, TEFT, TGS1 ...); null if none.',
      resolve: (i) => i.row.preferenceClaimed,
    }),
    netMass: t.field({
      type: 'Decimal',
      description: 'Net mass in kg.',
      resolve: (i) => canonicalDecimal(i.row.netMassKg),
    }),
    supplementaryQuantity: t.field({
      type: 'Decimal',
      nullable: true,
      description: "Quantity in the tariff's unit for the code (litres, pieces, pairs), when it is not kg.",
      resolve: (i) => (i.row.supplementaryQuantity === null ? null : canonicalDecimal(i.row.supplementaryQuantity)),
    }),
    alcoholStrength: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Alcohol strength in % vol, for alcoholic goods.',
      resolve: (i) => (i.row.alcoholStrength === null ? null : canonicalDecimal(i.row.alcoholStrength)),
    }),
    invoiceAmount: t.field({
      type: MoneyRef,
      description: 'Invoice amount of the item, in the invoice currency.',
      resolve: (i) => ({ amount: i.row.invoiceAmount, currency: i.currency }),
    }),
    documents: t.field({
      type: [DocumentRef],
      description: 'Documents and permits for the item.',
      resolve: (i) => i.row.documents,
    }),
  }),
});

const StatusChangeRef = builder.objectRef<DeclarationEventRow>('DeclarationStatusChange').implement({
  description: "One event in a declaration's status history.",
  fields: (t) => ({
    kind: t.field({ type: DeclarationEventKindEnum, description: 'What happened.', resolve: (e) => e.kind }),
    status: t.field({
      type: DeclarationStatusEnum,
      description: 'The status after the event.',
      resolve: (e) => e.status,
    }),
    version: t.exposeInt('version', { description: 'The version of the declaration the event concerns.' }),
    occurredAt: t.field({ type: 'DateTime', description: 'When it happened.', resolve: (e) => e.occurredAt }),
    actorKind: t.field({ type: ActorKindEnum, description: 'Who caused it.', resolve: (e) => e.actorKind }),
    agency: t.field({
      type: AgencySummaryRef,
      nullable: true,
      description: 'The agency that acted, when the actor is a partner agency; null otherwise.',
      resolve: (e, _args, ctx) =>
        e.actorKind === 'AGENCY' && e.actorId ? agencyNamed(ctx, e.actorId, `status change ${e.id}`) : null,
    }),
    actorId: t.exposeString('actorId', {
      nullable: true,
      description:
        "Organisation number, agency code or employee id of the actor; null for the authority's systems and " +
        'private persons. Internal: officers and auditors only.',
    }),
    reason: t.exposeString('reason', { nullable: true, description: 'Reason given, if any.' }),
  }),
});

/** Header and goods of one version; shared by the declaration (its current version) and its versions. */
export const DeclarationContentRef = builder.interfaceRef<DeclarationRecord>('DeclarationContent').implement({
  description: 'What a version of a declaration says: header and goods items.',
  fields: (t) => ({
    version: t.int({
      description: 'Version number, from 1; each amendment adds one.',
      resolve: (r) => r.content.version,
    }),
    procedureCode: t.field({
      type: ProcedureCodeRef,
      description: 'The customs procedure.',
      resolve: (r, _args, ctx) => loadReference(ctx.loaders.rates.procedureCode, r.content.procedureCode, 'procedure'),
    }),
    customsOffice: t.field({
      type: CustomsOfficeRef,
      description: 'The customs office.',
      resolve: (r, _args, ctx) => loadReference(ctx.loaders.rates.customsOffice, r.content.customsOffice, 'office'),
    }),
    transportMode: t.field({
      type: TransportModeEnum,
      description: 'Mode of transport at the border.',
      resolve: (r) => r.content.transportMode as never,
    }),
    countryOfDispatch: t.field({
      type: 'CountryCode',
      description: 'Country the goods were dispatched from.',
      resolve: (r) => r.content.dispatchCountry,
    }),
    countryOfDestination: t.field({
      type: 'CountryCode',
      description: 'Country of destination.',
      resolve: (r) => r.content.destinationCountry,
    }),
    invoiceCurrency: t.field({
      type: 'CurrencyCode',
      description: 'Currency of the invoice amounts.',
      resolve: (r) => r.content.invoiceCurrency,
    }),
    invoiceDate: t.field({
      type: 'Date',
      nullable: true,
      description: 'Date of the invoice.',
      resolve: (r) => r.content.invoiceDate,
    }),
    freight: t.field({
      type: MoneyRef,
      nullable: true,
      description:
        'Freight to the Norwegian border, in the currency it was paid in; shared over the items by value. Null for a ' +
        'partner agency that does not see every item of every version of the declaration: with the shares of its ' +
        'items it would give away the value of the others, and a version it saw whole would give the figure for ' +
        'the versions it sees in part.',
      resolve: async (r, _args, ctx) =>
        (await seesEveryItem(r, ctx))
          ? { amount: r.content.freightAmount, currency: r.content.freightCurrency ?? r.content.invoiceCurrency }
          : null,
    }),
    insurance: t.field({
      type: MoneyRef,
      nullable: true,
      description:
        'Insurance to the Norwegian border, in the currency it was paid in; shared over the items by value. Null for a ' +
        'partner agency that does not see every item of every version, as `freight`.',
      resolve: async (r, _args, ctx) =>
        (await seesEveryItem(r, ctx))
          ? { amount: r.content.insuranceAmount, currency: r.content.insuranceCurrency ?? r.content.invoiceCurrency }
          : null,
    }),
    importer: t.field({
      type: PartyRef,
      nullable: true,
      description:
        'The importer, on an import declaration; null on an export, and on an earlier version that named a party you have no claim to see.',
      resolve: (r, _args, ctx) =>
        r.declaration.type === 'IMPORT' && partiesVisible(ctx, r) ? partyOfContent(r) : null,
    }),
    exporter: t.field({
      type: PartyRef,
      nullable: true,
      description: 'The exporter, on an export declaration; null on an import.',
      resolve: (r, _args, ctx) =>
        r.declaration.type === 'EXPORT' && partiesVisible(ctx, r) ? partyOfContent(r) : null,
    }),
    representedParty: t.field({
      type: OrganisationRef,
      nullable: true,
      description: 'The client a customs broker declares for, when the declarant acts as representative.',
      resolve: (r, _args, ctx) =>
        r.content.representedOrgnr && partiesVisible(ctx, r)
          ? { organisationNumber: r.content.representedOrgnr }
          : null,
    }),
    goodsItems: t.field({
      type: [GoodsItemRef],
      description: 'The goods items, in order.',
      resolve: async (r, _args, ctx, info) => {
        // Charged by the count the version carries, before the rows are read; a reader who sees
        // only some items is charged what it is shown, after the read, since the version's count
        // in its reported cost would tell it how many items it may not see.
        const partialReader = Boolean(visibleItemFilter(ctx));
        if (!partialReader) ctx.costBudget.chargeList(r.content.goodsItemCount, info);
        const view = await itemsOf(r, ctx);
        if (partialReader) ctx.costBudget.chargeList(view.visible.length, info);
        ctx.costBudget.check();
        return view.visible.map((row) => ({
          row,
          currency: r.content.invoiceCurrency,
          number: view.shownNumber.get(row.itemNumber) ?? row.itemNumber,
          receivedOn: authorityDate(r.content.createdAt),
        }));
      },
    }),
  }),
});

/**
 * A reference row a stored declaration names. Validation refuses unknown codes and the reference
 * lists are only ever added to, so a missing row is a broken database, not an answer to give.
 */
async function loadReference<Row>(
  loader: { load(code: string): Promise<Row | null> },
  code: string,
  what: string,
): Promise<Row> {
  const row = await loader.load(code);
  if (!row) throw new Error(`declaration names the unknown ${what} ${code}`);
  return row;
}

function itemsOf(record: DeclarationRecord, ctx: RequestContext) {
  return ctx.loaders.declarations.goodsItems.load({
    declarationId: record.declaration.id,
    version: record.content.version,
  });
}

/**
 * Whether the caller sees every goods item of every version of this declaration; asks the
 * database only for those who may not, in one batched query that reads no item.
 */
async function seesEveryItem(record: DeclarationRecord, ctx: RequestContext): Promise<boolean> {
  if (!visibleItemFilter(ctx)) return true;
  return !(await ctx.loaders.declarations.hidesItems.load(record.declaration.id));
}

function partyOfContent(record: DeclarationRecord): PartyShape {
  const c = record.content;
  return {
    declarationId: record.declaration.id,
    organisationNumber: c.partyOrgnr,
    nationalIdentityNumber: c.partyNationalId,
    name: c.partyName,
    address: c.partyAddress,
  };
}

export const DeclarationVersionRef = builder.objectRef<DeclarationRecord>('DeclarationVersion').implement({
  description: 'One version of a declaration as it was submitted. Versions never change once stored.',
  interfaces: [DeclarationContentRef],
  fields: (t) => ({
    createdAt: t.field({
      type: 'DateTime',
      description: 'When this version was received.',
      resolve: (r) => r.content.createdAt,
    }),
    amendmentReason: t.string({
      nullable: true,
      description: 'Why the declarant amended; null for the first version.',
      resolve: (r) => r.content.amendmentReason,
    }),
  }),
});

export const DeclarationRef = builder.objectRef<DeclarationRecord>('Declaration');

builder.node(DeclarationRef, {
  description:
    'A customs declaration (import or export) with its current content, its earlier versions and its status history. ' +
    'Its content fields are those of the current version.',
  interfaces: [DeclarationContentRef],
  id: { resolve: (r) => r.declaration.number, parse: (id) => id },
  // The relay plugin tells a node's type by a brand it sets once loading ends; `nodes` reusing a
  // load that `node` started in the same request can complete first and find no brand. The
  // shape decides instead (no other node type holds a declaration row).
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'declaration' in value,
  loadMany: (numbers, ctx) => numbers.map((number) => ctx.loaders.declarations.declarationByNumber.load(number)),
  fields: (t) => ({
    number: t.string({
      description: "The authority's declaration number: {declarant organisation number}-{ddmmyyyy}-{sequence}.",
      resolve: (r) => r.declaration.number,
    }),
    type: t.field({ type: DeclarationTypeEnum, description: 'Import or export.', resolve: (r) => r.declaration.type }),
    status: t.field({
      type: DeclarationStatusEnum,
      description: 'Current status.',
      resolve: (r) => r.declaration.status,
    }),
    clientReference: t.string({
      description: "The declarant's own reference, unique per declarant; the idempotency key of submission.",
      resolve: (r) => r.declaration.clientReference,
    }),
    declarant: t.field({
      type: OrganisationRef,
      description:
        'The business that submitted the declaration and answers for it (or the customs broker acting as representative).',
      resolve: (r) => ({ organisationNumber: r.declaration.declarantOrgnr }),
    }),
    versions: t.field({
      type: [DeclarationVersionRef],
      description: 'Every version, oldest first; the last is the current one.',
      resolve: async (r, _args, ctx) =>
        (await ctx.loaders.declarations.versions.load(r.declaration.id)).map((content) => ({
          declaration: r.declaration,
          content,
        })),
    }),
    statusHistory: t.field({
      type: [StatusChangeRef],
      description: "Every event of the declaration's lifecycle, oldest first.",
      resolve: (r, _args, ctx) => ctx.loaders.declarations.events.load(r.declaration.id),
    }),
    submittedAt: t.field({
      type: 'DateTime',
      description: 'When the first version was received.',
      resolve: (r) => r.declaration.submittedAt,
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When the declaration last changed.',
      resolve: (r) => r.declaration.updatedAt,
    }),
  }),
});
