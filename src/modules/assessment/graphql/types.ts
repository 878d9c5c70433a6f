import { builder } from '../../../graphql/builder.js';
import { MoneyRef } from '../../../graphql/common.js';
import type {
  AssessmentLine,
  Basis,
  ExchangeRateRef,
  GoodsAssessment,
  ItemAssessment,
  LineKind,
  Problem,
  RateRef,
  RateTable,
  RuleCode,
  Totals,
  TravellerAssessment,
  TravellerItemAssessment,
} from '../model.js';

const nok = (amount: string) => ({ amount, currency: 'NOK' });

function enumOf<T extends string>(name: string, description: string, values: Record<T, string>) {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(
      Object.entries(values).map(([value, text]) => [value, { value, description: text as string }]),
    ) as Record<T, { value: T; description: string }>,
  });
}

export const LineKindEnum = enumOf<LineKind>('AssessmentLineKind', 'What an assessment line is.', {
  CUSTOMS_VALUE: 'Customs value in NOK: the base of percentage duties and VAT, not a charge.',
  CUSTOMS_DUTY: 'Customs duty (tollavgift).',
  RESEARCH_LEVY: 'Research levy on agricultural goods (forskningsavgift).',
  EXCISE_ALCOHOL: 'Excise duty on alcohol.',
  EXCISE_TOBACCO: 'Excise duty on tobacco.',
  EXCISE_E_LIQUID: 'Excise duty on e-liquid with nicotine.',
  PACKAGING_ENVIRONMENTAL_TAX: 'Environmental tax on beverage packaging.',
  PACKAGING_BASIC_TAX: 'Basic tax on single-use beverage packaging.',
  REGISTRATION_TAX: 'One-off registration tax on a motor vehicle (weight component).',
  VAT: 'VAT on import: payable to customs, or reported in the VAT return by VAT-registered importers.',
  FLAT_RATE_ALCOHOL: "Traveller's flat rate on alcohol beyond the quota.",
  FLAT_RATE_TOBACCO: "Traveller's flat rate on tobacco beyond the quota.",
  VOEC_RELIEF: 'Value covered by the VOEC scheme: VAT was paid to the seller; not a charge.',
  VALUE_ALLOWANCE: "Value covered by the traveller's allowance; not a charge.",
  ALCOHOL_QUOTA: "Alcohol within the traveller's duty-free quota; not a charge.",
  TOBACCO_QUOTA: "Tobacco within the traveller's duty-free quota; not a charge.",
});

export const RuleEnum = enumOf<RuleCode>(
  'AssessmentRule',
  'The rule an amount was computed by. Stable: programs may switch on it.',
  {
    CUSTOMS_VALUE_NOK: 'Customs value of an invoice in NOK.',
    CUSTOMS_VALUE_CONVERTED: 'Customs value converted at the exchange rate in force when the declaration was received.',
    DUTY_ORDINARY: 'Ordinary customs duty (TALL).',
    DUTY_PREFERENTIAL: 'Preferential customs duty of the claimed country group.',
    DUTY_PREFERENCE_WITHOUT_OWN_RATE:
      'A preference was claimed but the group has no rate of its own: the ordinary rate applies.',
    DUTY_ORDINARY_LOWER_THAN_PREFERENTIAL: 'The ordinary rate is lower than the preferential one and applies instead.',
    RESEARCH_LEVY: 'Research levy by commodity code.',
    EXCISE: 'Excise duty by category.',
    PACKAGING_ENVIRONMENTAL: 'Environmental tax on beverage packaging, reduced by the return percentage.',
    PACKAGING_BASIC: 'Basic tax on single-use beverage packaging.',
    REGISTRATION_TAX_WEIGHT: 'Weight component of the registration tax, with the age deduction for used imports.',
    VAT_IMPORT: 'VAT on the VAT base: customs value plus all duties and taxes.',
    VAT_ELECTRIC_CAR: 'VAT on an electric car: only on the value above the threshold.',
    VOEC_COVERED: 'Covered by the VOEC scheme.',
    TRAVELLER_VALUE_ALLOWANCE: "The traveller's value allowance.",
    TRAVELLER_ALCOHOL_QUOTA: "The traveller's alcohol quota.",
    TRAVELLER_TOBACCO_QUOTA: "The traveller's tobacco quota.",
    TRAVELLER_FLAT_RATE: 'Flat rate for the excess within the simplified limits.',
    TRAVELLER_ORDINARY_BEYOND_LIMIT: 'Ordinary rates for what exceeds the simplified limits.',
  },
);

