/**
 * The assessment engine: pure functions from a rate book and an input to an assessment with the
 * basis of every amount, or to the list of problems that prevent it. No database, no clock, no I/O.
 *
 *   const book = prepareRateBook(rateBook);           // plain data (types.ts), once per rates version
 *   const result = assessDeclaration(book, input);    // or assessPrivateImport / assessTraveller
 *   if (!result.ok) return result.problems;            // typed problems with paths, all at once
 *   result.assessment.totals.payable;                  // '1335.45': sums of lines rounded to øre
 *
 * Every amount is exact from parse to result: whole øre and decimals on integers (shared/money.ts),
 * rounded half-up to øre once per line. A prepared book is immutable and shared by any number of
 * assessments; preparing parses and indexes every row, so the platform keeps one per rates version.
 *
 * Files: types.ts (the rate book), inputs.ts, results.ts, problems.ts; rate-book/ prepares the book
 * (commodities and their duty and levy rates, traveller and vehicle rules); one file per rule
 * (customs-value, customs-duty, research-levy, excise, packaging, registration-tax, vat, voec,
 * traveller/value-allowance, traveller/alcohol-quota, traveller/tobacco-quota, traveller/beyond-quota);
 * consignment.ts is the flow business imports (declaration.ts) and private imports (private-import.ts)
 * share; explain.ts builds lines, totals.ts sums them.
 */

export { allocateByValue } from './allocation.js';
export { ORDINARY_GROUP } from './customs-duty.js';
export { assessDeclaration } from './declaration.js';
export type {
  DeclarationInput,
  GoodsItemInput,
  PackagingInput,
  PrivateImportInput,
  TravellerAlcoholInput,
  TravellerGoodsInput,
  TravellerInput,
  TravellerTobaccoInput,
  VehicleInput,
} from './inputs.js';
export { assessPrivateImport } from './private-import.js';
export { ENGINE_PROBLEM_CODES, type Problem, type ProblemCode, type ProblemPath } from './problems.js';
export { InvalidRateBookError, prepareRateBook } from './rate-book/index.js';
export type { PreparedRateBook } from './rate-book/prepared-book.js';
export type {
  AssessmentLine,
  AssessmentResult,
  Basis,
  DeclarationAssessment,
  ExchangeRateRef,
  ItemAssessment,
  KindTotal,
  LineKind,
  PrivateImportAssessment,
  Quantity,
  RateRef,
  RateTable,
  RuleCode,
  Totals,
  TravellerAssessment,
  TravellerItemAssessment,
  TravellerSection,
} from './results.js';
export { assessTraveller } from './traveller/traveller.js';
export { MAX_ALLOWANCE_ITEMS } from './traveller/value-allowance.js';
export type * from './types.js';
