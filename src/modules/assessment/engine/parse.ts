import { compare, type Exact, exactOf, integer, isInteger } from '../../../shared/money.js';
import { isIsoDate } from './dates.js';
import type { GoodsItemInput } from './inputs.js';
import { type Problem, type ProblemPath, problem } from './problems.js';
import type { IsoDate, PackagingMaterial } from './types.js';

/**
 * Validation of inputs into exact decimals. The GraphQL layer validates shapes too, but the engine
 * is also called from jobs and tests, so it never trusts its input: every malformed field becomes an
 * INVALID_INPUT problem with its path, and all of them are reported together.
 */

/** A validated goods item of a declaration, a private import or a traveller's goods. */
export interface ParsedGoodsItem {
  /** Where the item is in the input, for problem paths. */
  readonly path: ProblemPath;
  readonly itemNumber: number;
  readonly commodityCode: string;
  readonly originCountry: string;
  readonly preferenceClaimed: string | null;
  readonly netMassKg: Exact | null;
  /** In the commodity's statistical unit. */
  readonly supplementaryQuantity: Exact | null;
  readonly alcoholStrength: Exact | null;
  /** In the invoice currency. */
  readonly invoiceAmount: Exact;
  /** The invoice amount as given, quoted in explanations. */
  readonly invoiceText: string;
  readonly vehicle: { firstRegisteredOn: IsoDate | null; kerbWeightKg: Exact } | null;
  readonly packaging: { material: PackagingMaterial; units: Exact; returnPercent: Exact | null } | null;
}

