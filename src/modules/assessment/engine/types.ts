/**
 * The rate book: every rate and figure the engine applies, handed in as plain data.
 *
 * Conventions, chosen so that the platform can build a rate book straight from database rows and
 * JSON without loss:
 * - Decimals are `DecimalText`: plain decimal strings with a dot ('10.50', '277', '0.20'), the way
 *   PostgreSQL `numeric` columns arrive through the driver. They are parsed once, exactly, by
 *   `prepareRateBook`; never pass JS numbers for rates, money or quantities.
 * - Dates are `IsoDate` strings 'YYYY-MM-DD'. A row is in force from `validFrom` to `validTo`, both
 *   inclusive; `validTo: null` means open-ended. Rows of the same key must not overlap in time
 *   (`prepareRateBook` rejects a book where they do, because the engine could not say which applies).
 * - Every rate row carries an `id` (the database key as text) so that each amount can cite it.
 */

import type { ExciseCategory, ExciseRateUnit } from '../../rates/model.js';

export type IsoDate = string;
export type DecimalText = string;

export interface Validity {
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export type VatClass = 'general' | 'food';

/** Statistical unit of a commodity code: the unit of the declared supplementary quantity. */
export type CommodityUnit = 'kg' | 'l' | 'ml' | 'pcs' | 'pair';

/** Excise category of a commodity; `vehicle` means the one-off registration tax applies. */
export type { ExciseCategory } from '../../rates/model.js';

/** One version of an 8-digit commodity code of the customs tariff. */
export interface CommodityRow extends Validity {
  code: string;
  description: string;
  unit: CommodityUnit;
  vatClass: VatClass;
  exciseCategory: ExciseCategory | null;
  /** Agency whose permit the goods need; restricted goods are never covered by VOEC. */
  restrictedBy: string | null;
  /** The tariff lists the code but no rates are loaded for it: its items are refused (RATES_NOT_LOADED). */
  ratesNotLoaded?: true;
}

/** Percent of customs value, or kroner per kg net mass / per litre / per piece (or pair). */
export type DutyRateKind = 'PERCENT' | 'PER_KG' | 'PER_LITRE' | 'PER_PIECE';

/**
 * Customs duty (tollavgift) of one commodity code for one country group: 'TALL' ordinary, 'TEF' EU,
 * 'TEFT' EFTA, 'TGS1' GSP least developed, 'TGS2' GSP, 'TGSP' GSP+, or a free-trade partner group.
 * A group without a row of its own pays the TALL rate, as in the published tariff.
 */
export interface DutyRateRow extends Validity {
  id: string;
  commodityCode: string;
  countryGroup: string;
  kind: DutyRateKind;
  value: DecimalText;
}

/** Membership of a country (ISO 3166-1 alpha-2) in a preferential country group. */
export interface CountryGroupMemberRow extends Validity {
  group: string;
  countryCode: string;
}

/** Research levy (forskningsavgift), percent of customs value, by commodity code or HS prefix. */
export interface ResearchLevyRateRow extends Validity {
  id: string;
  /** 2 to 8 digits; the longest prefix in force wins. */
  codePrefix: string;
  percent: DecimalText;
}

/** The unit an excise rate is per, from the one list of the rates module. */
export type ExciseRateKind = ExciseRateUnit;

/**
 * Alcohol strength band (% vol). The published bands mix open and closed ends ("over 2.7 but below
 * 3.7", "from 3.7 up to and including 4.7"), so each end says whether it is inclusive.
 */
export interface StrengthBand {
  from: DecimalText;
  fromInclusive: boolean;
  /** null: no upper end. */
  to: DecimalText | null;
  toInclusive: boolean;
}

export interface ExciseRateRow extends Validity {
  id: string;
  category: Exclude<ExciseCategory, 'vehicle'>;
  kind: ExciseRateKind;
  /** Alcohol rates are banded by strength; other categories have no band. */
  strengthBand: StrengthBand | null;
  value: DecimalText;
}

export type PackagingMaterial = 'GLASS_METAL' | 'PLASTIC' | 'CARTON';

/**
 * Beverage packaging taxes, per packaging unit. ENVIRONMENTAL (by material) is reduced by the return
 * percentage of the approved return system and is zero from `exemptAtReturnPercent`; BASIC is the tax
 * on single-use packaging, not due for packaging in an approved return system.
 */
export interface PackagingRateRow extends Validity {
  id: string;
  tax: 'ENVIRONMENTAL' | 'BASIC';
  /** Material for ENVIRONMENTAL rows; null for BASIC. */
  material: PackagingMaterial | null;
  perUnit: DecimalText;
  exemptAtReturnPercent: DecimalText | null;
}

export interface VatRateRow extends Validity {
  id: string;
  vatClass: VatClass;
  percent: DecimalText;
}

/** NOK for `unit` units of `currency` (the authority's omregningsenhet, 1 or 100; a power of ten). */
export interface ExchangeRateRow extends Validity {
  id: string;
  currency: string;
  rate: DecimalText;
  unit: number;
}

/** VOEC: items from a registered seller under this NOK value pass the border without duty or VAT. */
export interface VoecRuleRow extends Validity {
  id: string;
  itemValueLimitNok: DecimalText;
}

export type TravellerAlcoholKind = 'spirits' | 'wine' | 'beer';
export type TravellerTobaccoKind = 'cigarettes' | 'smoking-tobacco' | 'snus';
/** Tobacco quota and simplified limits count cigarettes in pieces and all other tobacco in grams. */
export type TravellerTobaccoGroup = 'cigarettes' | 'other-tobacco';

export interface TravellerRules {
  /** Value allowance in NOK, one row per duration class. */
  allowances: readonly (Validity & { id: string; awayOver24Hours: boolean; amountNok: DecimalText })[];
  /** Alcohol quota in litres per kind; exchange runs spirits → wine → beer only. */
  alcoholQuotas: readonly (Validity & { id: string; kind: TravellerAlcoholKind; litres: DecimalText })[];
  /** A beverage stronger than `strengthAbove` % vol may use the quota only from `minimumAge`. */
  alcoholAgeLimits: readonly (Validity & { id: string; strengthAbove: DecimalText; minimumAge: number })[];
  /** Alternative tobacco quotas (one of them is used): pieces of cigarettes or grams of other tobacco. */
  tobaccoQuotas: readonly (Validity & {
    id: string;
    group: TravellerTobaccoGroup;
    quantity: DecimalText;
    minimumAge: number;
  })[];
  /** Most that may be taxed at flat rates beyond the quota, per group; beyond it, ordinary rates. */
  simplifiedLimits: readonly (Validity & {
    id: string;
    group: 'spirits' | 'beer-wine' | TravellerTobaccoGroup;
    quantity: DecimalText;
  })[];
  /** Flat rates for the excess within the simplified limits (they include excise and VAT). */
  flatRates: readonly (Validity & {
    id: string;
    kind: TravellerAlcoholKind | TravellerTobaccoKind;
    per: 'LITRE' | '100_PIECES' | '100_GRAMS';
    strengthBand: StrengthBand | null;
    value: DecimalText;
  })[];
}

export interface VehicleTaxRules {
  /** Weight component of the registration tax: NOK per kg of kerb weight within [fromKg, toKg). */
  weightBands: readonly (Validity & {
    id: string;
    fromKg: DecimalText;
    toKg: DecimalText | null;
    perKg: DecimalText;
  })[];
  /** Used imports: deduction in percent when the vehicle is more than `ageOverMonths` old. */
  ageDeductions: readonly (Validity & { id: string; ageOverMonths: number; percent: DecimalText })[];
  /** Electric cars (by commodity prefix) pay VAT only on the value above the threshold. */
  electricVatThresholds: readonly (Validity & { id: string; commodityPrefix: string; thresholdNok: DecimalText })[];
}

export interface RateBook {
  commodities: readonly CommodityRow[];
  dutyRates: readonly DutyRateRow[];
  countryGroupMembers: readonly CountryGroupMemberRow[];
  researchLevyRates: readonly ResearchLevyRateRow[];
  exciseRates: readonly ExciseRateRow[];
  packagingRates: readonly PackagingRateRow[];
  vatRates: readonly VatRateRow[];
  exchangeRates: readonly ExchangeRateRow[];
  voecRules: readonly VoecRuleRow[];
  travellerRules: TravellerRules;
  vehicleTax: VehicleTaxRules;
}
