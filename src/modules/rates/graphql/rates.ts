import { builder } from '../../../graphql/builder.js';
import { canonicalDecimal } from '../../../shared/decimal.js';
import type { CitedRate, ExciseCategory, ExciseRateUnit } from '../model.js';
import { ExciseCategoryEnum, VatClassEnum } from './tariff.js';

type Of<Table extends CitedRate['table']> = Extract<CitedRate, { table: Table }>;

const decimal = (value: string | null) => (value === null ? null : canonicalDecimal(value));

const DutyRateKindEnum = builder.enumType('DutyRateKind', {
  description: 'How a customs duty rate applies.',
  values: {
    PERCENT: { description: 'Percent of the customs value.' },
    PER_KG: { description: 'Kroner per kg net mass.' },
    PER_LITRE: { description: 'Kroner per litre.' },
    PER_PIECE: { description: 'Kroner per piece or pair.' },
  } as const,
});

const ExciseRateUnitEnum = builder.enumType('ExciseRateUnit', {
  description: 'The unit an excise duty rate is per.',
  values: {
    PER_VOL_PERCENT_LITRE: { description: 'Kroner per percent alcohol by volume per litre.' },
    PER_LITRE: { description: 'Kroner per litre.' },
    PER_100_PIECES: { description: 'Kroner per 100 pieces.' },
    PER_100_GRAMS: { description: 'Kroner per 100 grams.' },
    PER_100_ML: { description: 'Kroner per 100 millilitres.' },
  } as const satisfies Record<ExciseRateUnit, unknown>,
});

const PackagingTaxEnum = builder.enumType('PackagingTax', {
  description: 'The beverage packaging tax a packaging rate is of.',
  values: {
    ENVIRONMENTAL: { description: 'Environmental tax, reduced by the return percentage of a return system.' },
    BASIC: { description: 'Basic tax on single-use packaging.' },
  } as const,
});

export const RateInterface = builder.interfaceRef<CitedRate>('Rate').implement({
  description:
    'A rate row an assessment cites (`AppliedRate.id`), as `rate(id:)` returns it: one of the rate tables, in force ' +
    'from `validFrom` to `validTo` inclusive. Query `... on DutyRate` and the other types for its figures. Public.',
  resolveType: (rate) => TYPE_OF_TABLE[rate.table],
  fields: (t) => ({
    id: t.id({ description: 'The id assessments cite the row by (`AppliedRate.id`).', resolve: (r) => r.id }),
    validFrom: t.field({
      type: 'Date',
      description: 'First day the rate is in force.',
      resolve: (r) => r.row.validFrom,
    }),
    validTo: t.field({
      type: 'Date',
      nullable: true,
      description: 'Last day the rate is in force; null while open-ended.',
      resolve: (r) => r.row.validTo,
    }),
  }),
});

const TYPE_OF_TABLE = {
  DUTY: 'DutyRate',
  RESEARCH_LEVY: 'ResearchLevyRate',
  EXCISE: 'ExciseRate',
  PACKAGING: 'PackagingRate',
  VAT: 'VatRate',
  RULE: 'RuleRate',
} as const satisfies Record<CitedRate['table'], string>;

builder.objectRef<Of<'DUTY'>>('DutyRate').implement({
  description: 'A customs duty rate of one commodity code for one country group.',
  interfaces: [RateInterface],
  fields: (t) => ({
    commodityCode: t.field({
      type: 'CommodityCode',
      description: 'The 8-digit commodity code.',
      resolve: (r) => r.row.commodityCode,
    }),
    countryGroup: t.string({
      description: 'The country group: TALL ordinary, TEF EU, TGS1 least developed, ...',
      resolve: (r) => r.row.countryGroup,
    }),
    kind: t.field({ type: DutyRateKindEnum, description: 'How `value` applies.', resolve: (r) => r.row.kind }),
    value: t.field({
      type: 'Decimal',
      description: 'The rate: percent, or kroner per the unit `kind` names.',
      resolve: (r) => canonicalDecimal(r.row.value),
    }),
  }),
});

builder.objectRef<Of<'RESEARCH_LEVY'>>('ResearchLevyRate').implement({
  description: 'A research levy rate, percent of the customs value, for the codes starting with a prefix.',
  interfaces: [RateInterface],
  fields: (t) => ({
    codePrefix: t.string({
      description: 'The commodity codes it applies to: a whole code or an HS prefix.',
      resolve: (r) => r.row.codePrefix,
    }),
    percent: t.field({
      type: 'Decimal',
      description: 'Percent of the customs value.',
      resolve: (r) => canonicalDecimal(r.row.percent),
    }),
  }),
});

