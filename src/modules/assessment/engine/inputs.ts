import type { DecimalText, IsoDate, PackagingMaterial, TravellerAlcoholKind, TravellerTobaccoKind } from './types.js';

/**
 * What the engine assesses. Inputs are plain JSON-safe data (decimals as `DecimalText`), so the same
 * input assessed twice, or after a JSON round trip, gives the same assessment.
 */

/** Vehicle data of a goods item whose commodity carries the registration tax. */
export interface VehicleInput {
  /** First registration anywhere; null for a new vehicle (no age deduction). */
  firstRegisteredOn: IsoDate | null;
  kerbWeightKg: DecimalText;
}

/** Beverage packaging of a goods item. */
export interface PackagingInput {
  material: PackagingMaterial;
  /** Number of packaging units (bottles, cans, cartons): a whole number. */
  units: DecimalText;
  /** Return percentage of the approved return system; null when not in one. */
  returnPercent: DecimalText | null;
}

export interface GoodsItemInput {
  itemNumber: number;
  commodityCode: string;
  originCountry: string;
  /** Country group claimed for a preferential rate ('TEF', 'TGS1', ...), or null for none. */
  preferenceClaimed: string | null;
  netMassKg: DecimalText | null;
  /** In the commodity's statistical unit (litres, pieces, pairs ...). */
  supplementaryQuantity: DecimalText | null;
  /** % vol; required for goods with alcohol excise. */
  alcoholStrength: DecimalText | null;
  /** In the invoice currency. */
  invoiceAmount: DecimalText;
  vehicle?: VehicleInput | null;
  packaging?: PackagingInput | null;
}

export interface DeclarationInput {
  kind: 'IMPORT';
  invoiceCurrency: string;
  /** Transport and insurance to the Norwegian border, for the whole consignment. */
  freight: DecimalText;
  /** The currency freight was paid in; the invoice currency when absent. */
  freightCurrency?: string | null;
  insurance: DecimalText;
  /** The currency insurance was paid in; the invoice currency when absent. */
  insuranceCurrency?: string | null;
  /** The date the complete declaration was received: the exchange rate and all rates are taken on it. */
  receivedOn: IsoDate;
  importerVatRegistered: boolean;
  items: readonly GoodsItemInput[];
}

/** A private person's online purchase, declared by the carrier. VAT is always payable. */
export interface PrivateImportInput {
  kind: 'PRIVATE_IMPORT';
  invoiceCurrency: string;
  freight: DecimalText;
  freightCurrency?: string | null;
  insurance: DecimalText;
  insuranceCurrency?: string | null;
  receivedOn: IsoDate;
  /** The seller's VOEC number when the seller is registered and the number was passed on; else null. */
  voecNumber: string | null;
  items: readonly GoodsItemInput[];
}

/** Goods a traveller brings home, other than alcohol and tobacco: they share the value allowance. */
export interface TravellerGoodsInput {
  id: string;
  description: string;
  amount: DecimalText;
  currency: string;
  /** Optional: with a code the tariff's ordinary duty and VAT class apply; without, duty-free at 'general' VAT. */
  commodityCode?: string | null;
  netMassKg?: DecimalText | null;
  supplementaryQuantity?: DecimalText | null;
}

export interface TravellerAlcoholInput {
  id: string;
  kind: TravellerAlcoholKind;
  litres: DecimalText;
  strength: DecimalText;
  /** Price paid; needed only when part of it falls under ordinary rates (beyond the simplified limits). */
  amount?: DecimalText | null;
  currency?: string | null;
}

export interface TravellerTobaccoInput {
  id: string;
  kind: TravellerTobaccoKind;
  /** Pieces for cigarettes, grams for smoking tobacco and snus. */
  quantity: DecimalText;
  amount?: DecimalText | null;
  currency?: string | null;
}

export interface TravellerInput {
  kind: 'TRAVELLER';
  /** Date of entry into Norway: all rates are taken on it. */
  arrivedOn: IsoDate;
  awayOver24Hours: boolean;
  /** Age in whole years on the date of entry. */
  age: number;
  goods: readonly TravellerGoodsInput[];
  alcohol: readonly TravellerAlcoholInput[];
  tobacco: readonly TravellerTobaccoInput[];
}
