/**
 * Domain vocabulary of control: the channels a declaration is selected for, the kinds of risk rule
 * and their parameters, and what an assessment of risk records. Other modules may use these types.
 */

/** Where a declaration goes after its risk assessment, from least to most intrusive. */
export const CONTROL_CHANNELS = ['RELEASE', 'DOCUMENTARY_CONTROL', 'PHYSICAL_CONTROL'] as const;
export type ControlChannel = (typeof CONTROL_CHANNELS)[number];

/** The more intrusive of two channels. */
export function stricterChannel(a: ControlChannel, b: ControlChannel): ControlChannel {
  return CONTROL_CHANNELS.indexOf(a) >= CONTROL_CHANNELS.indexOf(b) ? a : b;
}

/**
 * The score at which the weights of the rules that fired send a declaration to a control. A rule
 * with a direct channel sends it there whatever the score; the stricter of the two wins.
 */
export const SCORE_THRESHOLDS: readonly { readonly atLeast: number; readonly channel: ControlChannel }[] = [
  { atLeast: 100, channel: 'PHYSICAL_CONTROL' },
  { atLeast: 50, channel: 'DOCUMENTARY_CONTROL' },
];

export const RISK_RULE_KINDS = [
  'RESTRICTED_GOODS',
  'COUNTRY_ROUTE',
  'LOW_UNIT_VALUE',
  'NEW_IMPORTER',
  'MISSING_DOCUMENT',
  'RANDOM_SELECTION',
] as const;
export type RiskRuleKind = (typeof RISK_RULE_KINDS)[number];

/**
 * Goods that need a permit of a named agency: goods of the listed commodity codes (or code
 * prefixes) or chapters, and, when a restriction group (`R*`, the authority's country groups) is
 * named, only from the countries that are members of it on the day.
 */
export interface RestrictedGoodsParameters {
  readonly kind: 'RESTRICTED_GOODS';
  readonly commodityCodes: readonly string[];
  readonly chapters: readonly string[];
  readonly restrictionGroup: string | null;
  readonly agency: string;
  /** The document code of the permit, requested from the declarant when the goods lack it. */
  readonly permitDocumentCode: string;
}

/** Goods of an origin, or dispatched from a country, or both together (a route), as listed. */
export interface CountryRouteParameters {
  readonly kind: 'COUNTRY_ROUTE';
  /** Origins that fire the rule; null: any origin. */
  readonly originCountries: readonly string[] | null;
  /** Countries of dispatch that fire the rule; null: any. */
  readonly dispatchCountries: readonly string[] | null;
}

/** A declared unit value far below the typical one for the code and origin. */
export interface LowUnitValueParameters {
  readonly kind: 'LOW_UNIT_VALUE';
  /** Chapters the rule looks at; empty: every chapter. */
  readonly chapters: readonly string[];
  /** Fires below this percentage of the typical unit value (1 to 99). */
  readonly belowPercent: number;
  /** Accepted goods items of the code and origin needed before the typical value is trusted. */
  readonly minimumSample: number;
}

/** An importer whose first accepted declaration is at most this many days old. */
export interface NewImporterParameters {
  readonly kind: 'NEW_IMPORTER';
  readonly periodDays: number;
}

/** Goods of the listed codes or chapters declared without a document of this code. */
export interface MissingDocumentParameters {
  readonly kind: 'MISSING_DOCUMENT';
  readonly commodityCodes: readonly string[];
  readonly chapters: readonly string[];
  readonly documentCode: string;
}

/**
 * A share of declarations chosen by a seeded hash of the declaration's id: reproducible, and
 * independent of every other rule, so its hit rate is the unbiased baseline the others are judged by.
 */
export interface RandomSelectionParameters {
  readonly kind: 'RANDOM_SELECTION';
  /** Declarations selected per 10,000 (100 = 1 %). */
  readonly perTenThousand: number;
  readonly seed: string;
}

export type RiskRuleParameters =
  | RestrictedGoodsParameters
  | CountryRouteParameters
  | LowUnitValueParameters
  | NewImporterParameters
  | MissingDocumentParameters
  | RandomSelectionParameters;

/** What a rule does when it fires: adds its weight to the score, or sends to a channel directly. */
export type RiskRuleEffect =
  | { readonly weight: number; readonly channel: null }
  | { readonly weight: null; readonly channel: Exclude<ControlChannel, 'RELEASE'> };

/** One fact a fired rule rested on, for officers and auditors. */
export interface RiskInput {
  readonly name: string;
  readonly value: string;
}

/** A rule that fired on a version, as the assessment stores it. */
export interface FiredRule {
  readonly ruleId: number;
  readonly ruleVersion: number;
  readonly kind: RiskRuleKind;
  /** Goods items (1-based, as declared) that fired it; empty for a rule on the declaration. */
  readonly itemNumbers: readonly number[];
  readonly inputs: readonly RiskInput[];
  readonly weight: number | null;
  readonly channel: ControlChannel | null;
}

/** A document the declarant is asked for, and the goods items it is asked for. */
export interface RequestedDocument {
  readonly code: string;
  readonly itemNumbers: readonly number[];
}

export const CONTROL_OUTCOMES = ['NO_FINDINGS', 'DISCREPANCY'] as const;
export type ControlOutcome = (typeof CONTROL_OUTCOMES)[number];

/** Control's public types: penalties (control/penalties/). */
export * from './penalties/model.js';
