/** The engine's result types, for the platform's GraphQL layer. */
export type {
  AssessmentLine,
  Basis,
  ExchangeRateRef,
  ItemAssessment,
  LineKind,
  Problem,
  RateRef,
  RateTable,
  RuleCode,
  Totals,
  TravellerAssessment,
  TravellerItemAssessment,
} from './engine/index.js';
export type { GoodsAssessment } from './service.js';