builder.objectRef<Of<'EXCISE'>>('ExciseRate').implement({
  description: 'An excise duty rate of one excise category, for alcohol within one strength band.',
  interfaces: [RateInterface],
  fields: (t) => ({
    category: t.field({
      type: ExciseCategoryEnum,
      description: 'The excise category.',
      resolve: (r) => r.row.category as ExciseCategory,
    }),
    unit: t.field({
      type: ExciseRateUnitEnum,
      description: 'The unit `value` is per; the `kind` an assessment cites the rate with.',
      resolve: (r) => r.row.kind as ExciseRateUnit,
    }),
    value: t.field({
      type: 'Decimal',
      description: 'Kroner per the `unit`.',
      resolve: (r) => canonicalDecimal(r.row.value),
    }),
    strengthFrom: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Lower end of the alcohol strength band (% vol); null for a rate without a band.',
      resolve: (r) => decimal(r.row.strengthFrom),
    }),
    strengthFromInclusive: t.boolean({
      nullable: true,
      description: 'Whether the band includes `strengthFrom`; null without a band.',
      resolve: (r) => (r.row.strengthFrom === null ? null : (r.row.strengthFromInclusive ?? false)),
    }),
    strengthTo: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Upper end of the strength band (% vol); null when open upwards or without a band.',
      resolve: (r) => decimal(r.row.strengthTo),
    }),
    strengthToInclusive: t.boolean({
      nullable: true,
      description: 'Whether the band includes `strengthTo`; null when there is no upper end.',
      resolve: (r) => (r.row.strengthTo === null ? null : (r.row.strengthToInclusive ?? false)),
    }),
  }),
});

builder.objectRef<Of<'PACKAGING'>>('PackagingRate').implement({
  description: 'A beverage packaging tax rate per unit of packaging.',
  interfaces: [RateInterface],
  fields: (t) => ({
    tax: t.field({ type: PackagingTaxEnum, description: 'The packaging tax.', resolve: (r) => r.row.tax }),
    material: t.string({
      nullable: true,
      description:
        'Material the rate is for (GLASS_METAL, PLASTIC, CARTON, as `PackagingMaterial`); null for every material.',
      resolve: (r) => r.row.material,
    }),
    perUnit: t.field({
      type: 'Decimal',
      description: 'Kroner per bottle, can or carton.',
      resolve: (r) => canonicalDecimal(r.row.perUnit),
    }),
    exemptAtReturnPercent: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Return percentage from which the tax is not due; null when no return percentage exempts.',
      resolve: (r) => decimal(r.row.exemptAtReturnPercent),
    }),
  }),
});

builder.objectRef<Of<'VAT'>>('VatRate').implement({
  description: 'The VAT rate on import of one VAT class.',
  interfaces: [RateInterface],
  fields: (t) => ({
    vatClass: t.field({ type: VatClassEnum, description: 'The VAT class.', resolve: (r) => r.row.vatClass }),
    percent: t.field({
      type: 'Decimal',
      description: 'Percent of the VAT base.',
      resolve: (r) => canonicalDecimal(r.row.percent),
    }),
  }),
});

builder.objectRef<Of<'RULE'>>('RuleRate').implement({
  description:
    'A figure of another shape: the VOEC limit, a traveller allowance, quota, limit or flat rate, or a part of the ' +
    'vehicle registration tax.',
  interfaces: [RateInterface],
  fields: (t) => ({
    rule: t.string({
      description: 'Which rule: VOEC_ITEM_VALUE_LIMIT, TRAVELLER_ALLOWANCE, VEHICLE_WEIGHT_BAND, ...',
      resolve: (r) => r.row.rule,
    }),
    qualifiers: t.string({
      description: 'What the figure is qualified by (kind of beverage, time away, weight band ...), as a JSON object.',
      resolve: (r) => JSON.stringify(r.row.attributes),
    }),
    value: t.field({
      type: 'Decimal',
      description: 'The figure: kroner, litres, pieces, months or percent, as the rule says.',
      resolve: (r) => canonicalDecimal(r.row.value),
    }),
  }),
});

builder.queryField('rate', (t) =>
  t.field({
    type: RateInterface,
    nullable: true,
    description:
      'The rate row an assessment cites by `AppliedRate.id` (`D12`, `V3`, ...); null for an id that is malformed or ' +
      'names no row. Exchange rates are cited by the id `exchangeRate` returns. Public.',
    args: { id: t.arg.id({ required: true, description: 'The cited id.' }) },
    resolve: (_root, args, ctx) => ctx.loaders.rates.citedRate.load(String(args.id)),
  }),
);
