import { builder } from '../../../graphql/builder.js';
import { authorityDate } from '../../../shared/clock.js';
import { ValidationFailed } from '../../../shared/errors.js';
import { PackagingInput, VehicleInput } from '../../declarations/graphql/inputs.js';
import { normaliseCommodityCodeText, trimToNull, upperCode } from '../../declarations/service.js';
import {
  assessTraveller,
  type GoodsItemInput,
  type TravellerAssessment,
  type TravellerInput,
} from '../engine/index.js';
import { assessGoods, type GoodsAssessmentInput, type RateBooks, toInputProblem } from '../service.js';
import { GoodsAssessmentDetailsRef, type GoodsAssessmentShape, TravellerAssessmentRef } from './types.js';

const ImporterKindEnum = builder.enumType('ImporterKind', {
  description: 'Who imports: it decides whether VAT is paid at the border.',
  values: {
    VAT_REGISTERED_BUSINESS: { description: 'A VAT-registered business: VAT is shown and reported in its VAT return.' },
    BUSINESS: { description: 'A business not registered for VAT: VAT is payable to customs.' },
    PRIVATE_PERSON: { description: 'A private person: VAT is payable; a VOEC purchase under the limit passes.' },
  } as const,
});

const DutiesItemInput = builder.inputType('DutiesItemInput', {
  description: 'Goods to calculate duties for, as on a goods item of a declaration.',
  fields: (t) => ({
    commodityCode: t.string({ required: true, description: 'Commodity code, 8 digits (dotted form accepted).' }),
    countryOfOrigin: t.string({ required: true, description: 'Country of origin.' }),
    preferenceClaimed: t.string({ description: 'Country group whose preferential rate is claimed.' }),
    netMass: t.field({ type: 'Decimal', description: 'Net mass in kg; needed by rates per kg.' }),
    supplementaryQuantity: t.field({
      type: 'Decimal',
      description: 'Litres, pieces or pairs, as the tariff unit of the code.',
    }),
    alcoholStrength: t.field({ type: 'Decimal', description: 'Alcohol strength in % vol, for alcoholic goods.' }),
    invoiceAmount: t.field({ type: 'Decimal', required: true, description: 'Invoice amount in the invoice currency.' }),
    vehicle: t.field({ type: VehicleInput, description: 'Vehicle data, for motor vehicles.' }),
    packaging: t.field({ type: PackagingInput, description: 'Beverage packaging.' }),
  }),
});

const GoodsDutiesInput = builder.inputType('GoodsDutiesInput', {
  description: 'Goods imported by a business or a private person, as a declaration would state them.',
  fields: (t) => ({
    importer: t.field({ type: ImporterKindEnum, required: true, description: 'Who imports.' }),
    invoiceCurrency: t.string({ required: true, description: 'Currency of the invoice amounts.' }),
    freight: t.field({ type: 'Decimal', description: 'Freight to the border, invoice currency; 0 when omitted.' }),
    insurance: t.field({ type: 'Decimal', description: 'Insurance to the border, invoice currency; 0 when omitted.' }),
    receivedOn: t.field({ type: 'Date', description: 'The day whose rates apply; today when omitted.' }),
    voecNumber: t.string({ description: "For a private person: the seller's VOEC number, when registered." }),
    goodsItems: t.field({ type: [DutiesItemInput], required: true, description: 'The goods, 1 to 999.' }),
  }),
});

const TravellerAlcoholKindEnum = builder.enumType('TravellerAlcoholKind', {
  description: 'Kind of beverage, for the quota and flat rates.',
  values: {
    spirits: { value: 'spirits', description: 'Spirits (above 22 % vol).' },
    wine: { value: 'wine', description: 'Wine and other beverages from 2.5 to 22 % vol.' },
    beer: { value: 'beer', description: 'Beer and other beverages up to 4.7 % vol.' },
  } as const,
});

const TravellerTobaccoKindEnum = builder.enumType('TravellerTobaccoKind', {
  description: 'Kind of tobacco.',
  values: {
    cigarettes: { value: 'cigarettes', description: 'Cigarettes, in pieces.' },
    smokingTobacco: { value: 'smoking-tobacco', description: 'Smoking tobacco, cigars and the like, in grams.' },
    snus: { value: 'snus', description: 'Snus, in grams.' },
  } as const,
});