const RateTableEnum = enumOf<RateTable>('RateTable', 'The table of rates a cited rate comes from.', {
  DUTY: 'Customs duty rates.',
  RESEARCH_LEVY: 'Research levy rates.',
  EXCISE: 'Excise duty rates.',
  PACKAGING: 'Packaging tax rates.',
  VAT: 'VAT rates.',
  VOEC: 'The VOEC scheme limit.',
  TRAVELLER_ALLOWANCE: 'Traveller value allowances.',
  ALCOHOL_QUOTA: 'Traveller alcohol quotas.',
  TOBACCO_QUOTA: 'Traveller tobacco quotas.',
  SIMPLIFIED_LIMIT: 'Limits of the simplified (flat-rate) scheme for travellers.',
  FLAT_RATE: 'Traveller flat rates.',
  VEHICLE_WEIGHT: 'Registration tax weight bands.',
  VEHICLE_AGE_DEDUCTION: 'Age deductions for used vehicles.',
  ELECTRIC_VAT_THRESHOLD: 'The VAT threshold for electric cars.',
});

/*
 * Fields that are a property of the engine's result as it is are exposed, not resolved: they get
 * graphql's default resolution, which compiled execution (graphql/compiled-execution.ts) reads as
 * a plain property access, where a resolver is a call with its own resolve info per field and
 * line, thousands of them in one calculation.
 */

const AppliedRateRef = builder.objectRef<RateRef>('AppliedRate').implement({
  description: 'A rate an amount was computed with, as the rate tables hold it.',
  fields: (t) => ({
    table: t.expose('table', { type: RateTableEnum, description: 'The table.' }),
    id: t.exposeString('id', { description: 'Id of the rate row in its table; `rate(id:)` returns the row.' }),
    value: t.expose('value', { type: 'Decimal', description: 'The rate.' }),
    kind: t.exposeString('kind', {
      description: 'How the value applies: PERCENT, PER_KG, PER_VOL_PERCENT_LITRE, NOK ...',
    }),
    countryGroup: t.exposeString('countryGroup', { nullable: true, description: 'Country group of a duty rate.' }),
    validFrom: t.expose('validFrom', { type: 'Date', description: 'First day the rate is in force.' }),
    validTo: t.expose('validTo', { type: 'Date', nullable: true, description: 'Last day in force; null while open.' }),
  }),
});

/**
 * Assessments stored before the ids matched cite an exchange rate row as X<id>, in its basis and in
 * the sentences that explain it; they read back as <id>, the id `exchangeRate` and `exchangeRates`
 * return, so that an old and a new assessment cite a rate alike. Stored results stay as stored.
 */
const citedExchangeRateId = (id: string) => id.replace(/^X(?=\d+$)/, '');
const withCitedExchangeRateIds = (explanation: string) => explanation.replace(/(exchange rate )X(\d+)\b/g, '$1$2');

const AppliedExchangeRateRef = builder.objectRef<ExchangeRateRef>('AppliedExchangeRate').implement({
  description: 'The exchange rate an amount was converted with.',
  fields: (t) => ({
    id: t.string({
      description: 'Id of the rate row: the `id` of the ExchangeRate that `exchangeRate` and `exchangeRates` return.',
      resolve: (r) => citedExchangeRateId(r.id),
    }),
    currency: t.expose('currency', { type: 'CurrencyCode', description: 'The foreign currency.' }),
    rate: t.expose('rate', { type: 'Decimal', description: 'NOK for `unit` units.' }),
    unit: t.exposeInt('unit', { description: 'Units of the currency the rate is for (1 or 100).' }),
    date: t.expose('date', { type: 'Date', description: 'The day the rate was taken on.' }),
    validFrom: t.expose('validFrom', { type: 'Date', description: 'First day in force.' }),
    validTo: t.expose('validTo', { type: 'Date', nullable: true, description: 'Last day in force.' }),
  }),
});

