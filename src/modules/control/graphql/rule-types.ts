import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../../graphql/builder.js';
import type {
  ControlChannel,
  CountryRouteParameters,
  LowUnitValueParameters,
  MissingDocumentParameters,
  NewImporterParameters,
  RandomSelectionParameters,
  RestrictedGoodsParameters,
  RiskRuleKind,
  RiskRuleParameters,
} from '../model.js';
import type { RiskRuleRow, RiskRuleVersionRow } from '../risk/repository.js';

export const ControlChannelEnum = builder.enumType('ControlChannel', {
  description: 'Where a declaration goes after its risk assessment.',
  values: {
    RELEASE: { description: 'No control: the goods may be released once nothing else (payment, a hold) stops them.' },
    DOCUMENTARY_CONTROL: {
      description: 'The declarant presents documents (those requested); the goods wait until an officer has seen them.',
    },
    PHYSICAL_CONTROL: { description: 'The goods are examined by an officer before release.' },
  } satisfies Record<ControlChannel, { description: string }>,
});

export const RiskRuleKindEnum = builder.enumType('RiskRuleKind', {
  description: 'What a risk rule looks at; each kind has its own parameters.',
  values: {
    RESTRICTED_GOODS: {
      description:
        "Goods needing a permit of a named agency, by commodity code or chapter, optionally only from the countries of one of the authority's restriction groups (R*).",
    },
    COUNTRY_ROUTE: { description: 'Goods of listed origins, or dispatched from listed countries, or both together.' },
    LOW_UNIT_VALUE: {
      description:
        'A declared customs value per kg far below the typical one for the commodity code and origin, computed from accepted declarations once a minimum sample exists.',
    },
    NEW_IMPORTER: { description: 'An importer whose first declaration was accepted within a period.' },
    MISSING_DOCUMENT: { description: 'Goods of listed codes or chapters declared without a document of a given code.' },
    RANDOM_SELECTION: {
      description:
        'A share of declarations by a seeded hash of the declaration: reproducible, and the unbiased sample the hit rates of the other rules are compared with.',
    },
  } satisfies Record<RiskRuleKind, { description: string }>,
});

/** The global id of a rule, and the row id behind a rule id argument (null when it is none). */
export const riskRuleGlobalId = (id: number) => encodeGlobalID('RiskRule', String(id));
export function riskRuleIdFromArgument(id: string): number | null {
  try {
    const decoded = decodeGlobalID(id);
    return decoded.typename === 'RiskRule' && /^[1-9]\d{0,14}$/.test(decoded.id) ? Number(decoded.id) : null;
  } catch {
    return null;
  }
}

const RestrictedGoodsRef = builder.objectRef<RestrictedGoodsParameters>('RestrictedGoodsParameters').implement({
  description: 'Parameters of a RESTRICTED_GOODS rule.',
  fields: (t) => ({
    commodityCodes: t.exposeStringList('commodityCodes', {
      description: 'Commodity codes or code prefixes (4 to 10 digits).',
    }),
    chapters: t.exposeStringList('chapters', { description: 'HS chapters (two digits).' }),
    restrictionGroup: t.exposeString('restrictionGroup', {
      nullable: true,
      description:
        'Restriction country group (R*): only goods originating in its members on the day; null: any origin.',
    }),
    agency: t.exposeString('agency', { description: 'Code of the agency that issues the permit.' }),
    permitDocumentCode: t.exposeString('permitDocumentCode', {
      description: 'Document code of the permit, requested when the goods item does not carry it.',
    }),
  }),
});

const CountryRouteRef = builder.objectRef<CountryRouteParameters>('CountryRouteParameters').implement({
  description:
    'Parameters of a COUNTRY_ROUTE rule. With both lists, only goods of a listed origin dispatched from a listed country.',
  fields: (t) => ({
    originCountries: t.exposeStringList('originCountries', { nullable: true, description: 'Origins; null: any.' }),
    dispatchCountries: t.exposeStringList('dispatchCountries', {
      nullable: true,
      description: 'Countries of dispatch; null: any.',
    }),
  }),
});

const LowUnitValueRef = builder.objectRef<LowUnitValueParameters>('LowUnitValueParameters').implement({
  description: 'Parameters of a LOW_UNIT_VALUE rule.',
  fields: (t) => ({
    chapters: t.exposeStringList('chapters', { description: 'HS chapters it looks at; empty: all.' }),
    belowPercent: t.exposeInt('belowPercent', {
      description: 'Fires when the customs value per kg is below this percentage of the typical one.',
    }),
    minimumSample: t.exposeInt('minimumSample', {
      description: 'Accepted goods items of the code and origin needed before the typical value counts.',
    }),
  }),
});

const NewImporterRef = builder.objectRef<NewImporterParameters>('NewImporterParameters').implement({
  description: 'Parameters of a NEW_IMPORTER rule.',
  fields: (t) => ({
    periodDays: t.exposeInt('periodDays', {
      description: "Fires while the importer's first accepted declaration is at most this many days old.",
    }),
  }),
});

