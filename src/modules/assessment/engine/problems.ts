/**
 * Typed problems: why an input cannot be assessed. The engine collects every problem of an input
 * before answering, so a declarant fixes them all in one round.
 */

/** Every code the engine raises, with what it means; the GraphQL enum of input problems is built from it. */
export const ENGINE_PROBLEM_CODES = {
  INVALID_INPUT: 'A decimal, date, number or code in the input is malformed or out of range.',
  DUPLICATE_ITEM: 'Two goods items share an item number (or two traveller items an id).',
  COMMODITY_CODE_NOT_VALID_ON_DATE: 'The commodity code exists but is not in force on the date.',
  RATES_NOT_LOADED: 'The code is in the tariff, but no rates (ordinary duty, VAT class, unit) are loaded for it.',
  EXCHANGE_RATE_MISSING: 'No exchange rate of the currency is in force on the date.',
  PREFERENCE_NOT_APPLICABLE: 'A preference was claimed but the origin is not in the claimed group on the date.',
  DUTY_RATE_MISSING: 'No duty rate applies to the code and origin on the date.',
  QUANTITY_REQUIRED: 'A specific rate needs a quantity (net mass, litres, pieces) that was not given.',
  QUANTITY_UNIT_MISMATCH: "A specific rate's unit does not match the commodity's statistical unit (a rate-book error).",
  ALCOHOL_STRENGTH_REQUIRED: 'Alcoholic goods need their alcohol strength (% vol).',
  EXCISE_RATE_MISSING: 'No excise rate applies to the goods on the date.',
  PACKAGING_RATE_MISSING: 'No packaging tax rate applies to the packaging on the date.',
  VAT_RATE_MISSING: 'No VAT rate applies to the goods on the date.',
  VEHICLE_DATA_REQUIRED: 'A motor vehicle needs its data for the registration tax.',
  VEHICLE_RATE_MISSING: 'No registration tax rate applies to the vehicle on the date.',
  VOEC_RULE_MISSING: 'No VOEC rule is in force on the date.',
  TRAVELLER_RULE_MISSING: 'No traveller allowance or quota rule is in force on the date.',
  FLAT_RATE_MISSING:
    'No flat rate covers this traveller item (for example spirits above the strength the rates cover).',
  VALUE_REQUIRED: "Ordinary rates apply to part of a traveller's item, and they need its price.",
  TOO_MANY_ITEMS: "More items than the engine's exact optimisation is bounded for.",
} as const;

export type ProblemCode = keyof typeof ENGINE_PROBLEM_CODES;

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
