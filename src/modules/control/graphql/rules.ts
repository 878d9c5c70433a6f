import { builder } from '../../../graphql/builder.js';
import { InvalidStatus, NotFound, ValidationFailed } from '../../../shared/errors.js';
import type { ControlChannel, RiskRuleParameters } from '../model.js';
import { versionInForce } from '../risk/prepared-rules.js';
import { listRules } from '../risk/repository.js';
import {
  changeRule,
  createRule,
  RISK_RULE_WARNING_CODES,
  type RiskRuleWarning,
  type RuleChange,
  type RuleTerms,
  retireRule,
} from '../risk/rules.js';
import { RiskRuleRef, RiskRuleVersionRef, riskRuleIdFromArgument } from './rule-types.js';

const codes = (list: readonly string[] | null | undefined) => (list ?? []).map((c) => c.trim().toUpperCase());
const optionalCodes = (list: readonly string[] | null | undefined) => (list ? codes(list) : null);
const digits = (list: readonly string[] | null | undefined) => (list ?? []).map((c) => c.replace(/[\s.]/g, ''));

const RestrictedGoodsInput = builder.inputType('RestrictedGoodsParametersInput', {
  description: 'Goods needing a permit of a named agency.',
  fields: (t) => ({
    commodityCodes: t.stringList({ description: 'Commodity codes or code prefixes, 4 to 10 digits; omit for none.' }),
    chapters: t.stringList({ description: 'HS chapters, two digits; omit for none. Codes or chapters are required.' }),
    restrictionGroup: t.string({
      description:
        "One of the authority's restriction country groups (R*, for example RALL): only goods from its members; omit for any origin.",
    }),
    agency: t.string({
      required: true,
      description: 'Code of the agency that issues the permit, for example MATTILSYNET.',
    }),
    permitDocumentCode: t.string({ required: true, description: 'Document code of the permit.' }),
  }),
});

const CountryRouteInput = builder.inputType('CountryRouteParametersInput', {
  description: 'Goods of listed origins, dispatched from listed countries, or both together; at least one list.',
  fields: (t) => ({
    originCountries: t.field({ type: ['CountryCode'], description: 'Origins; omit for any.' }),
    dispatchCountries: t.field({ type: ['CountryCode'], description: 'Countries of dispatch; omit for any.' }),
  }),
});

const LowUnitValueInput = builder.inputType('LowUnitValueParametersInput', {
  description: 'A customs value per kg far below the typical one for the code and origin.',
  fields: (t) => ({
    chapters: t.stringList({ description: 'HS chapters it looks at; omit for all.' }),
    belowPercent: t.int({ required: true, description: 'Fires below this percentage of the typical value, 1 to 99.' }),
    minimumSample: t.int({
      required: true,
      description: 'Accepted goods items of the code and origin needed first, at least 1.',
    }),
  }),
});

const NewImporterInput = builder.inputType('NewImporterParametersInput', {
  description: 'An importer whose first declaration was accepted within a period.',
  fields: (t) => ({
    periodDays: t.int({ required: true, description: 'The period in days, 1 to 3650.' }),
  }),
});

const MissingDocumentInput = builder.inputType('MissingDocumentParametersInput', {
  description: 'Goods declared without a document of a given code.',
  fields: (t) => ({
    commodityCodes: t.stringList({ description: 'Commodity codes or code prefixes; omit for none.' }),
    chapters: t.stringList({ description: 'HS chapters; omit for none. Codes or chapters are required.' }),
    documentCode: t.string({ required: true, description: 'The document code the goods must carry.' }),
  }),
});

const RandomSelectionInput = builder.inputType('RandomSelectionParametersInput', {
  description: 'A reproducible random share of declarations, the unbiased sample.',
  fields: (t) => ({
    perTenThousand: t.int({ required: true, description: 'Declarations per 10,000, 1 to 10000 (100 = 1 %).' }),
    seed: t.string({ required: true, description: 'Seed of the draw.' }),
  }),
});

