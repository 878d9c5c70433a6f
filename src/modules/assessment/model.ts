/** The assessment's result types, for its GraphQL layer and for other modules. */
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
