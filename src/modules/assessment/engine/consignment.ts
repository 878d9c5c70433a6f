import { type Exact, exactOf, plus, powerOfTen, roundToOre, times } from '../../../shared/money.js';
import { allocateByValue, allocateScaled } from './allocation.js';
import type { CustomsBase } from './customs-value.js';
import { dayOf } from './dates.js';
import { assessGoodsItem, type GoodsContext } from './goods-item.js';
import type { GoodsItemInput } from './inputs.js';
import { type Conversion, commodityOn, conversionOn } from './lookup.js';
import {
  checkUniqueItemNumbers,
  currencyAt,
  dateAt,
  decimalTextAt,
  type ParsedGoodsItem,
  parseGoodsItem,
} from './parse.js';
import { type Problem, type ProblemPath, problem } from './problems.js';
import type { PreparedCommodity, PreparedRateBook } from './rate-book/prepared-book.js';
import type { AssessmentLine, ExchangeRateRef, ItemAssessment, Totals } from './results.js';
import { computeTotals } from './totals.js';
import type { IsoDate } from './types.js';

/**
 * The flow that business imports and private imports share: a header, goods items, freight and
 * insurance allocated over the items, each currency's exchange rate on the date of receipt, every item assessed
 * by the same rules, and totals summed from the lines.
 */
export interface ConsignmentInput {
  invoiceCurrency: string;
  freight: string;
  /** The currency freight was paid in; the invoice currency when absent. */
  freightCurrency?: string | null | undefined;
  insurance: string;
  /** The currency insurance was paid in; the invoice currency when absent. */
  insuranceCurrency?: string | null | undefined;
  receivedOn: IsoDate;
  items: readonly GoodsItemInput[];
}

export interface AssessedConsignment {
  date: IsoDate;
  conversion: Conversion;
  items: ItemAssessment[];
  totals: Totals;
}

export interface ConsignmentRules {
  /** False for VAT-registered importers, who report import VAT in their VAT return. */
  vatPayable: boolean;
  /** A relief that takes items out of the ordinary rules (VOEC), set up once per consignment. */
  relief?: ((ctx: GoodsContext) => Relief) | undefined;
}

/** The lines of an item under the relief, or null when the relief does not cover it. */
export type Relief = (item: ParsedGoodsItem, commodity: PreparedCommodity) => AssessmentLine[] | null;

/** Most goods items one assessment takes (the declaration limit of the platform is 999). */
export const MAX_GOODS_ITEMS = 999;

/**
 * Assesses a consignment, or returns null with every problem of its header and items in `problems`
 * (an item with problems is left out and the rest still checked, so all are reported at once).
 */
export function assessConsignment(
  book: PreparedRateBook,
  input: ConsignmentInput,
  problems: Problem[],
  rules: ConsignmentRules,
): AssessedConsignment | null {
  const date = dateAt(input.receivedOn, [], 'receivedOn', problems);
  const currency = currencyAt(input.invoiceCurrency, [], 'invoiceCurrency', problems);
  const freight = decimalTextAt(input.freight, [], 'freight', problems, true);
  const insurance = decimalTextAt(input.insurance, [], 'insurance', problems, true);
  // Absent: the invoice currency, whose own problem is reported once, at invoiceCurrency.
  const freightCurrency =
    input.freightCurrency == null ? currency : currencyAt(input.freightCurrency, ['freight'], 'currency', problems);
  const insuranceCurrency =
    input.insuranceCurrency == null
      ? currency
      : currencyAt(input.insuranceCurrency, ['insurance'], 'currency', problems);
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
    const item = parseGoodsItem(raw, ['items', index], problems);
    if (item) parsed.push(item);
  });
  if (
    date === null ||
    currency === null ||
    freight === null ||
    insurance === null ||
    freightCurrency === null ||
    insuranceCurrency === null
  ) {
    return null;
  }

  const ctx: GoodsContext = {
    book,
    date,
    day: dayOf(date),
    problems,
    conversion: conversionOn(book, currency, date, ['invoiceCurrency'], problems),
    vatPayable: rules.vatPayable,
  };
  const bases =
    freightCurrency === currency && insuranceCurrency === currency
      ? customsBases(parsed, plus(exactOf(freight), exactOf(insurance)))
      : customsBasesInNok(ctx, parsed, [
          { amount: exactOf(freight), currency: freightCurrency, path: ['freight', 'currency'] },
          { amount: exactOf(insurance), currency: insuranceCurrency, path: ['insurance', 'currency'] },
        ]);
  const relief = rules.relief?.(ctx);
  const items: ItemAssessment[] = [];
  parsed.forEach((item, i) => {
    const commodity = commodityOn(ctx, item.commodityCode, item.path);
    if (commodity === undefined) return;
    const relieved = relief?.(item, commodity);
    if (relieved) {
      items.push({ itemNumber: item.itemNumber, commodityCode: commodity.code, countryGroup: 'TALL', lines: relieved });
      return;
    }
    const assessed = assessGoodsItem(ctx, item, bases[i] as CustomsBase, commodity);
    if (assessed) items.push(assessed);
  });
  if (problems.length > 0) return null;
  return { date, conversion: ctx.conversion, items, totals: computeTotals(items.map((i) => i.lines)) };
}

/**
 * The customs base of each item in the invoice currency: its invoice amount plus its share of
 * freight and insurance (allocation.ts). Allocation runs over the items that parsed; when some did
 * not, the assessment is rejected anyway.
 */
function customsBases(items: readonly ParsedGoodsItem[], additions: Exact): CustomsBase[] {
  if (additions.units === 0n) {
    return items.map((item) => ({ invoiceText: item.invoiceText, value: item.invoiceAmount, share: null }));
  }
  const shares = allocateByValue(
    additions,
    items.map((item) => item.invoiceAmount),
  );
  return items.map((item, i) => {
    const share = shares[i] as Exact;
    return { invoiceText: item.invoiceText, value: plus(item.invoiceAmount, share), share };
  });
}

/**
 * The customs base of each item when freight or insurance was paid in another currency than the
 * invoice: each addition is converted at its own currency's exchange rate on the day and rounded
 * half-up to øre, and their sum is allocated in whole øre by invoice value (the same largest-remainder
 * rule as allocation.ts, so the shares sum to the NOK total). The item's invoice amount is converted
 * and rounded on its own; its customs value is that plus its share, so every figure in the sentence is
 * whole øre and can be added up by hand.
 */
function customsBasesInNok(
  ctx: GoodsContext,
  items: readonly ParsedGoodsItem[],
  additions: readonly { amount: Exact; currency: string; path: ProblemPath }[],
): CustomsBase[] {
  const refs: ExchangeRateRef[] = ctx.conversion.ref === null ? [] : [ctx.conversion.ref];
  let totalOre = 0n;
  for (const addition of additions) {
    if (addition.amount.units === 0n) continue;
    const conversion = conversionOn(ctx.book, addition.currency, ctx.date, addition.path, ctx.problems);
    totalOre += roundToOre(times(addition.amount, conversion.factor));
    if (conversion.ref !== null && !refs.some((r) => r.id === conversion.ref?.id)) refs.push(conversion.ref);
  }
  const scale = Math.max(0, ...items.map((item) => item.invoiceAmount.scale));
  const shares = allocateScaled(
    totalOre,
    items.map((item) => item.invoiceAmount.units * powerOfTen(scale - item.invoiceAmount.scale)),
  );
  return items.map((item, i) => ({
    invoiceText: item.invoiceText,
    value: item.invoiceAmount,
    share: null,
    nokShare: { units: shares[i] as bigint, scale: 2 },
    exchangeRates: refs,
  }));
}
