import { builder } from '../../../graphql/builder.js';
import { MoneyInput } from '../../../graphql/common.js';
import { authorityDate } from '../../../shared/clock.js';
import { ValidationFailed } from '../../../shared/errors.js';
import { GoodsItemInput, itemDraft } from '../../declarations/graphql/inputs.js';
import { trimToNull } from '../../declarations/service.js';
import { assessTraveller, type TravellerAssessment, type TravellerInput } from '../engine/index.js';
import type { GoodsAssessment } from '../model.js';
import { assessGoods, type GoodsAssessmentInput, itemInput, toInputProblem } from '../service.js';
import { GoodsAssessmentDetailsRef, type GoodsAssessmentShape, TotalsRef, TravellerAssessmentRef } from './types.js';

const ImporterKindEnum = builder.enumType('ImporterKind', {
  description: 'Who imports: it decides whether VAT is paid at the border.',
  values: {
    VAT_REGISTERED_BUSINESS: { description: 'A VAT-registered business: VAT is shown and reported in its VAT return.' },
    BUSINESS: { description: 'A business not registered for VAT: VAT is payable to customs.' },
    PRIVATE_PERSON: { description: 'A private person: VAT is payable; a VOEC purchase under the limit passes.' },
  } as const,
});

const ImportDutiesInput = builder.inputType('CalculateImportDutiesInput', {
  description:
    'Goods imported by a business or a private person, stated as a declaration states them: the goods items are ' +
    'the GoodsItemInput of submitDeclaration, so an ERP previews exactly what it will submit.',
  fields: (t) => ({
    importer: t.field({ type: ImporterKindEnum, required: true, description: 'Who imports.' }),
    invoiceCurrency: t.field({
      type: 'CurrencyCode',
      required: true,
      description: 'Currency of the invoice amounts.',
    }),
    freight: t.field({
      type: MoneyInput,
      description: 'Freight to the border for the whole consignment, in the currency it was paid in; 0 when omitted.',
    }),
    insurance: t.field({
      type: MoneyInput,
      description: 'Insurance to the border for the whole consignment, in the currency it was paid in; 0 when omitted.',
    }),
    receivedOn: t.field({ type: 'Date', description: 'The day whose rates apply; today when omitted.' }),
    voecNumber: t.string({ description: "For a private person: the seller's VOEC number, when registered." }),
    goodsItems: t.field({
      type: [GoodsItemInput],
      required: true,
      description:
        'The goods, 1 to 999, as in a declaration. Documents are accepted and not read: they do not change duties.',
    }),
  }),
});

const TravellerAlcoholKindEnum = builder.enumType('TravellerAlcoholKind', {
  description: 'Kind of beverage, for the quota and flat rates.',
  values: {
    SPIRITS: { value: 'spirits', description: 'Spirits (above 22 % vol).' },
    WINE: { value: 'wine', description: 'Wine and other beverages from 2.5 to 22 % vol.' },
    BEER: { value: 'beer', description: 'Beer and other beverages up to 4.7 % vol.' },
  } as const,
});

const TravellerTobaccoKindEnum = builder.enumType('TravellerTobaccoKind', {
  description: 'Kind of tobacco.',
  values: {
    CIGARETTES: { value: 'cigarettes', description: 'Cigarettes, in pieces.' },
    SMOKING_TOBACCO: { value: 'smoking-tobacco', description: 'Smoking tobacco, cigars and the like, in grams.' },
    SNUS: { value: 'snus', description: 'Snus, in grams.' },
  } as const,
});

const TravellerGoodsInput = builder.inputType('TravellerGoodsInput', {
  description: 'Goods bought abroad other than alcohol and tobacco: they share the value allowance.',
  fields: (t) => ({
    id: t.string({ required: true, description: 'Your id for the item, returned with its assessment.' }),
    description: t.string({ required: true, description: 'What it is.' }),
    amount: t.field({ type: 'Decimal', required: true, description: 'Price paid.' }),
    currency: t.field({ type: 'CurrencyCode', required: true, description: 'Currency of the price.' }),
    commodityCode: t.field({
      type: 'CommodityCode',
      description: 'Commodity code, when known: its duty and VAT class apply.',
    }),
    netMass: t.field({ type: 'Decimal', description: 'Net mass in kg, for rates per kg.' }),
    supplementaryQuantity: t.field({ type: 'Decimal', description: 'Quantity in the tariff unit of the code.' }),
  }),
});

