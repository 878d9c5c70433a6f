import {
  allocateScaled,
  allocateSmall,
  allocationPlaces,
  formatScaled,
  powerOfTen,
  rescale,
  rescaleNumber,
  type Scaled,
  scaledNumber,
  scaledOf,
} from './allocation.js';
import type { GoodsItemInput } from './inputs.js';
import { type Conversion, conversionOn } from './lookup.js';
import {
  checkUniqueItemNumbers,
  currencyAt,
  dateAt,
  decimalTextAt,
  type ParsedGoodsItem,
  parseGoodsItem,
} from './parse.js';
import type { PreparedRateBook } from './prepared.js';
import { type Problem, problem } from './problems.js';
import type { IsoDate } from './types.js';

/** What declarations and private imports share: a header, goods items, freight and insurance. */
export interface ConsignmentInput {
  invoiceCurrency: string;
  freight: string;
  insurance: string;
  receivedOn: IsoDate;
  items: readonly GoodsItemInput[];
}

export interface ParsedConsignment {
  date: IsoDate;
  conversion: Conversion;
  /** The items that parsed, each with its customs base in the invoice currency set. */
  items: ParsedGoodsItem[];
}

/** Most goods items one assessment takes (the declaration limit of the platform is 999). */
export const MAX_GOODS_ITEMS = 999;

/**
 * Validates the header and items, finds the exchange rate in force on the date of receipt and
 * allocates freight and insurance (allocation.ts). Returns null when the header itself is unusable;
 * item problems are recorded and the item left out, so the caller still checks every other item.
 */
export function parseConsignment(
  book: PreparedRateBook,
  input: ConsignmentInput,
  problems: Problem[],
): ParsedConsignment | null {
  const date = dateAt(input.receivedOn, [], 'receivedOn', problems);
  const currency = currencyAt(input.invoiceCurrency, [], 'invoiceCurrency', problems);
  const freight = decimalTextAt(input.freight, [], 'freight', problems, true);
  const insurance = decimalTextAt(input.insurance, [], 'insurance', problems, true);
  if (!Array.isArray(input.items) || input.items.length === 0) {
    problems.push(problem('INVALID_INPUT', ['items'], 'At least one goods item is required.'));
    return null;
  }
  if (input.items.length > MAX_GOODS_ITEMS) {
    problems.push(problem('TOO_MANY_ITEMS', ['items'], `At most ${MAX_GOODS_ITEMS} goods items.`));
    return null;
  }
  checkUniqueItemNumbers(input.items, problems);
  const parsed: ParsedGoodsItem[] = [];
  input.items.forEach((raw, index) => {
    const item = parseGoodsItem(raw, index, ['items', index], problems);
    if (item) parsed.push(item);
  });
  if (date === null || currency === null || freight === null || insurance === null) return null;

  const conversion = conversionOn(book, currency, date, ['invoiceCurrency'], problems);
  return { date, conversion, items: withAdditions(parsed, freight, insurance) };
}

/**
 * The customs base of each item in the invoice currency: invoice amount plus its share of freight
 * and insurance, computed on scaled integers and parsed into a decimal once. Allocation runs over the
 * items that parsed; when some did not, the assessment is rejected anyway.
 */
function withAdditions(parsed: ParsedGoodsItem[], freight: string, insurance: string): ParsedGoodsItem[] {
  return withAdditionsSmall(parsed, freight, insurance) ? parsed : withAdditionsExact(parsed, freight, insurance);
}

/**
 * `withAdditionsExact` on plain numbers, for the usual amounts (below 2^53 units at every step, where
 * integer arithmetic on numbers is exact). False, having changed nothing, when an amount is too large.
 */
function withAdditionsSmall(parsed: ParsedGoodsItem[], freight: string, insurance: string): boolean {
  const f = scaledNumber(freight);
  const i = scaledNumber(insurance);
  if (f === null || i === null) return false;
  const places = Math.max(2, f.places, i.places);
  const fu = rescaleNumber(f.units, places - f.places);
  const iu = rescaleNumber(i.units, places - i.places);
  if (fu === null || iu === null || !Number.isSafeInteger(fu + iu)) return false;
  const total = fu + iu;
  if (total === 0) return true;

  const invoices: { units: number; places: number }[] = [];
  let weightPlaces = 0;
  for (const item of parsed) {
    const invoice = scaledNumber(item.invoiceText);
    if (invoice === null) return false;
    invoices.push(invoice);
    if (invoice.places > weightPlaces) weightPlaces = invoice.places;
  }
  const weights: number[] = [];
  for (const invoice of invoices) {
    const w = rescaleNumber(invoice.units, weightPlaces - invoice.places);
    if (w === null) return false;
    weights.push(w);
  }
  const shares = allocateSmall(total, weights);
  if (shares === null) return false;
  const common = Math.max(places, weightPlaces);
  const texts: [string, string][] = [];
  for (let k = 0; k < parsed.length; k++) {
    const invoice = invoices[k] as { units: number; places: number };
    const share = shares[k] as number;
    const a = rescaleNumber(invoice.units, common - invoice.places);
    const b = rescaleNumber(share, common - places);
    if (a === null || b === null || !Number.isSafeInteger(a + b)) return false;
    texts.push([formatScaled(a + b, common), formatScaled(share, places)]);
  }
  texts.forEach(([customsText, shareText], k) => {
    const item = parsed[k] as ParsedGoodsItem;
    item.customsText = customsText;
    item.shareText = shareText;
  });
  return true;
}

function withAdditionsExact(parsed: ParsedGoodsItem[], freight: string, insurance: string): ParsedGoodsItem[] {
  const f = scaledOf(freight);
  const i = scaledOf(insurance);
  const places = allocationPlaces({ units: 0n, places: Math.max(f.places, i.places) });
  const total = rescale(f, places) + rescale(i, places);
  if (total === 0n) return parsed;

  const invoices = parsed.map((item) => scaledOf(item.invoiceText));
  const weightPlaces = Math.max(0, ...invoices.map((s) => s.places));
  const shares = allocateScaled(
    total,
    invoices.map((s) => rescale(s, weightPlaces)),
  );
  const common = Math.max(places, weightPlaces);
  const shareScale = powerOfTen(common - places);
  for (let k = 0; k < parsed.length; k++) {
    const item = parsed[k] as ParsedGoodsItem;
    const share = shares[k] as bigint;
    item.customsText = formatScaled(rescale(invoices[k] as Scaled, common) + share * shareScale, common);
    item.shareText = formatScaled(share, places);
  }
  return parsed;
}
