import type {
  assessmentRules,
  commodityCodes,
  countries,
  countryGroupMembers,
  countryGroups,
  currencies,
  customsOffices,
  dutyRates,
  exchangeRates,
  exciseRates,
  packagingRates,
  procedureCodes,
  researchLevyRates,
  tariffChapters,
  tariffHeadings,
  tariffSections,
  vatRates,
} from './tables.js';

/** The rows of the rates module that other modules may read, as its service returns them. */

export type CommodityCodeRow = typeof commodityCodes.$inferSelect;
export type TariffSectionRow = typeof tariffSections.$inferSelect;
export type TariffChapterRow = typeof tariffChapters.$inferSelect;
export type TariffHeadingRow = typeof tariffHeadings.$inferSelect;
export type CountryRow = typeof countries.$inferSelect;
export type CurrencyRow = typeof currencies.$inferSelect;
export type ExchangeRateRow = typeof exchangeRates.$inferSelect;
export type CustomsOfficeRow = typeof customsOffices.$inferSelect;
export type ProcedureCodeRow = typeof procedureCodes.$inferSelect;
export type CountryGroupRow = typeof countryGroups.$inferSelect;
export type CountryGroupMemberRow = typeof countryGroupMembers.$inferSelect;
export type DutyRateRow = typeof dutyRates.$inferSelect;
export type ResearchLevyRateRow = typeof researchLevyRates.$inferSelect;
export type ExciseRateRow = typeof exciseRates.$inferSelect;
export type PackagingRateRow = typeof packagingRates.$inferSelect;
export type VatRateRow = typeof vatRates.$inferSelect;
export type AssessmentRuleRow = typeof assessmentRules.$inferSelect;

/** Every rate row of every window: what the rate book of the assessment is prepared from. */
export interface RateRows {
  readonly commodities: CommodityCodeRow[];
  readonly duties: DutyRateRow[];
  readonly members: CountryGroupMemberRow[];
  readonly levies: ResearchLevyRateRow[];
  readonly excises: ExciseRateRow[];
  readonly packaging: PackagingRateRow[];
  readonly vats: VatRateRow[];
  readonly rates: ExchangeRateRow[];
  readonly rules: AssessmentRuleRow[];
}

export type Country = typeof countries.$inferInsert;
export type Currency = typeof currencies.$inferInsert;
export type CustomsOffice = typeof customsOffices.$inferInsert;
export type ProcedureCode = typeof procedureCodes.$inferSelect;

/** The reference lists a new database is seeded with. */
export interface ReferenceLists {
  readonly countries: readonly Country[];
  readonly currencies: readonly Currency[];
  readonly customsOffices: readonly CustomsOffice[];
  readonly procedureCodes: readonly ProcedureCode[];
}

/** A version of a commodity code, with what a declaration's validation checks of it. */
export interface CommodityFact {
  readonly code: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  /** Null for a code of the published tariff that no rate file has given rates to yet. */
  readonly unit: string | null;
  readonly exciseCategory: string | null;
}

/**
 * The excise categories a commodity code can carry, in the order the schema lists them. The one
 * list: the GraphQL enum and the assessment engine's type follow it.
 * `vehicle` means the one-off registration tax applies instead of an excise duty.
 */
export const EXCISE_CATEGORIES = [
  'alcohol',
  'tobacco-cigarettes',
  'tobacco-smoking',
  'tobacco-snus',
  'tobacco-chewing',
  'e-liquid',
  'vehicle',
] as const;

export type ExciseCategory = (typeof EXCISE_CATEGORIES)[number];

/** The units an excise rate is per (the `kind` of an excise rate row). */
export const EXCISE_RATE_UNITS = [
  'PER_VOL_PERCENT_LITRE',
  'PER_LITRE',
  'PER_100_PIECES',
  'PER_100_GRAMS',
  'PER_100_ML',
] as const;

export type ExciseRateUnit = (typeof EXCISE_RATE_UNITS)[number];

/**
 * The tables an assessment cites a rate row of, by the letter its cited id starts with: `D12` is
 * row 12 of the duty rates. Exchange rates are cited by their bare id, as `exchangeRate` returns it.
 */
export const CITED_RATE_PREFIXES = {
  D: 'DUTY',
  L: 'RESEARCH_LEVY',
  E: 'EXCISE',
  P: 'PACKAGING',
  V: 'VAT',
  R: 'RULE',
} as const;

export type CitedRateTable = (typeof CITED_RATE_PREFIXES)[keyof typeof CITED_RATE_PREFIXES];

const PREFIX_OF_TABLE = Object.fromEntries(
  Object.entries(CITED_RATE_PREFIXES).map(([prefix, table]) => [table, prefix]),
) as Record<CitedRateTable, string>;

/** The id an assessment cites a rate row by, and `rate(id:)` finds it by: `citedRateId('DUTY', 12)` is `D12`. */
export function citedRateId(table: CitedRateTable, rowId: number): string {
  return `${PREFIX_OF_TABLE[table]}${rowId}`;
}

/** A rate row an assessment cites, with the table it is of. */
export type CitedRate =
  | { readonly table: 'DUTY'; readonly id: string; readonly row: DutyRateRow }
  | { readonly table: 'RESEARCH_LEVY'; readonly id: string; readonly row: ResearchLevyRateRow }
  | { readonly table: 'EXCISE'; readonly id: string; readonly row: ExciseRateRow }
  | { readonly table: 'PACKAGING'; readonly id: string; readonly row: PackagingRateRow }
  | { readonly table: 'VAT'; readonly id: string; readonly row: VatRateRow }
  | { readonly table: 'RULE'; readonly id: string; readonly row: AssessmentRuleRow };
