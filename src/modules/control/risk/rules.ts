import { admittedAs } from '../../../auth/access.js';
import type { Principal } from '../../../auth/principal.js';
import type { Database, Executor } from '../../../db/client.js';
import { authorityDate, type Clock } from '../../../shared/clock.js';
import { type InputProblem, InvalidStatus, NotFound, ValidationFailed } from '../../../shared/errors.js';
import { existingAgencyCodes } from '../../agencies/service.js';
import { existingCountryCodes, existingCountryGroups, existingTariffCodes } from '../../rates/service.js';
import type { ControlChannel, RiskRuleParameters } from '../model.js';
import {
  bumpRulesVersion,
  insertRule,
  insertRuleVersion,
  lockRule,
  type RiskRuleRow,
  type RiskRuleVersionRow,
  versionsOfRules,
} from './repository.js';

/** Every code a risk rule's terms can be refused with; the GraphQL enum of input problems is built from it. */
export const RISK_RULE_PROBLEM_CODES = {
  REQUIRED: 'A value is required here.',
  INVALID_CHAPTER: 'A chapter is two digits, 01 to 97.',
  INVALID_COMMODITY_CODE: 'A commodity code or code prefix is 4 to 10 digits.',
  INVALID_DOCUMENT_CODE: 'A document code is 2 to 10 letters and digits.',
  NOT_A_RESTRICTION_GROUP: "A restriction group is one of the authority's R* country groups.",
  EFFECT_REQUIRED: 'A rule has either a weight or a direct control channel, not both and not neither.',
  OUT_OF_RANGE: 'The number lies outside the range the field allows.',
  INVALID_PERIOD: 'The last day lies before the first.',
  DATE_IN_PAST: 'The date lies in the past.',
  KIND_CHANGED: 'A rule keeps its kind; retire it and create a rule of the other kind.',
} as const;

/**
 * What a rule that can never match is stored with: well-formed terms that name something the
 * reference data does not hold. The rule is stored (the reference data may gain it), and the
 * result says why it will not fire.
 */
export const RISK_RULE_WARNING_CODES = {
  UNKNOWN_COMMODITY_CODE: 'No commodity code in the tariff starts with this code: the rule matches no goods by it.',
  UNKNOWN_CHAPTER: 'The tariff has no such chapter: the rule matches no goods by it.',
  UNKNOWN_COUNTRY: 'No country has this code: the rule matches no goods by it.',
  UNKNOWN_AGENCY: 'No partner agency has this code.',
  UNKNOWN_COUNTRY_GROUP: 'The authority has no country group with this code: the rule matches no goods.',
} as const;
export type RiskRuleWarningCode = keyof typeof RISK_RULE_WARNING_CODES;