const TravellerGoodsInput = builder.inputType('TravellerGoodsInput', {
  description: 'Goods bought abroad other than alcohol and tobacco: they share the value allowance.',
  fields: (t) => ({
    id: t.string({ required: true, description: 'Your id for the item, returned with its assessment.' }),
    description: t.string({ required: true, description: 'What it is.' }),
    amount: t.field({ type: 'Decimal', required: true, description: 'Price paid.' }),
    currency: t.string({ required: true, description: 'Currency of the price.' }),
    commodityCode: t.string({ description: 'Commodity code, when known: its duty and VAT class apply.' }),
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
    currency: t.string({ description: 'Currency of the price.' }),
  }),
});

const TravellerTobaccoInput = builder.inputType('TravellerTobaccoInput', {
  description: 'Tobacco bought abroad.',
  fields: (t) => ({
    id: t.string({ required: true, description: 'Your id for the item.' }),
    kind: t.field({ type: TravellerTobaccoKindEnum, required: true, description: 'Kind of tobacco.' }),
    quantity: t.field({ type: 'Decimal', required: true, description: 'Pieces for cigarettes, grams otherwise.' }),
    amount: t.field({ type: 'Decimal', description: 'Price paid; needed only beyond the simplified limits.' }),
    currency: t.string({ description: 'Currency of the price.' }),
  }),
});

const TravellerDutiesInput = builder.inputType('TravellerDutiesInput', {
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

const CalculateDutiesInput = builder.inputType('CalculateDutiesInput', {
  description: 'Give exactly one: goods (a business or private import) or traveller.',
  fields: (t) => ({
    goods: t.field({ type: GoodsDutiesInput, description: 'Goods imported by a business or a private person.' }),
    traveller: t.field({ type: TravellerDutiesInput, description: "A traveller's purchases." }),
  }),
});

const DutyCalculationRef = builder.objectRef<GoodsAssessmentShape>('DutyCalculation').implement({
  description: 'Duties and taxes on imported goods, calculated now and stored nowhere.',
  interfaces: [GoodsAssessmentDetailsRef],
  fields: (t) => ({
    vatPayable: t.boolean({
      description: 'False for a VAT-registered importer: the VAT is reported in the VAT return, not paid here.',
      resolve: (a) => (a.assessment?.kind === 'IMPORT' ? !a.assessment.importerVatRegistered : true),
    }),
  }),
});

const text = (value: { toFixed(): string } | null | undefined) => (value ? value.toFixed() : null);

/** A traveller's calculation, told apart from a goods calculation in the result union. */
interface TravellerCalculation {
  readonly traveller: TravellerAssessment;
}

const TravellerCalculationRef = builder.objectRef<TravellerCalculation>('TravellerDutyCalculation').implement({
  description: 'What a traveller pays, calculated now and stored nowhere.',
  fields: (t) => ({
    assessment: t.field({ type: TravellerAssessmentRef, description: 'The assessment.', resolve: (c) => c.traveller }),
  }),
});

/**
 * Problems as data. GraphQL treats a resolver's Error as a failure of the field, so the union
 * carries the ValidationFailed's fields in a plain object instead of the Error itself.
 */
interface CalculationProblems {
  readonly failed: true;
  readonly code: 'VALIDATION_FAILED';
  readonly message: string;
  readonly problems: ValidationFailed['problems'];
}

type Calculation = GoodsAssessmentShape | TravellerCalculation | ValidationFailed;

function failed(problems: ValidationFailed['problems']): ValidationFailed {
  const error = new ValidationFailed(problems);
  const data: CalculationProblems = {
    failed: true,
    code: error.code,
    message: error.message,
    problems: error.problems,
  };
  // The ValidationFailed type reads these fields; the object only stands in for the Error.
  return data as unknown as ValidationFailed;
}

const CalculateDutiesResult = builder.unionType('CalculateDutiesResult', {
  description: 'The calculation, or the problems that prevent it (each at its input path).',
  types: [DutyCalculationRef, TravellerCalculationRef, ValidationFailed],
  resolveType: (value) =>
    'failed' in value ? 'ValidationFailed' : 'traveller' in value ? 'TravellerDutyCalculation' : 'DutyCalculation',
});

function goodsInput(goods: typeof GoodsDutiesInput.$inferInput, today: string): GoodsAssessmentInput {
  const items: GoodsItemInput[] = goods.goodsItems.map((item, index) => ({
    itemNumber: index + 1,
    commodityCode: normaliseCommodityCodeText(item.commodityCode),
    originCountry: upperCode(item.countryOfOrigin),
    preferenceClaimed: trimToNull(item.preferenceClaimed)?.toUpperCase() ?? null,
    netMassKg: text(item.netMass),
    supplementaryQuantity: text(item.supplementaryQuantity),
    alcoholStrength: text(item.alcoholStrength),
    invoiceAmount: item.invoiceAmount.toFixed(),
    vehicle: item.vehicle
      ? { firstRegisteredOn: item.vehicle.firstRegisteredOn ?? null, kerbWeightKg: item.vehicle.kerbWeightKg.toFixed() }
      : null,
    packaging: item.packaging
      ? {
          material: item.packaging.material as 'GLASS_METAL' | 'PLASTIC' | 'CARTON',
          units: item.packaging.units.toFixed(),
          returnPercent: text(item.packaging.returnPercent),
        }
      : null,
  }));
  const header = {
    invoiceCurrency: upperCode(goods.invoiceCurrency),
    freight: text(goods.freight) ?? '0',
    insurance: text(goods.insurance) ?? '0',
    receivedOn: goods.receivedOn ?? today,
    items,
  };
  return goods.importer === 'PRIVATE_PERSON'
    ? { kind: 'PRIVATE_IMPORT', ...header, voecNumber: trimToNull(goods.voecNumber) }
    : { kind: 'IMPORT', ...header, importerVatRegistered: goods.importer === 'VAT_REGISTERED_BUSINESS' };
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
      currency: upperCode(g.currency),
      commodityCode: g.commodityCode ? normaliseCommodityCodeText(g.commodityCode) : null,
      netMassKg: text(g.netMass),
      supplementaryQuantity: text(g.supplementaryQuantity),
    })),
    alcohol: (input.alcohol ?? []).map((a) => ({
      id: a.id,
      kind: a.kind as TravellerInput['alcohol'][number]['kind'],
      litres: a.litres.toFixed(),
      strength: a.strength.toFixed(),
      amount: text(a.amount),
      currency: a.currency ? upperCode(a.currency) : null,
    })),
    tobacco: (input.tobacco ?? []).map((x) => ({
      id: x.id,
      kind: x.kind as TravellerInput['tobacco'][number]['kind'],
      quantity: x.quantity.toFixed(),
      amount: text(x.amount),
      currency: x.currency ? upperCode(x.currency) : null,
    })),
  };
}