/**
 * One input type per kind, under a oneOf input: GraphQL itself refuses a field the kind does not
 * have, and more or fewer than one kind, before the resolver runs.
 */
const ParametersInput = builder.inputType('RiskRuleParametersInput', {
  description: "A rule's parameters: exactly one member, the rule's kind (@oneOf).",
  isOneOf: true,
  fields: (t) => ({
    restrictedGoods: t.field({ type: RestrictedGoodsInput, description: 'A RESTRICTED_GOODS rule.' }),
    countryRoute: t.field({ type: CountryRouteInput, description: 'A COUNTRY_ROUTE rule.' }),
    lowUnitValue: t.field({ type: LowUnitValueInput, description: 'A LOW_UNIT_VALUE rule.' }),
    newImporter: t.field({ type: NewImporterInput, description: 'A NEW_IMPORTER rule.' }),
    missingDocument: t.field({ type: MissingDocumentInput, description: 'A MISSING_DOCUMENT rule.' }),
    randomSelection: t.field({ type: RandomSelectionInput, description: 'A RANDOM_SELECTION rule.' }),
  }),
});

type ParametersShape = typeof ParametersInput.$inferInput;

function toParameters(input: ParametersShape): RiskRuleParameters {
  if (input.restrictedGoods) {
    const p = input.restrictedGoods;
    return {
      kind: 'RESTRICTED_GOODS',
      commodityCodes: digits(p.commodityCodes),
      chapters: digits(p.chapters),
      restrictionGroup: p.restrictionGroup?.trim().toUpperCase() || null,
      agency: p.agency.trim().toUpperCase(),
      permitDocumentCode: p.permitDocumentCode.trim().toUpperCase(),
    };
  }
  if (input.countryRoute) {
    const p = input.countryRoute;
    return {
      kind: 'COUNTRY_ROUTE',
      originCountries: optionalCodes(p.originCountries),
      dispatchCountries: optionalCodes(p.dispatchCountries),
    };
  }
  if (input.lowUnitValue) {
    const p = input.lowUnitValue;
    return {
      kind: 'LOW_UNIT_VALUE',
      chapters: digits(p.chapters),
      belowPercent: p.belowPercent,
      minimumSample: p.minimumSample,
    };
  }
  if (input.newImporter) return { kind: 'NEW_IMPORTER', periodDays: input.newImporter.periodDays };
  if (input.missingDocument) {
    const p = input.missingDocument;
    return {
      kind: 'MISSING_DOCUMENT',
      commodityCodes: digits(p.commodityCodes),
      chapters: digits(p.chapters),
      documentCode: p.documentCode.trim().toUpperCase(),
    };
  }
  if (input.randomSelection) {
    const p = input.randomSelection;
    return { kind: 'RANDOM_SELECTION', perTenThousand: p.perTenThousand, seed: p.seed };
  }
  // @oneOf makes GraphQL refuse an input without a member before the resolver runs.
  throw new Error('risk rule parameters without a kind');
}

const DirectChannelEnum = builder.enumType('DirectControlChannel', {
  description: 'A control channel a rule may send a declaration to directly.',
  values: {
    DOCUMENTARY_CONTROL: { description: 'Documentary control.' },
    PHYSICAL_CONTROL: { description: 'Physical control.' },
  },
});

const termFields = builder.inputType('RiskRuleTermsInput', {
  description: 'The complete terms of a version of a risk rule.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'The name officers know the rule by.' }),
    parameters: t.field({ type: ParametersInput, required: true, description: 'The kind and its parameters.' }),
    weight: t.int({
      description:
        'Added to the score when the rule fires, 1 to 1000; a score of 50 sends to documentary control, 100 to physical control. Give a weight or a channel.',
    }),
    channel: t.field({
      type: DirectChannelEnum,
      description: 'Where the rule sends a declaration directly when it fires. Give a weight or a channel.',
    }),
    validFrom: t.field({ type: 'Date', description: 'First day, today or later; today when omitted.' }),
    validTo: t.field({ type: 'Date', description: 'Last day, not before the first; open-ended when omitted.' }),
    reason: t.string({ required: true, description: 'Why (a decision reference); kept with the version.' }),
  }),
});