export interface RiskRuleWarning {
  readonly code: RiskRuleWarningCode;
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export interface RuleTerms {
  readonly name: string;
  readonly parameters: RiskRuleParameters;
  readonly weight: number | null;
  readonly channel: Exclude<ControlChannel, 'RELEASE'> | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly reason: string;
}

interface Context {
  readonly db: Database;
  readonly clock: Clock;
  readonly principal: Principal;
}

export interface RuleChange {
  readonly rule: RiskRuleRow;
  readonly version: RiskRuleVersionRow;
  readonly warnings: readonly RiskRuleWarning[];
}

const MAX_WEIGHT = 1000;
const INPUT = ['input'] as const;

/** The path of the parameters' own input field of a kind (the oneOf member). */
const MEMBER = {
  RESTRICTED_GOODS: 'restrictedGoods',
  COUNTRY_ROUTE: 'countryRoute',
  LOW_UNIT_VALUE: 'lowUnitValue',
  NEW_IMPORTER: 'newImporter',
  MISSING_DOCUMENT: 'missingDocument',
  RANDOM_SELECTION: 'randomSelection',
} as const;

function checkTerms(terms: RuleTerms, today: string): InputProblem[] {
  const problems: InputProblem[] = [];
  const problem = (code: keyof typeof RISK_RULE_PROBLEM_CODES, path: (string | number)[], message: string) =>
    problems.push({ code, path: [...INPUT, ...path], message });
  const p = terms.parameters;
  const at = (...path: (string | number)[]) => ['parameters', MEMBER[p.kind], ...path];
  const range = (value: number, min: number, max: number, path: (string | number)[]) => {
    if (!Number.isInteger(value) || value < min || value > max)
      problem('OUT_OF_RANGE', path, `A whole number from ${min} to ${max}.`);
  };
  const goods = (codes: readonly string[], chapters: readonly string[]) => {
    codes.forEach((code, i) => {
      if (!/^\d{4,10}$/.test(code)) problem('INVALID_COMMODITY_CODE', at('commodityCodes', i), 'Four to ten digits.');
    });
    chapters.forEach((chapter, i) => {
      if (!/^\d{2}$/.test(chapter) || chapter === '00' || Number(chapter) > 97)
        problem('INVALID_CHAPTER', at('chapters', i), 'A chapter is two digits, 01 to 97.');
    });
    if (codes.length + chapters.length === 0)
      problem('REQUIRED', at('chapters'), 'Name the goods: commodity codes, chapters, or both.');
  };
  const documentCode = (code: string, path: (string | number)[]) => {
    if (!/^[A-Z0-9]{2,10}$/.test(code)) problem('INVALID_DOCUMENT_CODE', path, 'Two to ten letters and digits.');
  };

  if (terms.name.trim() === '') problem('REQUIRED', ['name'], 'Name the rule, as officers will know it.');
  if (terms.reason.trim() === '')
    problem('REQUIRED', ['reason'], 'Say why the rule changes; it is kept with the version.');
  if ((terms.weight === null) === (terms.channel === null))
    problem('EFFECT_REQUIRED', ['weight'], 'Give either a weight or a direct channel.');
  if (terms.weight !== null) range(terms.weight, 1, MAX_WEIGHT, ['weight']);
  if (terms.validFrom !== null && terms.validFrom < today)
    problem('DATE_IN_PAST', ['validFrom'], 'A rule changes from today or later; history is not rewritten.');
  const from = terms.validFrom ?? today;
  if (terms.validTo !== null && terms.validTo < from)
    problem('INVALID_PERIOD', ['validTo'], 'The last day lies before the first: the rule would never be in force.');

  switch (p.kind) {
    case 'RESTRICTED_GOODS':
      goods(p.commodityCodes, p.chapters);
      if (p.restrictionGroup !== null && !/^R[A-Z0-9]{1,5}$/.test(p.restrictionGroup))
        problem('NOT_A_RESTRICTION_GROUP', at('restrictionGroup'), "One of the authority's R* groups, e.g. RALL.");
      if (p.agency.trim() === '') problem('REQUIRED', at('agency'), 'Name the agency that issues the permit.');
      documentCode(p.permitDocumentCode, at('permitDocumentCode'));
      break;
    case 'COUNTRY_ROUTE':
      if (p.originCountries === null && p.dispatchCountries === null)
        problem('REQUIRED', at('originCountries'), 'Name origins, countries of dispatch, or both.');
      break;
    case 'LOW_UNIT_VALUE':
      // Chapters are optional here (none: every chapter); only their form is checked.
      p.chapters.forEach((chapter, i) => {
        if (!/^\d{2}$/.test(chapter) || chapter === '00' || Number(chapter) > 97)
          problem('INVALID_CHAPTER', at('chapters', i), 'A chapter is two digits, 01 to 97.');
      });
      range(p.belowPercent, 1, 99, at('belowPercent'));
      range(p.minimumSample, 1, 100_000, at('minimumSample'));
      break;
    case 'NEW_IMPORTER':
      range(p.periodDays, 1, 3650, at('periodDays'));
      break;
    case 'MISSING_DOCUMENT':
      goods(p.commodityCodes, p.chapters);
      documentCode(p.documentCode, at('documentCode'));
      break;
    case 'RANDOM_SELECTION':
      range(p.perTenThousand, 1, 10_000, at('perTenThousand'));
      if (p.seed.trim() === '') problem('REQUIRED', at('seed'), 'Give a seed; the draw is reproducible from it.');
      break;
  }
  return problems;
}

/** Why well-formed terms can never match: names the reference data does not hold. */
async function warningsFor(db: Executor, p: RiskRuleParameters): Promise<RiskRuleWarning[]> {
  const warnings: RiskRuleWarning[] = [];
  const warn = (code: RiskRuleWarningCode, path: (string | number)[]) =>
    warnings.push({
      code,
      path: [...INPUT, 'parameters', MEMBER[p.kind], ...path],
      message: RISK_RULE_WARNING_CODES[code],
    });
  const codes = 'commodityCodes' in p ? p.commodityCodes : [];
  const chapters = 'chapters' in p ? p.chapters : [];
  const known = await existingTariffCodes(db, { codes, chapters });
  codes.forEach((code, i) => {
    if (!known.codes.has(code)) warn('UNKNOWN_COMMODITY_CODE', ['commodityCodes', i]);
  });
  chapters.forEach((chapter, i) => {
    if (!known.chapters.has(chapter)) warn('UNKNOWN_CHAPTER', ['chapters', i]);
  });
  if (p.kind === 'COUNTRY_ROUTE') {
    const all = [...(p.originCountries ?? []), ...(p.dispatchCountries ?? [])];
    const countries = await existingCountryCodes(db, all);
    p.originCountries?.forEach((c, i) => {
      if (!countries.has(c)) warn('UNKNOWN_COUNTRY', ['originCountries', i]);
    });
    p.dispatchCountries?.forEach((c, i) => {
      if (!countries.has(c)) warn('UNKNOWN_COUNTRY', ['dispatchCountries', i]);
    });
  }
  if (p.kind === 'RESTRICTED_GOODS') {
    if (!(await existingAgencyCodes(db, [p.agency])).has(p.agency)) warn('UNKNOWN_AGENCY', ['agency']);
    if (p.restrictionGroup && !(await existingCountryGroups(db, [p.restrictionGroup])).has(p.restrictionGroup))
      warn('UNKNOWN_COUNTRY_GROUP', ['restrictionGroup']);
  }
  return warnings;
}

function officerOf(ctx: Context): string {
  return admittedAs(ctx.principal, 'officer').employeeId;
}

/** Creates a rule: its first version, in force from `validFrom` (today when not given). */
export async function createRule(ctx: Context, terms: RuleTerms): Promise<RuleChange> {
  const recordedBy = officerOf(ctx);
  const now = ctx.clock.now();
  const today = authorityDate(now);
  const problems = checkTerms(terms, today);
  if (problems.length) throw new ValidationFailed(problems);
  const warnings = await warningsFor(ctx.db, terms.parameters);
  return ctx.db.transaction(async (tx) => {
    await bumpRulesVersion(tx);
    const rule = await insertRule(tx, { kind: terms.parameters.kind, createdAt: now });
    const version = await insertRuleVersion(tx, {
      ...versionValues(terms, today),
      ruleId: rule.id,
      version: 1,
      change: 'CREATED',
      recordedBy,
      recordedAt: now,
    });
    return { rule, version, warnings };
  });
}

function versionValues(terms: RuleTerms, today: string) {
  return {
    name: terms.name.trim(),
    parameters: terms.parameters,
    weight: terms.weight,
    channel: terms.channel,
    validFrom: terms.validFrom ?? today,
    validTo: terms.validTo,
    reason: terms.reason.trim(),
  };
}

/** The rule, locked, with its latest version; NotFound when there is none. */
async function lockWithLatest(
  tx: Executor,
  ruleId: number,
): Promise<{ rule: RiskRuleRow; latest: RiskRuleVersionRow }> {
  const rule = await lockRule(tx, ruleId);
  const [latest] = rule ? await versionsOfRules(tx, [rule.id]) : [];
  if (!rule || !latest) throw new NotFound('risk rule');
  return { rule, latest };
}

/**
 * Changes a rule: a new version with the complete new terms, from `validFrom` (today when not
 * given, and never before the latest version's first day). The earlier versions stay as they were.
 */
export async function changeRule(ctx: Context, ruleId: number, terms: RuleTerms): Promise<RuleChange> {
  const recordedBy = officerOf(ctx);
  const now = ctx.clock.now();
  const today = authorityDate(now);
  const problems = checkTerms(terms, today);
  return ctx.db.transaction(async (tx) => {
    const { rule, latest } = await lockWithLatest(tx, ruleId);
    if (latest.change === 'RETIRED') throw new InvalidStatus('changed', 'RETIRED');
    if (terms.parameters.kind !== rule.kind)
      problems.push({
        code: 'KIND_CHANGED',
        path: [...INPUT, 'parameters'],
        message: `This rule is of kind ${rule.kind}; retire it and create a rule of the other kind.`,
      });
    const from = terms.validFrom ?? today;
    if (from < latest.validFrom)
      problems.push({
        code: 'DATE_IN_PAST',
        path: [...INPUT, 'validFrom'],
        message: `The latest version applies from ${latest.validFrom}; a change applies from that day or later.`,
      });
    if (problems.length) throw new ValidationFailed(problems);
    const warnings = await warningsFor(tx, terms.parameters);
    await bumpRulesVersion(tx);
    const version = await insertRuleVersion(tx, {
      ...versionValues({ ...terms, validFrom: from }, today),
      ruleId: rule.id,
      version: latest.version + 1,
      change: 'CHANGED',
      recordedBy,
      recordedAt: now,
    });
    return { rule, version, warnings };
  });
}

/**
 * Retires a rule from a day on (today when not given): a last version that ends its validity,
 * with the terms it had. Retiring a retired rule again changes nothing.
 */
export async function retireRule(
  ctx: Context,
  ruleId: number,
  request: { readonly from: string | null; readonly reason: string },
): Promise<RuleChange & { readonly changed: boolean }> {
  const recordedBy = officerOf(ctx);
  const now = ctx.clock.now();
  const today = authorityDate(now);
  return ctx.db.transaction(async (tx) => {
    const { rule, latest } = await lockWithLatest(tx, ruleId);
    if (latest.change === 'RETIRED') return { rule, version: latest, warnings: [], changed: false };
    const from = request.from ?? today;
    const problems: InputProblem[] = [];
    if (request.reason.trim() === '')
      problems.push({ code: 'REQUIRED', path: [...INPUT, 'reason'], message: 'Say why the rule is retired.' });
    if (from < today || from < latest.validFrom)
      problems.push({
        code: 'DATE_IN_PAST',
        path: [...INPUT, 'from'],
        message: 'A rule is retired from today or later, and not before its latest version applies.',
      });
    if (problems.length) throw new ValidationFailed(problems);
    await bumpRulesVersion(tx);
    const version = await insertRuleVersion(tx, {
      name: latest.name,
      parameters: latest.parameters,
      weight: latest.weight,
      channel: latest.channel,
      validFrom: from,
      validTo: null,
      reason: request.reason.trim(),
      ruleId: rule.id,
      version: latest.version + 1,
      change: 'RETIRED',
      recordedBy,
      recordedAt: now,
    });
    return { rule, version, warnings: [], changed: true };
  });
}