const TravellerAlcoholInput = builder.inputType('TravellerAlcoholInput', {
  description: 'A beverage bought abroad.',
  fields: (t) => ({
    id: t.string({ required: true, description: 'Your id for the item.' }),
    kind: t.field({ type: TravellerAlcoholKindEnum, required: true, description: 'Spirits, wine or beer.' }),
    litres: t.field({ type: 'Decimal', required: true, description: 'Volume in litres.' }),
    strength: t.field({ type: 'Decimal', required: true, description: 'Alcohol strength in % vol.' }),
    amount: t.field({ type: 'Decimal', description: 'Price paid; needed only beyond the simplified limits.' }),
    currency: t.field({ type: 'CurrencyCode', description: 'Currency of the price.' }),
  }),
});

const TravellerTobaccoInput = builder.inputType('TravellerTobaccoInput', {
  description: 'Tobacco bought abroad.',
  fields: (t) => ({
    id: t.string({ required: true, description: 'Your id for the item.' }),
    kind: t.field({ type: TravellerTobaccoKindEnum, required: true, description: 'Kind of tobacco.' }),
    quantity: t.field({ type: 'Decimal', required: true, description: 'Pieces for cigarettes, grams otherwise.' }),
    amount: t.field({ type: 'Decimal', description: 'Price paid; needed only beyond the simplified limits.' }),
    currency: t.field({ type: 'CurrencyCode', description: 'Currency of the price.' }),
  }),
});

const TravellerDutiesInput = builder.inputType('CalculateTravellerDutiesInput', {
  description: 'What a resident traveller brings home.',
  fields: (t) => ({
    arrivedOn: t.field({ type: 'Date', description: 'Day of entry; today when omitted.' }),
    awayOver24Hours: t.boolean({
      required: true,
      description: 'Away more than 24 hours: NOK 6,000 allowance, else 3,000.',
    }),
    age: t.int({ required: true, description: 'Age in whole years: the alcohol and tobacco quotas have age limits.' }),
    goods: t.field({ type: [TravellerGoodsInput], description: 'Goods other than alcohol and tobacco.' }),
    alcohol: t.field({ type: [TravellerAlcoholInput], description: 'Beverages.' }),
    tobacco: t.field({ type: [TravellerTobaccoInput], description: 'Tobacco.' }),
  }),
});

const ImportDutyCalculationRef = builder.objectRef<GoodsAssessmentShape>('ImportDutyCalculation').implement({
  description: 'Duties and taxes on imported goods, calculated now and stored nowhere.',
  interfaces: [GoodsAssessmentDetailsRef],
  fields: (t) => ({
    receivedOn: t.field({
      type: 'Date',
      description: 'The day whose rates apply: the `receivedOn` you gave, or today.',
      resolve: (a) => (a.assessment as GoodsAssessment).receivedOn,
    }),
    totals: t.field({
      type: TotalsRef,
      nullable: true,
      description: 'The totals of every item you sent; a calculation that can be made always has them.',
      resolve: (a) => a.assessment?.totals ?? null,
    }),
    vatPayable: t.boolean({
      description: 'False for a VAT-registered importer: the VAT is reported in the VAT return, not paid here.',
      resolve: (a) => (a.assessment?.kind === 'IMPORT' ? !a.assessment.importerVatRegistered : true),
    }),
  }),
});

const text = (value: { toFixed(): string } | null | undefined) => (value ? value.toFixed() : null);

const TravellerCalculationRef = builder.objectRef<TravellerAssessment>('TravellerDutyCalculation').implement({
  description: 'What a traveller pays, calculated now and stored nowhere.',
  fields: (t) => ({
    assessment: t.field({ type: TravellerAssessmentRef, description: 'The assessment.', resolve: (c) => c }),
  }),
});

/**
 * The engine's input for a calculation: exported for the bench, which assesses exactly what this
 * field passes the engine when it measures the engine alone against the field over HTTP.
 */
