import { builder } from '../../../graphql/builder.js';
import { MoneyInput } from '../../../graphql/common.js';
import { Decimal } from '../../../shared/decimal.js';
import { DeclarationTypeEnum } from '../../rates/graphql/reference.js';
import {
  type DeclarationDraft,
  type GoodsItemDraft,
  normaliseCommodityCodeText,
  type PartyDraft,
  trimToNull,
  upperCode,
} from '../draft.js';
import type { DeclarationType, TransportMode } from '../model.js';
import { TransportModeEnum } from './enums.js';

/*
 * Codes and identifiers take the scalars the outputs use (CountryCode, CurrencyCode, CommodityCode,
 * OrganisationNumber), so a client generator types them alike both ways. A malformed one (a country
 * of three letters, an organisation number with a wrong check digit) is refused as the request is
 * read, every such value at once with its path; one that is well formed but unknown (XX, a code not
 * in the tariff) is a problem of the declaration, reported with all the others at its path.
 */

export const PartyInput = builder.inputType('PartyInput', {
  description: 'An importer or exporter: give exactly one of organisationNumber and nationalIdentityNumber.',
  fields: (t) => ({
    organisationNumber: t.field({
      type: 'OrganisationNumber',
      description: 'Organisation number (9 digits, MOD11 check digit), for an organisation.',
    }),
    nationalIdentityNumber: t.string({ description: 'National identity number (11 digits), for a private person.' }),
    name: t.string({ description: 'Name, at most 200 characters.' }),
    address: t.string({ description: 'Address, at most 500 characters.' }),
  }),
});

export const DocumentInput = builder.inputType('GoodsItemDocumentInput', {
  description: 'A document or permit presented for a goods item.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Document type code, for example N380 (invoice).' }),
    reference: t.string({ required: true, description: 'Number or reference of the document.' }),
    issuedBy: t.string({ description: 'Code of the agency that issued a permit.' }),
    issuedOn: t.field({ type: 'Date', description: 'Date of issue; not in the future.' }),
  }),
});

export const PackagingMaterialEnum = builder.enumType('PackagingMaterial', {
  description: 'Material of beverage packaging, for the packaging taxes.',
  values: {
    GLASS_METAL: { description: 'Glass or metal.' },
    PLASTIC: { description: 'Plastic.' },
    CARTON: { description: 'Carton or cardboard.' },
  } as const,
});

export const VehicleInput = builder.inputType('VehicleInput', {
  description: 'A motor vehicle, for the one-off registration tax.',
  fields: (t) => ({
    firstRegisteredOn: t.field({ type: 'Date', description: 'First registration anywhere; omit for a new vehicle.' }),
    kerbWeightKg: t.field({ type: 'Decimal', required: true, description: 'Kerb weight in kg.' }),
  }),
});

export const PackagingInput = builder.inputType('PackagingInput', {
  description: 'Beverage packaging, for the packaging taxes.',
  fields: (t) => ({
    material: t.field({ type: PackagingMaterialEnum, required: true, description: 'Material.' }),
    units: t.field({ type: 'Decimal', required: true, description: 'Number of bottles, cans or cartons.' }),
    returnPercent: t.field({
      type: 'Decimal',
      description: 'Return percentage of the approved return system; omit when not in one.',
    }),
  }),
});