const QuantityRef = builder.objectRef<{ value: string; unit: string }>('AssessedQuantity').implement({
  description: 'A quantity a specific rate was applied to.',
  fields: (t) => ({
    value: t.expose('value', { type: 'Decimal', description: 'The quantity.' }),
    unit: t.exposeString('unit', { description: 'Its unit: kg, l, pcs, g, vol-% l, units ...' }),
  }),
});

const BasisRef = builder.objectRef<Basis>('AssessmentBasis').implement({
  description: 'Why an amount is what it is: enough to compute it again by hand.',
  fields: (t) => ({
    rule: t.expose('rule', { type: RuleEnum, description: 'The rule applied.' }),
    rates: t.expose('rates', { type: [AppliedRateRef], description: 'The rates applied, the main one first.' }),
    baseAmount: t.field({
      type: MoneyRef,
      nullable: true,
      description:
        'The amount a percentage was applied to, in NOK; for a customs value, the invoice-currency amount it ' +
        'converts: the invoice amount plus the share of freight and insurance when both are in the invoice ' +
        'currency, else the invoice amount alone (the share is then added in NOK, see `exchangeRates`). Null where ' +
        '`amount` is withheld from a partner agency, for the same reason.',
      // Assessments stored before the basis named its currency had only NOK bases there.
      resolve: (b) => (b.baseAmount === null ? null : { amount: b.baseAmount, currency: b.baseCurrency ?? 'NOK' }),
    }),
    quantity: t.expose('quantity', {
      type: QuantityRef,
      nullable: true,
      description: 'The quantity a specific rate was applied to.',
    }),
    exchangeRate: t.expose('exchangeRate', {
      type: AppliedExchangeRateRef,
      nullable: true,
      description: 'The exchange rate used, for a converted amount.',
    }),
    exchangeRates: t.field({
      type: [AppliedExchangeRateRef],
      description:
        "Every exchange rate the amount rests on: for a customs value, the invoice currency's and, when freight " +
        'or insurance was paid in another currency, theirs. Empty when nothing was converted.',
      resolve: (b) => b.exchangeRates ?? (b.exchangeRate ? [b.exchangeRate] : []),
    }),
    explanation: t.string({
      description:
        'The computation in one sentence; it cites each rate by the id its `rates` and `exchangeRates` give.',
      resolve: (b) => withCitedExchangeRateIds(b.explanation),
    }),
  }),
});

/** A line as a reader sees it: `withheld` when its amount rests on figures the reader may not see. */
export type ShownLine = AssessmentLine & { readonly withheld?: true };

const LineRef = builder.objectRef<ShownLine>('AssessmentLine').implement({
  description: 'One amount of an assessment, rounded half-up to øre, with its basis.',
  fields: (t) => ({
    kind: t.expose('kind', { type: LineKindEnum, description: 'What the amount is.' }),
    amount: t.field({
      type: MoneyRef,
      nullable: true,
      description:
        'The amount in NOK. Null for a partner agency that does not see every item of every version of the ' +
        'declaration, on each line that rests on the customs value (the customs value itself, percentage duties ' +
        'and levies, VAT): the customs value includes a share of freight and insurance, so with the invoice ' +
        'amount and the exchange rate it would give away the value of the goods the agency may not see. Lines ' +
        'computed on a quantity alone stay.',
      resolve: (l) => (l.withheld ? null : nok(l.amount)),
    }),
    charge: t.exposeBoolean('charge', { description: 'False for a base or a relief (customs value, quota used).' }),
    payable: t.exposeBoolean('payable', {
      description: 'True when paid to customs; false for VAT reported in the VAT return.',
    }),
    basis: t.expose('basis', { type: BasisRef, description: 'How it was computed.' }),
  }),
});

