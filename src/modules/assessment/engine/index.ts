/**
 * The assessment engine: pure functions from a rate book and an input to an assessment with the
 * basis of every amount, or to the list of problems that prevent it. No database, no clock, no I/O.
 *
 *   const book = prepareRateBook(rateBook);           // plain data (types.ts), once per rate change
 *   const result = assessDeclaration(book, input);    // or assessPrivateImport / assessTraveller
 *   if (!result.ok) return result.problems;            // typed problems with paths, all at once
 *   result.assessment.totals.payable;                  // '1335.45': sums of lines rounded to øre
 *
 * A prepared book is immutable and can be shared by any number of assessments; preparing is the
 * expensive step (it parses and indexes every row), so cache it rather than prepare per request.
 * Files: types.ts (rate book), inputs.ts, results.ts, problems.ts; prepare*.ts build the indexes;
 * one file per rule (customs-value, duty, research-levy, excise, packaging, vehicle, vat) and per
 * flow (declaration, private-import, traveller/); explain.ts builds lines, totals.ts sums them.
 */

export { allocateByValue } from './allocation.js';
export { assessDeclaration } from './declaration.js';
export { ORDINARY_GROUP } from './duty.js';
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
export { InvalidRateBookError, prepareRateBook } from './prepare.js';
export type { PreparedRateBook } from './prepared.js';
export { assessPrivateImport } from './private-import.js';
export type { Problem, ProblemCode, ProblemPath } from './problems.js';
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
export { MAX_ALLOWANCE_ITEMS } from './traveller/allowance.js';
export { assessTraveller } from './traveller/traveller.js';
export type * from './types.js';