export const GoodsItemInput = builder.inputType('GoodsItemInput', {
  description: 'One goods item: goods of one commodity code and origin.',
  fields: (t) => ({
    commodityCode: t.field({
      type: 'CommodityCode',
      required: true,
      description: 'Commodity code, 8 digits (04069099 or 0406.9099), in force today.',
    }),
    description: t.string({ required: true, description: 'Plain description of the goods, at most 512 characters.' }),
    countryOfOrigin: t.field({
      type: 'CountryCode',
      required: true,
      description: 'Country of origin (ISO 3166-1 alpha-2).',
    }),
    preferenceClaimed: t.string({
      description:
        'Country group whose preferential rate is claimed (TEF, TEFT, TGS1 ...); omit to pay the ordinary rate.',
    }),
    netMass: t.field({
      type: 'Decimal',
      required: true,
      description: 'Net mass in kg, above zero, at most 3 decimals.',
    }),
    supplementaryQuantity: t.field({
      type: 'Decimal',
      description:
        'Quantity in the tariff unit of the code (litres, pieces, pairs); required when that unit is not kg.',
    }),
    alcoholStrength: t.field({
      type: 'Decimal',
      description: 'Alcohol strength in % vol; required for alcoholic goods.',
    }),
    invoiceAmount: t.field({
      type: 'Decimal',
      required: true,
      description: 'Invoice amount of the item in the invoice currency, above zero, at most 2 decimals.',
    }),
    documents: t.field({ type: [DocumentInput], description: 'Documents and permits for the item.' }),
    vehicle: t.field({ type: VehicleInput, description: 'Vehicle data; required for motor vehicles.' }),
    packaging: t.field({ type: PackagingInput, description: 'Beverage packaging, when packaging taxes apply.' }),
  }),
});

export const DeclarationInput = builder.inputType('DeclarationInput', {
  description:
    'A complete declaration. Every problem in it is reported at once, each with its path, as a ValidationFailed result.',
  fields: (t) => ({
    type: t.field({ type: DeclarationTypeEnum, required: true, description: 'Import or export.' }),
    clientReference: t.string({
      required: true,
      description:
        'Your own reference for the declaration, at most 70 characters, unique among your declarations. ' +
        'Submitting again with the same reference and content returns the same declaration (safe retries).',
    }),
    procedureCode: t.string({ required: true, description: 'Customs procedure code (see procedureCodes).' }),
    customsOffice: t.string({
      required: true,
      description: 'Reference number of the customs office (see customsOffices).',
    }),
    transportMode: t.field({
      type: TransportModeEnum,
      required: true,
      description: 'Mode of transport at the border.',
    }),
    countryOfDispatch: t.field({
      type: 'CountryCode',
      required: true,
      description: 'Country the goods are dispatched from; NO for exports.',
    }),
    countryOfDestination: t.field({
      type: 'CountryCode',
      required: true,
      description: 'Country of destination; NO for imports.',
    }),
    invoiceCurrency: t.field({
      type: 'CurrencyCode',
      required: true,
      description: 'Currency of all invoice amounts (ISO 4217).',
    }),
    invoiceDate: t.field({ type: 'Date', description: 'Date of the invoice; not in the future.' }),
    freight: t.field({
      type: MoneyInput,
      description:
        'Freight to the Norwegian border for the whole consignment, in the currency it was paid in (which may ' +
        'differ from the invoice currency); 0 when omitted.',
    }),
    insurance: t.field({
      type: MoneyInput,
      description:
        'Insurance to the Norwegian border for the whole consignment, in the currency it was paid in; 0 when omitted.',
    }),
    importer: t.field({
      type: PartyInput,
      description: 'The importer; required on an import, not allowed on an export.',
    }),
    exporter: t.field({
      type: PartyInput,
      description: 'The exporter; required on an export, not allowed on an import.',
    }),
    representedParty: t.field({
      type: 'OrganisationNumber',
      description: 'Organisation number of your client, when you declare as a customs broker on its behalf.',
    }),
    voecNumber: t.string({
      description:
        "For a private person's online purchase: the seller's VOEC number, when the seller is registered in the scheme.",
    }),
    goodsItems: t.field({ type: [GoodsItemInput], required: true, description: 'The goods items, 1 to 999.' }),
  }),
});

type PartyArgs = typeof PartyInput.$inferInput;
type ItemArgs = typeof GoodsItemInput.$inferInput;
type DeclarationArgs = typeof DeclarationInput.$inferInput;