const ItemRef = builder.objectRef<ItemAssessment>('ItemAssessment').implement({
  description: 'The assessment of one goods item.',
  fields: (t) => ({
    itemNumber: t.exposeInt('itemNumber', { description: 'The goods item.' }),
    commodityCode: t.expose('commodityCode', { type: 'CommodityCode', description: 'Its commodity code.' }),
    countryGroup: t.exposeString('countryGroup', { description: 'The country group whose duty rate applied.' }),
    lines: t.expose('lines', { type: [LineRef], description: 'Its amounts, in order.' }),
  }),
});

const KindTotalRef = builder.objectRef<{ kind: LineKind; amount: string }>('AssessmentKindTotal').implement({
  description: 'The total of one kind of amount.',
  fields: (t) => ({
    kind: t.expose('kind', { type: LineKindEnum, description: 'The kind.' }),
    amount: t.field({ type: MoneyRef, description: 'Its total in NOK.', resolve: (k) => nok(k.amount) }),
  }),
});

export const TotalsRef = builder.objectRef<Totals>('AssessmentTotals').implement({
  description: 'Totals: sums of the rounded lines, never rounded again. total = payable + vatToReport.',
  fields: (t) => ({
    payable: t.field({ type: MoneyRef, description: 'To pay to customs.', resolve: (x) => nok(x.payable) }),
    vatToReport: t.field({
      type: MoneyRef,
      description: 'VAT a VAT-registered importer reports in the VAT return instead of paying it here.',
      resolve: (x) => nok(x.vatToReport),
    }),
    total: t.field({ type: MoneyRef, description: 'All charges.', resolve: (x) => nok(x.total) }),
    byKind: t.expose('byKind', { type: [KindTotalRef], description: 'Totals by kind of charge.' }),
  }),
});

export const ProblemRef = builder.objectRef<Problem>('AssessmentProblem').implement({
  description: 'Why something could not be assessed.',
  fields: (t) => ({
    code: t.exposeString('code', {
      description: 'Stable code, for example EXCHANGE_RATE_MISSING or PREFERENCE_NOT_APPLICABLE.',
    }),
    path: t.stringList({ description: 'Where in the input.', resolve: (p) => p.path.map(String) }),
    message: t.exposeString('message', { description: 'What is wrong.' }),
  }),
});

export const GoodsAssessmentKindEnum = builder.enumType('GoodsAssessmentKind', {
  description: 'Whose import an assessment is for.',
  values: {
    IMPORT: { description: 'A business import: VAT payable unless the importer is VAT-registered.' },
    PRIVATE_IMPORT: {
      description: "A private person's import: VAT always payable; VOEC purchases under the limit pass.",
    },
  } as const,
});

/** What an assessment of goods says, whether stored with a declaration or computed as a preview. */
export interface GoodsAssessmentShape {
  readonly assessment: GoodsAssessment | null;
  /** The caller sees only some of the items (an agency reading by chapter): totals are withheld. */
  readonly partial?: boolean;
  /**
   * How many goods items the assessed version holds, for a stored assessment: `items` is charged
   * that length against the query's cost as it resolves. Absent for a preview, whose estimate
   * already counts its input list.
   */
  readonly storedItemCount?: number;
}

