import type { Problem } from './problems.js';
import type { IsoDate } from './types.js';

/**
 * What the engine returns. All amounts are NOK strings with exactly two decimals, every rate and
 * quantity is a plain decimal string: the result is JSON data that a client can check line by line.
 */

export type LineKind =
  | 'CUSTOMS_VALUE'
  | 'CUSTOMS_DUTY'
  | 'RESEARCH_LEVY'
  | 'EXCISE_ALCOHOL'
  | 'EXCISE_TOBACCO'
  | 'EXCISE_E_LIQUID'
  | 'PACKAGING_ENVIRONMENTAL_TAX'
  | 'PACKAGING_BASIC_TAX'
  | 'REGISTRATION_TAX'
  | 'VAT'
  | 'FLAT_RATE_ALCOHOL'
  | 'FLAT_RATE_TOBACCO'
  | 'VOEC_RELIEF'
  | 'VALUE_ALLOWANCE'
  | 'ALCOHOL_QUOTA'
  | 'TOBACCO_QUOTA';

/** Stable codes of the rules the engine applies; a client may switch on them. */
export type RuleCode =
  | 'CUSTOMS_VALUE_NOK'
  | 'CUSTOMS_VALUE_CONVERTED'
  | 'DUTY_ORDINARY'
  | 'DUTY_PREFERENTIAL'
  | 'DUTY_PREFERENCE_WITHOUT_OWN_RATE'
  | 'DUTY_ORDINARY_LOWER_THAN_PREFERENTIAL'
  | 'RESEARCH_LEVY'
  | 'EXCISE'
  | 'PACKAGING_ENVIRONMENTAL'
  | 'PACKAGING_BASIC'
  | 'REGISTRATION_TAX_WEIGHT'
  | 'VAT_IMPORT'
  | 'VAT_ELECTRIC_CAR'
  | 'VOEC_COVERED'
  | 'TRAVELLER_VALUE_ALLOWANCE'
  | 'TRAVELLER_ALCOHOL_QUOTA'
  | 'TRAVELLER_TOBACCO_QUOTA'
  | 'TRAVELLER_FLAT_RATE'
  | 'TRAVELLER_ORDINARY_BEYOND_LIMIT';

/** Which table of the rate book a cited row comes from. */
export type RateTable =
  | 'DUTY'
  | 'RESEARCH_LEVY'
  | 'EXCISE'
  | 'PACKAGING'
  | 'VAT'
  | 'VOEC'
  | 'TRAVELLER_ALLOWANCE'
  | 'ALCOHOL_QUOTA'
  | 'TOBACCO_QUOTA'
  | 'SIMPLIFIED_LIMIT'
  | 'FLAT_RATE'
  | 'VEHICLE_WEIGHT'
  | 'VEHICLE_AGE_DEDUCTION'
  | 'ELECTRIC_VAT_THRESHOLD';

/** A rate-book row an amount was computed with. */
export interface RateRef {
  table: RateTable;
  id: string;
  value: string;
  /** How `value` applies: PERCENT, PER_KG, PER_VOL_PERCENT_LITRE, NOK, LITRES, ... */
  kind: string;
  countryGroup: string | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export interface ExchangeRateRef {
  id: string;
  currency: string;
  /** NOK per `unit` units of the currency. */
  rate: string;
  unit: number;
  /** The date the rate was taken on (receivedOn / arrivedOn). */
  date: IsoDate;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export interface Quantity {
  value: string;
  /** kg, l, ml, g, pcs, pair, vol-% l (litres × % vol), units (packaging) */
  unit: string;
}

/** Why an amount is what it is: enough to recompute it by hand. */
export interface Basis {
  rule: RuleCode;
  /** Rows applied, the main one first. */
  rates: readonly RateRef[];
  /**
   * The amount the line was computed from, when there is one: the customs value, VAT base or price
   * a rate was applied to (NOK), or the value in the invoice currency that a customs value converts.
   */
  baseAmount: string | null;
  /** The currency of `baseAmount` (ISO 4217); null when there is no base amount. */
  baseCurrency: string | null;
  /** Quantity a specific rate was applied to, when there is one. */
  quantity: Quantity | null;
  exchangeRate: ExchangeRateRef | null;
  /**
   * Every exchange rate the line rests on, when more than `exchangeRate`: a customs value whose
   * freight or insurance was paid in another currency than the invoice. Absent otherwise, so an
   * assessment without such costs is stored as before.
   */
  exchangeRates?: readonly ExchangeRateRef[];
  explanation: string;
}

export interface AssessmentLine {
  kind: LineKind;
  /** NOK, rounded half-up to øre, two decimals. */
  amount: string;
  /** False for lines that are a base or a relief (customs value, quota used), not a charge. */
  charge: boolean;
  /** True when the charge is to be paid to customs (false: VAT reported in the VAT return). */
  payable: boolean;
  basis: Basis;
}

export interface KindTotal {
  kind: LineKind;
  amount: string;
}

/** Sums of rounded charge lines; never rounded again. `total = payable + vatToReport`. */
export interface Totals {
  payable: string;
  vatToReport: string;
  total: string;
  byKind: readonly KindTotal[];
}

export interface ItemAssessment {
  itemNumber: number;
  commodityCode: string;
  /** Country group whose duty rate was applied. */
  countryGroup: string;
  lines: readonly AssessmentLine[];
}

export interface DeclarationAssessment {
  kind: 'IMPORT';
  receivedOn: IsoDate;
  invoiceCurrency: string;
  exchangeRate: ExchangeRateRef | null;
  importerVatRegistered: boolean;
  items: readonly ItemAssessment[];
  totals: Totals;
}

export interface PrivateImportAssessment {
  kind: 'PRIVATE_IMPORT';
  receivedOn: IsoDate;
  invoiceCurrency: string;
  exchangeRate: ExchangeRateRef | null;
  voecNumber: string | null;
  items: readonly ItemAssessment[];
  totals: Totals;
}

export type TravellerSection = 'GOODS' | 'ALCOHOL' | 'TOBACCO';

export interface TravellerItemAssessment {
  id: string;
  section: TravellerSection;
  lines: readonly AssessmentLine[];
}

export interface TravellerAssessment {
  kind: 'TRAVELLER';
  arrivedOn: IsoDate;
  allowance: {
    rate: RateRef;
    usedNok: string;
    /** Goods chosen to use the allowance: the set that minimises the duty payable. */
    coveredGoodsIds: readonly string[];
  };
  /** Litres of each kind covered by the alcohol quota after exchange. */
  alcoholQuotaUsed: { spirits: string; wine: string; beer: string };
  /** The tobacco quota chosen (cigarettes or other tobacco), or null when none was used. */
  tobaccoQuotaUsed: { group: 'cigarettes' | 'other-tobacco'; quantity: string } | null;
  items: readonly TravellerItemAssessment[];
  totals: Totals;
}

export type AssessmentResult<T> = { ok: true; assessment: T } | { ok: false; problems: readonly Problem[] };