function toTerms(input: typeof termFields.$inferInput): RuleTerms {
  return {
    name: input.name,
    parameters: toParameters(input.parameters),
    weight: input.weight ?? null,
    channel: (input.channel as Exclude<ControlChannel, 'RELEASE'> | null | undefined) ?? null,
    validFrom: input.validFrom ?? null,
    validTo: input.validTo ?? null,
    reason: input.reason,
  };
}

const CreateInput = builder.inputType('CreateRiskRuleInput', {
  description: 'A new risk rule.',
  fields: (t) => ({ terms: t.field({ type: termFields, required: true, description: 'Its terms.' }) }),
});

const ChangeInput = builder.inputType('ChangeRiskRuleInput', {
  description: 'New terms for a risk rule, as a new version.',
  fields: (t) => ({
    rule: t.id({ required: true, description: 'Global id of the rule.' }),
    terms: t.field({
      type: termFields,
      required: true,
      description: 'The complete new terms; the kind stays, and validFrom is not before the latest version’s.',
    }),
  }),
});

const RetireInput = builder.inputType('RetireRiskRuleInput', {
  description: 'A rule to retire.',
  fields: (t) => ({
    rule: t.id({ required: true, description: 'Global id of the rule.' }),
    from: t.field({ type: 'Date', description: 'First day it no longer applies, today or later; today when omitted.' }),
    reason: t.string({
      required: true,
      description: 'Why the rule is retired (a decision reference); kept with the version.',
    }),
  }),
});

const WarningCodeEnum = builder.enumType('RiskRuleWarningCode', {
  description: 'Why a stored rule can never match.',
  values: Object.fromEntries(
    Object.entries(RISK_RULE_WARNING_CODES).map(([code, description]) => [code, { value: code, description }]),
  ) as Record<
    keyof typeof RISK_RULE_WARNING_CODES,
    { value: keyof typeof RISK_RULE_WARNING_CODES; description: string }
  >,
});

const WarningRef = builder.objectRef<RiskRuleWarning>('RiskRuleWarning').implement({
  description:
    'A rule that can never match as it stands: its terms are well-formed but name a code, chapter, country, country ' +
    'group or agency the reference data does not hold. The rule is stored (the data may gain it); fix it with changeRiskRule.',
  fields: (t) => ({
    code: t.field({ type: WarningCodeEnum, description: 'Stable code.', resolve: (w) => w.code }),
    path: t.stringList({ description: 'Path of the value in the input.', resolve: (w) => w.path.map(String) }),
    message: t.exposeString('message', { description: 'What it means.' }),
  }),
});

function successType(name: string, description: string) {
  return builder.objectRef<RuleChange & { changed?: boolean }>(name).implement({
    description,
    fields: (t) => ({
      rule: t.field({ type: RiskRuleRef, description: 'The rule.', resolve: (r) => r.rule }),
      version: t.field({ type: RiskRuleVersionRef, description: 'The version recorded.', resolve: (r) => r.version }),
      warnings: t.field({
        type: [WarningRef],
        description: 'Why the rule can never match as it stands; empty when it can.',
        resolve: (r) => r.warnings,
      }),
      changed: t.boolean({
        description: 'False when nothing was recorded (retiring a retired rule again).',
        resolve: (r) => r.changed ?? true,
      }),
    }),
  });
}

const CreateSuccess = successType('CreateRiskRuleSuccess', 'The rule, with its first version.');
const ChangeSuccess = successType('ChangeRiskRuleSuccess', 'The new version of the rule.');
const RetireSuccess = successType('RetireRiskRuleSuccess', 'The version that retires the rule.');