export const GoodsAssessmentDetailsRef = builder
  .interfaceRef<GoodsAssessmentShape>('GoodsAssessmentDetails')
  .implement({
    description: 'The duties and taxes on imported goods, item by item, each amount with its basis.',
    fields: (t) => ({
      kind: t.field({
        type: GoodsAssessmentKindEnum,
        nullable: true,
        description: 'Business or private import.',
        resolve: (a) => a.assessment?.kind ?? null,
      }),
      receivedOn: t.field({
        type: 'Date',
        nullable: true,
        description: 'The day whose rates apply; null when there is no assessment to date.',
        resolve: (a) => a.assessment?.receivedOn ?? null,
      }),
      exchangeRate: t.field({
        type: AppliedExchangeRateRef,
        nullable: true,
        description: 'The exchange rate of the invoice currency; null for NOK.',
        resolve: (a) => a.assessment?.exchangeRate ?? null,
      }),
      items: t.field({
        type: [ItemRef],
        description: 'The goods items.',
        resolve: (a, _args, ctx, info) => {
          if (a.storedItemCount !== undefined) ctx.costBudget.chargeList(a.storedItemCount, info);
          return a.assessment?.items ?? [];
        },
      }),
      totals: t.field({
        type: TotalsRef,
        nullable: true,
        description: 'The totals of the items; when they may be null, each implementing type says.',
        resolve: (a) => (a.partial ? null : (a.assessment?.totals ?? null)),
      }),
    }),
  });

const TravellerItemRef = builder.objectRef<TravellerItemAssessment>('TravellerItemAssessment').implement({
  description: "One of a traveller's goods, beverages or tobacco, assessed.",
  fields: (t) => ({
    id: t.exposeString('id', { description: 'The id you gave it.' }),
    section: t.exposeString('section', { description: 'GOODS, ALCOHOL or TOBACCO.' }),
    lines: t.field({ type: [LineRef], description: 'Its amounts.', resolve: (i) => i.lines }),
  }),
});

export const TravellerAssessmentRef = builder.objectRef<TravellerAssessment>('TravellerAssessment').implement({
  description: "What a traveller pays: the allowance and quotas used to the traveller's best advantage, and the rest.",
  fields: (t) => ({
    arrivedOn: t.field({
      type: 'Date',
      description: 'The day of entry whose rates apply.',
      resolve: (a) => a.arrivedOn,
    }),
    allowanceRate: t.field({
      type: AppliedRateRef,
      description: 'The value allowance that applied.',
      resolve: (a) => a.allowance.rate,
    }),
    allowanceUsed: t.field({
      type: MoneyRef,
      description: 'Value the allowance covered.',
      resolve: (a) => nok(a.allowance.usedNok),
    }),
    coveredGoods: t.field({
      type: [TravellerItemRef],
      description:
        'The goods the allowance covers, the choice that leaves the least to pay: items of `items`, in the order ' +
        'the allowance takes them.',
      // Item ids are unique across the sections (the engine refuses DUPLICATE_ITEM).
      resolve: (a) => {
        const byId = new Map(a.items.map((item) => [item.id, item]));
        return a.allowance.coveredGoodsIds.flatMap((id) => byId.get(id) ?? []);
      },
    }),
    alcoholQuotaUsed: t.field({
      type: [QuantityRef],
      description: 'Litres of spirits, wine and beer within the quota, after the exchanges the rules allow.',
      resolve: (a) => [
        { value: a.alcoholQuotaUsed.spirits, unit: 'l spirits' },
        { value: a.alcoholQuotaUsed.wine, unit: 'l wine' },
        { value: a.alcoholQuotaUsed.beer, unit: 'l beer' },
      ],
    }),
    tobaccoQuotaUsed: t.field({
      type: QuantityRef,
      nullable: true,
      description: 'The tobacco quota used, when any: cigarettes in pieces or other tobacco in grams.',
      resolve: (a) =>
        a.tobaccoQuotaUsed
          ? {
              value: a.tobaccoQuotaUsed.quantity,
              unit: a.tobaccoQuotaUsed.group === 'cigarettes' ? 'pcs cigarettes' : 'g tobacco',
            }
          : null,
    }),
    items: t.field({ type: [TravellerItemRef], description: 'Every item, assessed.', resolve: (a) => a.items }),
    totals: t.field({ type: TotalsRef, description: 'What to pay.', resolve: (a) => a.totals }),
  }),
});