export function importInput(input: typeof ImportDutiesInput.$inferInput, today: string): GoodsAssessmentInput {
  const header = {
    invoiceCurrency: input.invoiceCurrency,
    freight: text(input.freight?.amount) ?? '0',
    freightCurrency: input.freight?.currency ?? null,
    insurance: text(input.insurance?.amount) ?? '0',
    insuranceCurrency: input.insurance?.currency ?? null,
    receivedOn: input.receivedOn ?? today,
    items: input.goodsItems.map((item, index) => itemInput(itemDraft(item), index + 1)),
  };
  return input.importer === 'PRIVATE_PERSON'
    ? { kind: 'PRIVATE_IMPORT', ...header, voecNumber: trimToNull(input.voecNumber)?.toUpperCase() ?? null }
    : { kind: 'IMPORT', ...header, importerVatRegistered: input.importer === 'VAT_REGISTERED_BUSINESS' };
}

function travellerInput(input: typeof TravellerDutiesInput.$inferInput, today: string): TravellerInput {
  return {
    kind: 'TRAVELLER',
    arrivedOn: input.arrivedOn ?? today,
    awayOver24Hours: input.awayOver24Hours,
    age: input.age,
    goods: (input.goods ?? []).map((g) => ({
      id: g.id,
      description: g.description,
      amount: g.amount.toFixed(),
      currency: g.currency,
      commodityCode: g.commodityCode ?? null,
      netMassKg: text(g.netMass),
      supplementaryQuantity: text(g.supplementaryQuantity),
    })),
    alcohol: (input.alcohol ?? []).map((a) => ({
      id: a.id,
      kind: a.kind as TravellerInput['alcohol'][number]['kind'],
      litres: a.litres.toFixed(),
      strength: a.strength.toFixed(),
      amount: text(a.amount),
      currency: a.currency ?? null,
    })),
    tobacco: (input.tobacco ?? []).map((x) => ({
      id: x.id,
      kind: x.kind as TravellerInput['tobacco'][number]['kind'],
      quantity: x.quantity.toFixed(),
      amount: text(x.amount),
      currency: x.currency ?? null,
    })),
  };
}

builder.queryFields((t) => ({
  calculateImportDuties: t.field({
    type: ImportDutyCalculationRef,
    description:
      'Calculates customs duty, excise duties and VAT for goods imported by a business or a private person, at the ' +
      'rates in force on the day given, with the basis of every amount: the assessment a declaration with these ' +
      'goods items would get. Public: no token needed; nothing is stored. Problems (a code not in force on the date, ' +
      'a missing exchange rate, a preference the origin does not qualify for, a quantity a specific rate needs) come ' +
      'back as ValidationFailed, each at its input path.',
    args: { input: t.arg({ type: ImportDutiesInput, required: true, description: 'The goods and who imports them.' }) },
    errors: {
      types: [ValidationFailed],
      union: {
        name: 'CalculateImportDutiesResult',
        description: 'The calculation, or the problems that prevent it (each at its input path).',
      },
    },
    resolve: async (_root, { input }, ctx): Promise<GoodsAssessmentShape> => {
      const result = await assessGoods(ctx.rateBooks, importInput(input, authorityDate(ctx.clock.now())));
      if (!result.ok) throw new ValidationFailed(result.problems.map((p) => toInputProblem(p, ['input'])));
      return { assessment: result.assessment };
    },
  }),
  calculateTravellerDuties: t.field({
    type: TravellerCalculationRef,
    description:
      'Calculates what a resident traveller pays on what they bring home: the value allowance and the alcohol and ' +
      'tobacco quotas used to their best advantage, then duties and flat rates on the rest, at the rates of the day ' +
      'of entry. Public: no token needed; nothing is stored. Problems come back as ValidationFailed, each at its ' +
      'input path.',
    args: { input: t.arg({ type: TravellerDutiesInput, required: true, description: "The traveller's purchases." }) },
    errors: {
      types: [ValidationFailed],
      union: {
        name: 'CalculateTravellerDutiesResult',
        description: 'The calculation, or the problems that prevent it (each at its input path).',
      },
    },
    resolve: async (_root, { input }, ctx): Promise<TravellerAssessment> => {
      const book = await ctx.rateBooks.current();
      const result = assessTraveller(book, travellerInput(input, authorityDate(ctx.clock.now())));
      if (!result.ok) throw new ValidationFailed(result.problems.map((p) => toInputProblem(p, ['input'])));
      return result.assessment;
    },
  }),
}));
