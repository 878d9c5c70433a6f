import type { Decimal } from '../../../shared/decimal.js';
import type { Dated, Timeline } from './dates.js';
import type { Fixed } from './fixed-point.js';
import type { RateRef } from './results.js';
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
} from './types.js';

/**
 * A rate book parsed and indexed once (by `prepareRateBook`) and then shared by every assessment:
 * decimals parsed, percentages turned into factors, rows grouped by key and sorted by date, and each
 * row's citation (`ref`) built and frozen. The hot path then does map lookups and multiplications only.
 */

export interface PreparedBand {
  from: Decimal;
  fromInclusive: boolean;
  to: Decimal | null;
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
  value: Decimal;
  /** value / 100 for PERCENT, value otherwise. */
  factor: Decimal;
  /** `factor` in integers, for percentages (null otherwise, or when too long: see fixed-point.ts). */
  fixedFactor: Fixed | null;
  /** The rate is zero: no arithmetic needed (most goods are duty-free). */
  zero: boolean;
  /** For percentages: the explanation up to the customs value, built once (duty.ts). */
  sentence: string | null;
}

export interface PreparedVatRate extends PreparedPercent {
  /** The explanation up to the VAT base, built once (vat.ts). */
  sentence: string;
}

export interface PreparedPercent extends Cited {
  percent: Decimal;
  factor: Decimal;
  fixedFactor: Fixed | null;
}

export interface PreparedLevy extends PreparedPercent {
  prefix: string;
}

export interface PreparedExciseRate extends Cited {
  category: Exclude<ExciseCategory, 'vehicle'>;
  kind: ExciseRateKind;
  band: PreparedBand | null;
  value: Decimal;
}

export interface PreparedPackagingRate extends Cited {
  tax: 'ENVIRONMENTAL' | 'BASIC';
  material: PackagingMaterial | null;
  perUnit: Decimal;
  exemptAtReturnPercent: Decimal | null;
}

export interface PreparedExchangeRate extends Validity, Dated {
  id: string;
  currency: string;
  rateText: string;
  unit: number;
  /** NOK per one unit of the currency: rate / unit, exact because unit is a power of ten. */
  factor: Decimal;
  fixedFactor: Fixed | null;
}

export interface PreparedAmount extends Cited {
  amount: Decimal;
}

export interface PreparedAgeLimit extends Cited {
  strengthAbove: Decimal;
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
  value: Decimal;
}

export interface PreparedWeightBand extends Cited {
  fromKg: Decimal;
  toKg: Decimal | null;
  perKg: Decimal;
}

export interface PreparedAgeDeduction extends PreparedPercent {
  ageOverMonths: number;
}

export interface PreparedElectricThreshold extends PreparedAmount {
  commodityPrefix: string;
}

/**
 * The rates keyed by a commodity code, carried by each version of the code (set once by
 * `prepareRateBook`), so that an item reaches its rates from the version it looked up: the rate book
 * is large and read at random, and every pointer followed can be a cache miss.
 */
export interface CodeRates {
  /** The ordinary (TALL) rates, looked up for every item, kept out of the map. */
  ordinaryDuty: Timeline<PreparedDutyRate> | undefined;
  /**
   * The newest ordinary rate, copied here with its window: nearly every item is assessed at a date
   * in that window, and finding it on the version saves a read of the timeline (each read of the
   * large rate book can be a cache miss, and these lookups are the engine's hottest).
   */
  ordinaryLatest: PreparedDutyRate | undefined;
  /** Rates by country group (including TALL). */
  dutyRates: ReadonlyMap<string, Timeline<PreparedDutyRate>>;
  /** Research-levy rows for the code and its headings, longest prefix first; null when none. */
  researchLevy: readonly Timeline<PreparedLevy>[] | null;
}

/** A version of a commodity code with its code's rates. */
export type PreparedCommodity = CommodityRow & Dated & CodeRates;

/** Every table keyed as the rules look it up; each key's rows form a `Timeline`. */
export interface PreparedRateBook {
  /** Commodity code → its versions. */
  /**
   * Commodity code → its versions, keyed by the code's number (`codeKey`): a small-integer key is
   * hashed without reading a string from memory, one fewer cache miss per item.
   */
  readonly codes: ReadonlyMap<number, Timeline<PreparedCommodity>>;
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