async function calculateTraveller(rateBooks: RateBooks, input: TravellerInput): Promise<Calculation> {
  const book = await rateBooks.current();
  const result = assessTraveller(book, input);
  return result.ok
    ? { traveller: result.assessment }
    : failed(result.problems.map((p) => toInputProblem(p, ['input', 'traveller'])));
}

builder.queryField('calculateDuties', (t) =>
  t.field({
    type: CalculateDutiesResult,
    description:
      "Calculates customs duty, excise duties and VAT for imported goods or a traveller's purchases, at the rates in " +
      'force on the day given, with the basis of every amount. Public: no token needed; nothing is stored. Problems ' +
      '(a code not in force on the date, a missing exchange rate, a preference the origin does not qualify for, a ' +
      'quantity a specific rate needs) come back as ValidationFailed, each at its path.',
    args: { input: t.arg({ type: CalculateDutiesInput, required: true, description: 'Goods or traveller.' }) },
    resolve: async (_root, { input }, ctx): Promise<Calculation> => {
      if (Boolean(input.goods) === Boolean(input.traveller)) {
        return failed([{ code: 'EXACTLY_ONE_REQUIRED', path: ['input'], message: 'Give either goods or traveller.' }]);
      }
      const today = authorityDate(ctx.clock.now());
      if (input.traveller) return calculateTraveller(ctx.rateBooks, travellerInput(input.traveller, today));
      const result = await assessGoods(
        ctx.rateBooks,
        goodsInput(input.goods as NonNullable<typeof input.goods>, today),
      );
      return result.ok
        ? { assessment: result.assessment }
        : failed(result.problems.map((p) => toInputProblem(p, ['input', 'goods'])));
    },
  }),
);