function partyDraft(input: PartyArgs | null | undefined): PartyDraft | null {
  if (!input) return null;
  return {
    organisationNumber: trimToNull(input.organisationNumber)?.replace(/\s/g, '') ?? null,
    nationalIdentityNumber: trimToNull(input.nationalIdentityNumber)?.replace(/\s/g, '') ?? null,
    name: trimToNull(input.name),
    address: trimToNull(input.address),
  };
}

/** A goods item input as the domain draft; the duty calculation reads items through it as a submission does. */
export function itemDraft(input: ItemArgs): GoodsItemDraft {
  return {
    commodityCode: normaliseCommodityCodeText(input.commodityCode),
    description: input.description.trim(),
    originCountry: upperCode(input.countryOfOrigin),
    preferenceClaimed: trimToNull(input.preferenceClaimed)?.toUpperCase() ?? null,
    netMassKg: input.netMass,
    supplementaryQuantity: input.supplementaryQuantity ?? null,
    alcoholStrength: input.alcoholStrength ?? null,
    invoiceAmount: input.invoiceAmount,
    documents: (input.documents ?? []).map((document) => ({
      code: document.code.trim().toUpperCase(),
      reference: document.reference.trim(),
      issuedBy: trimToNull(document.issuedBy)?.toUpperCase() ?? null,
      issuedOn: document.issuedOn ?? null,
    })),
    vehicle: input.vehicle
      ? {
          firstRegisteredOn: input.vehicle.firstRegisteredOn ?? null,
          kerbWeightKg: input.vehicle.kerbWeightKg.toFixed(),
        }
      : null,
    packaging: input.packaging
      ? {
          material: input.packaging.material as 'GLASS_METAL' | 'PLASTIC' | 'CARTON',
          units: input.packaging.units.toFixed(),
          returnPercent: input.packaging.returnPercent?.toFixed() ?? null,
        }
      : null,
  };
}

/**
 * Freight or insurance as the draft holds it: the amount, and its currency only when it is not the
 * invoice currency, so that a declaration in one currency keeps the fingerprint it always had.
 */
function costDraft(
  money: { amount: Decimal; currency: string } | null | undefined,
  invoiceCurrency: string,
): { amount: Decimal; currency?: string } {
  const amount = money?.amount ?? new Decimal(0);
  const currency = money ? upperCode(money.currency) : upperCode(invoiceCurrency);
  return currency === upperCode(invoiceCurrency) ? { amount } : { amount, currency };
}

function costFields(
  input: DeclarationArgs,
): Pick<DeclarationDraft, 'freight' | 'freightCurrency' | 'insurance' | 'insuranceCurrency'> {
  const freight = costDraft(input.freight, input.invoiceCurrency);
  const insurance = costDraft(input.insurance, input.invoiceCurrency);
  return {
    freight: freight.amount,
    ...(freight.currency === undefined ? {} : { freightCurrency: freight.currency }),
    insurance: insurance.amount,
    ...(insurance.currency === undefined ? {} : { insuranceCurrency: insurance.currency }),
  };
}

/** The GraphQL input as a domain draft: trimmed, codes upper-cased, defaults filled in. */
export function toDraft(input: DeclarationArgs): DeclarationDraft {
  return {
    type: input.type as DeclarationType,
    clientReference: input.clientReference.trim(),
    procedureCode: input.procedureCode.trim(),
    customsOffice: upperCode(input.customsOffice),
    transportMode: input.transportMode as TransportMode,
    dispatchCountry: upperCode(input.countryOfDispatch),
    destinationCountry: upperCode(input.countryOfDestination),
    invoiceCurrency: upperCode(input.invoiceCurrency),
    invoiceDate: input.invoiceDate ?? null,
    ...costFields(input),
    importer: partyDraft(input.importer),
    exporter: partyDraft(input.exporter),
    representedParty: trimToNull(input.representedParty)?.replace(/\s/g, '') ?? null,
    voecNumber: trimToNull(input.voecNumber)?.toUpperCase() ?? null,
    goodsItems: input.goodsItems.map(itemDraft),
  };
}
