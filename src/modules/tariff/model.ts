/** A version of a commodity code, with what a declaration's validation checks of it. */
export interface CommodityFact {
  readonly code: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly unit: string;
  readonly exciseCategory: string | null;
}