const MissingDocumentRef = builder.objectRef<MissingDocumentParameters>('MissingDocumentParameters').implement({
  description: 'Parameters of a MISSING_DOCUMENT rule.',
  fields: (t) => ({
    commodityCodes: t.exposeStringList('commodityCodes', { description: 'Commodity codes or code prefixes.' }),
    chapters: t.exposeStringList('chapters', { description: 'HS chapters.' }),
    documentCode: t.exposeString('documentCode', { description: 'The document code the goods must carry.' }),
  }),
});

const RandomSelectionRef = builder.objectRef<RandomSelectionParameters>('RandomSelectionParameters').implement({
  description: 'Parameters of a RANDOM_SELECTION rule.',
  fields: (t) => ({
    perTenThousand: t.exposeInt('perTenThousand', { description: 'Declarations selected per 10,000 (100 = 1 %).' }),
    seed: t.exposeString('seed', { description: 'The seed of the draw; the same seed draws the same declarations.' }),
  }),
});

const PARAMETER_TYPES = {
  RESTRICTED_GOODS: RestrictedGoodsRef,
  COUNTRY_ROUTE: CountryRouteRef,
  LOW_UNIT_VALUE: LowUnitValueRef,
  NEW_IMPORTER: NewImporterRef,
  MISSING_DOCUMENT: MissingDocumentRef,
  RANDOM_SELECTION: RandomSelectionRef,
} as const;

export const RiskRuleParametersUnion = builder.unionType('RiskRuleParameters', {
  description: "A rule's parameters: one type per kind.",
  types: Object.values(PARAMETER_TYPES),
  resolveType: (p: RiskRuleParameters) => PARAMETER_TYPES[p.kind],
});

const ChangeEnum = builder.enumType('RiskRuleChange', {
  description: 'What a version of a rule did.',
  values: {
    CREATED: { description: 'The first version.' },
    CHANGED: { description: 'New terms from its first day.' },
    RETIRED: { description: 'The rule ends: from its first day it no longer applies.' },
  },
});

export const RiskRuleVersionRef = builder.objectRef<RiskRuleVersionRow>('RiskRuleVersion').implement({
  description:
    'One version of a risk rule, never changed once recorded, with who recorded it and why. On a day, the rule ' +
    'applies as its highest version whose validFrom is on or before the day, unless that version retires it or its ' +
    'validTo has passed. Officers and auditors.',
  fields: (t) => ({
    version: t.exposeInt('version', { description: 'Number of the version, 1 first.' }),
    change: t.field({ type: ChangeEnum, description: 'What this version did.', resolve: (v) => v.change }),
    name: t.exposeString('name', { description: 'The name officers know the rule by.' }),
    parameters: t.field({
      type: RiskRuleParametersUnion,
      description: 'What the rule looks at.',
      resolve: (v) => v.parameters,
    }),
    weight: t.exposeInt('weight', {
      nullable: true,
      description: 'What the rule adds to the score when it fires; null for a rule with a direct channel.',
    }),
    channel: t.field({
      type: ControlChannelEnum,
      nullable: true,
      description: 'Where the rule sends a declaration directly when it fires; null for a weighted rule.',
      resolve: (v) => v.channel,
    }),
    validFrom: t.field({ type: 'Date', description: 'First day of this version.', resolve: (v) => v.validFrom }),
    validTo: t.field({
      type: 'Date',
      nullable: true,
      description: 'Last day the rule applies; null: open-ended.',
      resolve: (v) => v.validTo,
    }),
    recordedBy: t.exposeString('recordedBy', { description: 'The officer (employee id) who recorded this version.' }),
    reason: t.exposeString('reason', { description: 'Why this version was recorded (a decision reference).' }),
    recordedAt: t.field({ type: 'DateTime', description: 'When it was recorded.', resolve: (v) => v.recordedAt }),
  }),
});

export const RiskRuleRef = builder.objectRef<RiskRuleRow>('RiskRule').implement({
  description: 'A risk rule the authority selects declarations for control by. Officers and auditors.',
  fields: (t) => ({
    id: t.id({ description: 'Global id of the rule.', resolve: (r) => riskRuleGlobalId(r.id) }),
    kind: t.field({ type: RiskRuleKindEnum, description: 'What it looks at.', resolve: (r) => r.kind }),
    latestVersion: t.field({
      type: RiskRuleVersionRef,
      description: 'The newest version (which may apply from a later day, or retire the rule).',
      resolve: async (r, _args, ctx) => {
        const [latest] = await ctx.loaders.control.ruleVersions.load(r.id);
        if (!latest) throw new Error(`risk rule ${r.id} has no version`);
        return latest;
      },
    }),
    retired: t.boolean({
      description: 'True when the newest version retires the rule.',
      resolve: async (r, _args, ctx) => (await ctx.loaders.control.ruleVersions.load(r.id))[0]?.change === 'RETIRED',
    }),
    versions: t.field({
      type: [RiskRuleVersionRef],
      description: 'Every version, newest first: the history of what applied when, and who decided it.',
      resolve: (r, _args, ctx) => ctx.loaders.control.ruleVersions.load(r.id),
    }),
  }),
});