const HUNDRED = integer(100);
const NON_NEGATIVE_DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;
const COMMODITY_CODE = /^\d{8}$/;
const COUNTRY = /^[A-Z]{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const MATERIALS: readonly string[] = ['GLASS_METAL', 'PLASTIC', 'CARTON'];

/** Parses a required non-negative decimal; records a problem and returns null when malformed. */
export function amountAt(value: unknown, path: ProblemPath, field: string, problems: Problem[]): Exact | null {
  if (typeof value === 'string' && NON_NEGATIVE_DECIMAL.test(value)) return exactOf(value);
  problems.push(problem('INVALID_INPUT', [...path, field], 'Expected a non-negative decimal such as "1250.50".'));
  return null;
}

/** As `amountAt`, for a field that may be null or absent. */
export function optionalAmountAt(value: unknown, path: ProblemPath, field: string, problems: Problem[]): Exact | null {
  return value === null || value === undefined ? null : amountAt(value, path, field, problems);
}

export function dateAt(value: unknown, path: ProblemPath, field: string, problems: Problem[]): IsoDate | null {
  if (isIsoDate(value)) return value;
  problems.push(problem('INVALID_INPUT', [...path, field], 'Expected a date as YYYY-MM-DD.'));
  return null;
}

export function currencyAt(value: unknown, path: ProblemPath, field: string, problems: Problem[]): string | null {
  if (typeof value === 'string' && CURRENCY.test(value)) return value;
  problems.push(problem('INVALID_INPUT', [...path, field], 'Expected an ISO 4217 currency code such as "EUR".'));
  return null;
}

export function commodityCodeAt(value: unknown, path: ProblemPath, field: string, problems: Problem[]): string | null {
  if (typeof value === 'string' && COMMODITY_CODE.test(value)) return value;
  problems.push(problem('INVALID_INPUT', [...path, field], 'Expected an 8-digit commodity code such as "04069099".'));
  return null;
}

/** Parses a goods item of a declaration or private import; null when any field is malformed. */
export function parseGoodsItem(item: GoodsItemInput, path: ProblemPath, problems: Problem[]): ParsedGoodsItem | null {
  const before = problems.length;
  if (!Number.isInteger(item.itemNumber) || item.itemNumber < 1) {
    problems.push(problem('INVALID_INPUT', [...path, 'itemNumber'], 'Expected a positive whole item number.'));
  }
  const commodityCode = commodityCodeAt(item.commodityCode, path, 'commodityCode', problems);
  if (typeof item.originCountry !== 'string' || !COUNTRY.test(item.originCountry)) {
    problems.push(problem('INVALID_INPUT', [...path, 'originCountry'], 'Expected an ISO 3166-1 alpha-2 country code.'));
  }
  const claimed = item.preferenceClaimed;
  if (claimed !== null && (typeof claimed !== 'string' || claimed.length === 0)) {
    problems.push(problem('INVALID_INPUT', [...path, 'preferenceClaimed'], 'Expected a country group code or null.'));
  }
  const invoiceText = decimalTextAt(item.invoiceAmount, path, 'invoiceAmount', problems, true);
  const netMassKg = optionalAmountAt(item.netMassKg, path, 'netMassKg', problems);
  const supplementary = optionalAmountAt(item.supplementaryQuantity, path, 'supplementaryQuantity', problems);
  const alcoholStrength = optionalAmountAt(item.alcoholStrength, path, 'alcoholStrength', problems);
  if (alcoholStrength && compare(alcoholStrength, HUNDRED) > 0) {
    problems.push(problem('INVALID_INPUT', [...path, 'alcoholStrength'], 'Alcohol strength is at most 100 % vol.'));
  }
  const vehicle = item.vehicle ? parseVehicle(item.vehicle, [...path, 'vehicle'], problems) : null;
  const packaging = item.packaging ? parsePackaging(item.packaging, [...path, 'packaging'], problems) : null;
  if (problems.length > before || commodityCode === null || invoiceText === null) return null;
  return {
    path,
    itemNumber: item.itemNumber,
    commodityCode,
    originCountry: item.originCountry,
    preferenceClaimed: claimed,
    netMassKg,
    supplementaryQuantity: supplementary,
    alcoholStrength,
    invoiceAmount: exactOf(invoiceText),
    invoiceText,
    vehicle,
    packaging,
  };
}

/** Checks the form of a non-negative decimal and keeps it as given, for a sentence to quote. */
export function decimalTextAt(
  value: unknown,
  path: ProblemPath,
  field: string,
  problems: Problem[],
  required = false,
): string | null {
  if ((value === null || value === undefined) && !required) return null;
  if (typeof value === 'string' && NON_NEGATIVE_DECIMAL.test(value)) return value;
  problems.push(problem('INVALID_INPUT', [...path, field], 'Expected a non-negative decimal such as "1250.50".'));
  return null;
}

function parseVehicle(
  value: GoodsItemInput['vehicle'],
  path: ProblemPath,
  problems: Problem[],
): ParsedGoodsItem['vehicle'] {
  if (value === null || value === undefined) return null;
  const first =
    value.firstRegisteredOn === null ? null : dateAt(value.firstRegisteredOn, path, 'firstRegisteredOn', problems);
  const kerbWeightKg = amountAt(value.kerbWeightKg, path, 'kerbWeightKg', problems);
  return kerbWeightKg === null ? null : { firstRegisteredOn: first, kerbWeightKg };
}

function parsePackaging(
  value: GoodsItemInput['packaging'],
  path: ProblemPath,
  problems: Problem[],
): ParsedGoodsItem['packaging'] {
  if (value === null || value === undefined) return null;
  if (!MATERIALS.includes(value.material)) {
    problems.push(problem('INVALID_INPUT', [...path, 'material'], `Expected one of ${MATERIALS.join(', ')}.`));
  }
  const units = amountAt(value.units, path, 'units', problems);
  if (units !== null && !isInteger(units)) {
    problems.push(problem('INVALID_INPUT', [...path, 'units'], 'Packaging units are a whole number.'));
  }
  const returnPercent = optionalAmountAt(value.returnPercent, path, 'returnPercent', problems);
  if (returnPercent && compare(returnPercent, HUNDRED) > 0) {
    problems.push(problem('INVALID_INPUT', [...path, 'returnPercent'], 'A return percentage is at most 100.'));
  }
  return units === null ? null : { material: value.material, units, returnPercent };
}

/** Problems for item numbers used twice: the assessment could not tell their lines apart. */
export function checkUniqueItemNumbers(items: readonly { itemNumber: number }[], problems: Problem[]): void {
  const seen = new Set<number>();
  items.forEach((item, i) => {
    if (seen.has(item.itemNumber)) {
      problems.push(
        problem('DUPLICATE_ITEM', ['items', i, 'itemNumber'], `Item number ${item.itemNumber} is used twice.`),
      );
    }
    seen.add(item.itemNumber);
  });
}
