import type { Exact } from '../../../../shared/money.js';
import type { Dated, Timeline } from '../dates.js';
import type { RateRef } from '../results.js';
import type {
  CommodityRow,
  DutyRateKind,
  ExciseCategory,
  ExciseRateKind,
  PackagingMaterial,
  TravellerAlcoholKind,
  TravellerTobaccoGroup,
  TravellerTobaccoKind,
  Validity,
} from '../types.js';

/**
 * A rate book parsed and indexed once (by `prepareRateBook`) and then shared by every assessment:
 * decimals parsed, percentages turned into factors, rows grouped by key and sorted by date, and each
 * row's citation (`ref`) built and frozen. An assessment then does map lookups and arithmetic only.
 */

export interface PreparedBand {
  from: Exact;
  fromInclusive: boolean;
  to: Exact | null;
  toInclusive: boolean;
  /** "over 4.7 up to and including 22 % vol" */
  text: string;
}

export interface Cited extends Validity, Dated {
  ref: RateRef;
  /** `[ref]`, shared by every line that cites only this row. */
  refs: readonly RateRef[];
  /** "rate X, valid from ...", for explanations. */
  citation: string;
}

export interface PreparedDutyRate extends Cited {
  countryGroup: string;
  kind: DutyRateKind;
  value: Exact;
  /** value / 100 for PERCENT, value otherwise. */
  factor: Exact;
  /** For percentages: the explanation up to the customs value, built once (customs-duty.ts). */
  sentence: string | null;
}

export interface PreparedPercent extends Cited {
  percent: Exact;
  /** percent / 100 */
  factor: Exact;
}

export interface PreparedVatRate extends PreparedPercent {
  /** The explanation up to the VAT base, built once (vat.ts). */
  sentence: string;
}

export interface PreparedLevy extends PreparedPercent {
  prefix: string;
}

export interface PreparedExciseRate extends Cited {
  category: Exclude<ExciseCategory, 'vehicle'>;
  kind: ExciseRateKind;
  band: PreparedBand | null;
  value: Exact;
}

export interface PreparedPackagingRate extends Cited {
  tax: 'ENVIRONMENTAL' | 'BASIC';
  material: PackagingMaterial | null;
  perUnit: Exact;
  exemptAtReturnPercent: Exact | null;
}

export interface PreparedExchangeRate extends Validity, Dated {
  id: string;
  currency: string;
  rateText: string;
  unit: number;
  /** NOK per one unit of the currency: rate / unit, exact because unit is a power of ten. */
  factor: Exact;
}

export interface PreparedAmount extends Cited {
  amount: Exact;
}

export interface PreparedAgeLimit extends Cited {
  strengthAbove: Exact;
  minimumAge: number;
}

export interface PreparedTobaccoQuota extends PreparedAmount {
  group: TravellerTobaccoGroup;
  minimumAge: number;
}

export interface PreparedFlatRate extends Cited {
  kind: TravellerAlcoholKind | TravellerTobaccoKind;
  per: 'LITRE' | '100_PIECES' | '100_GRAMS';
  band: PreparedBand | null;
  value: Exact;
}

export interface PreparedWeightBand extends Cited {
  fromKg: Exact;
  toKg: Exact | null;
  perKg: Exact;
}

export interface PreparedAgeDeduction extends PreparedPercent {
  ageOverMonths: number;
}

export interface PreparedElectricThreshold extends PreparedAmount {
  commodityPrefix: string;
}

/** A version of a commodity code, with the rates keyed by its code. */
export interface PreparedCommodity extends CommodityRow, Dated {
  /** Duty rates by country group (including TALL). */
  dutyRates: ReadonlyMap<string, Timeline<PreparedDutyRate>>;
  /** Research-levy rows for the code and its headings, longest prefix first. */
  researchLevy: readonly Timeline<PreparedLevy>[];
}

/** Every table keyed as the rules look it up; each key's rows form a `Timeline`. */
export interface PreparedRateBook {
  /** Commodity code → its versions. */
  readonly codes: ReadonlyMap<string, Timeline<PreparedCommodity>>;
  /** Country group → country code → membership windows. */
  readonly groupMembers: ReadonlyMap<string, ReadonlyMap<string, Timeline<Validity & Dated>>>;
  readonly excise: ReadonlyMap<Exclude<ExciseCategory, 'vehicle'>, Timeline<PreparedExciseRate>>;
  /** Key: 'BASIC' or the material. */
  readonly packaging: ReadonlyMap<string, Timeline<PreparedPackagingRate>>;
  readonly vat: ReadonlyMap<string, Timeline<PreparedVatRate>>;
  readonly exchangeRates: ReadonlyMap<string, Timeline<PreparedExchangeRate>>;
  readonly voec: Timeline<PreparedAmount>;
  readonly traveller: {
    /** Key: 'over24h' or 'under24h'. */
    readonly allowances: ReadonlyMap<string, Timeline<PreparedAmount>>;
    readonly alcoholQuotas: ReadonlyMap<TravellerAlcoholKind, Timeline<PreparedAmount>>;
    readonly alcoholAgeLimits: Timeline<PreparedAgeLimit>;
    readonly tobaccoQuotas: Timeline<PreparedTobaccoQuota>;
    readonly simplifiedLimits: ReadonlyMap<string, Timeline<PreparedAmount>>;
    readonly flatRates: ReadonlyMap<string, Timeline<PreparedFlatRate>>;
  };
  readonly vehicle: {
    readonly weightBands: Timeline<PreparedWeightBand>;
    readonly ageDeductions: Timeline<PreparedAgeDeduction>;
    readonly electricThresholds: Timeline<PreparedElectricThreshold>;
  };
}