const ACCESS = 'Officers with the control:write scope.';

builder.mutationFields((t) => ({
  createRiskRule: t.field({
    type: CreateSuccess,
    description:
      `Creates a risk rule; it applies to declarations accepted from its first day. ${ACCESS} Refused with ` +
      'REQUIRED, INVALID_CHAPTER, INVALID_COMMODITY_CODE, INVALID_DOCUMENT_CODE, NOT_A_RESTRICTION_GROUP, EFFECT_REQUIRED, ' +
      'OUT_OF_RANGE, INVALID_PERIOD (an empty period), DATE_IN_PAST; a field the kind does not have is refused by ' +
      'GraphQL. A rule naming a code, country, group or agency that does not exist is stored with warnings.',
    args: { input: t.arg({ type: CreateInput, required: true, description: 'The rule.' }) },
    errors: {
      types: [ValidationFailed],
      union: { name: 'CreateRiskRuleResult', description: 'The outcome of createRiskRule.' },
    },
    resolve: (_root, { input }, ctx) => createRule(ctx, toTerms(input.terms)),
  }),
  changeRiskRule: t.field({
    type: ChangeSuccess,
    description:
      `Records new terms for a rule as a new version from its first day; earlier versions stay as they were. ${ACCESS} ` +
      'Problems as createRiskRule, and KIND_CHANGED; a retired rule answers INVALID_STATUS.',
    args: { input: t.arg({ type: ChangeInput, required: true, description: 'The change.' }) },
    errors: {
      types: [ValidationFailed, NotFound, InvalidStatus],
      union: { name: 'ChangeRiskRuleResult', description: 'The outcome of changeRiskRule.' },
    },
    resolve: (_root, { input }, ctx) => {
      const id = riskRuleIdFromArgument(String(input.rule));
      if (id === null) throw new NotFound('risk rule');
      return changeRule(ctx, id, toTerms(input.terms));
    },
  }),
  retireRiskRule: t.field({
    type: RetireSuccess,
    description:
      `Retires a rule from a day on: a last version that ends it. ${ACCESS} Retiring a retired rule again changes ` +
      'nothing (changed: false). Problems: REQUIRED, DATE_IN_PAST.',
    args: { input: t.arg({ type: RetireInput, required: true, description: 'What to retire.' }) },
    errors: {
      types: [ValidationFailed, NotFound],
      union: { name: 'RetireRiskRuleResult', description: 'The outcome of retireRiskRule.' },
    },
    resolve: (_root, { input }, ctx) => {
      const id = riskRuleIdFromArgument(String(input.rule));
      if (id === null) throw new NotFound('risk rule');
      return retireRule(ctx, id, { from: input.from ?? null, reason: input.reason });
    },
  }),
}));

builder.queryFields((t) => ({
  riskRules: t.field({
    type: [RiskRuleRef],
    nullable: true,
    description:
      'Every risk rule, retired ones too, oldest first; with activeOn, only those that apply on that day. Officers and auditors.',
    args: { activeOn: t.arg({ type: 'Date', description: 'Only the rules that apply on this day.' }) },
    resolve: async (_root, args, ctx) => {
      const rules = await listRules(ctx.db);
      if (!args.activeOn) return rules;
      const day = args.activeOn;
      const versions = await Promise.all(rules.map((r) => ctx.loaders.control.ruleVersions.load(r.id)));
      return rules.filter((_r, i) => versionInForce(versions[i] ?? [], day) !== null);
    },
  }),
  riskRule: t.field({
    type: RiskRuleRef,
    nullable: true,
    description: 'One risk rule by its global id; null when there is none. Officers and auditors.',
    args: { id: t.arg.id({ required: true, description: 'Global id of the rule.' }) },
    resolve: async (_root, args, ctx) => {
      const id = riskRuleIdFromArgument(String(args.id));
      return id === null ? null : ctx.loaders.control.rule.load(id);
    },
  }),
}));
