/**
 * Typed problems: why an input cannot be assessed. The engine collects every problem of an input
 * before answering, so a declarant fixes them all in one round.
 */

export type ProblemCode =
  /** A decimal, date, number or code in the input is malformed or out of range. */
  | 'INVALID_INPUT'
  /** Two goods items share an item number (or two traveller items an id). */
  | 'DUPLICATE_ITEM'
  | 'COMMODITY_CODE_NOT_VALID_ON_DATE'
  /** The code is in the tariff, but no rates (ordinary duty, VAT class, unit) are loaded for it. */
  | 'RATES_NOT_LOADED'
  | 'EXCHANGE_RATE_MISSING'
  /** A preference was claimed but the origin is not in the claimed group on the date. */
  | 'PREFERENCE_NOT_APPLICABLE'
  | 'DUTY_RATE_MISSING'
  /** A specific rate needs a quantity (net mass, litres, pieces) that was not given. */
  | 'QUANTITY_REQUIRED'
  /** A specific rate's unit does not match the commodity's statistical unit (a rate-book error). */
  | 'QUANTITY_UNIT_MISMATCH'
  | 'ALCOHOL_STRENGTH_REQUIRED'
  | 'EXCISE_RATE_MISSING'
  | 'PACKAGING_RATE_MISSING'
  | 'VAT_RATE_MISSING'
  | 'VEHICLE_DATA_REQUIRED'
  | 'VEHICLE_RATE_MISSING'
  | 'VOEC_RULE_MISSING'
  | 'TRAVELLER_RULE_MISSING'
  /** No flat rate covers this traveller item (for example spirits above the strength the rates cover). */
  | 'FLAT_RATE_MISSING'
  /** Ordinary rates apply to part of a traveller's item, and they need its price. */
  | 'VALUE_REQUIRED'
  /** More items than the engine's exact optimisation is bounded for. */
  | 'TOO_MANY_ITEMS';

/** Where in the input: property names and array indexes, as GraphQL paths are written. */
export type ProblemPath = readonly (string | number)[];

export interface Problem {
  code: ProblemCode;
  path: ProblemPath;
  message: string;
}

export function problem(code: ProblemCode, path: ProblemPath, message: string): Problem {
  return { code, path, message };
}
