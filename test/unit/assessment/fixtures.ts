import {
  type AssessmentLine,
  type AssessmentResult,
  type DeclarationInput,
  type GoodsItemInput,
  type LineKind,
  type PreparedRateBook,
  type Problem,
  prepareRateBook,
  type RateBook,
  type TravellerInput,
} from '../../../src/modules/assessment/engine/index.js';
import { seedRateBook } from './seed-book.js';

/** Builders of inputs and helpers to read results; the rate book itself is in seed-book.ts. */

export { band, seedBook, seedRateBook } from './seed-book.js';

export function goodsItem(overrides: Partial<GoodsItemInput> = {}): GoodsItemInput {
  return {
    itemNumber: 1,
    commodityCode: '61102000',
    originCountry: 'CN',
    preferenceClaimed: null,
    netMassKg: '1',
    supplementaryQuantity: '10',
    alcoholStrength: null,
    invoiceAmount: '1000',
    ...overrides,
  };
}

export function declaration(overrides: Partial<DeclarationInput> = {}): DeclarationInput {
  return {
    kind: 'IMPORT',
    invoiceCurrency: 'NOK',
    freight: '0',
    insurance: '0',
    receivedOn: '2025-03-01',
    importerVatRegistered: false,
    items: [goodsItem()],
    ...overrides,
  };
}

export function traveller(overrides: Partial<TravellerInput> = {}): TravellerInput {
  return {
    kind: 'TRAVELLER',
    arrivedOn: '2025-03-01',
    awayOver24Hours: true,
    age: 30,
    goods: [],
    alcohol: [],
    tobacco: [],
    ...overrides,
  };
}

/** The assessment of an ok result; fails the test with the problems otherwise. */
export function ok<T>(result: AssessmentResult<T>): T {
  if (!result.ok) throw new Error(`expected an assessment, got problems: ${JSON.stringify(result.problems)}`);
  return result.assessment;
}

/** The problems of a failed result; fails the test if it was assessed. */
export function problemsOf<T>(result: AssessmentResult<T>): readonly Problem[] {
  if (result.ok) throw new Error('expected problems, got an assessment');
  return result.problems;
}

/** Line amounts of one item by kind (the first line of each kind). */
export function amounts(item: { lines: readonly AssessmentLine[] }): Partial<Record<LineKind, string>> {
  const out: Partial<Record<LineKind, string>> = {};
  for (const line of item.lines) out[line.kind] ??= line.amount;
  return out;
}

export function lineOf(item: { lines: readonly AssessmentLine[] }, kind: LineKind): AssessmentLine {
  const line = item.lines.find((l) => l.kind === kind);
  if (!line) throw new Error(`no ${kind} line in ${JSON.stringify(item.lines.map((l) => l.kind))}`);
  return line;
}

/** A prepared book from the seed with some tables changed. */
export function bookWith(change: (book: RateBook) => RateBook): PreparedRateBook {
  return prepareRateBook(change(seedRateBook()));
}
