import { RATES_VERSION_SQL } from '../rates/service.js';
import { RiskRuleBooks } from './risk/prepared-rules.js';
import { RiskSelection } from './risk/selection.js';

export type { RiskSelection };

/**
 * The control module's entry point for other modules and the composition: the selection of
 * accepted declarations for control (a lifecycle hook), the risk rules officers manage, what
 * controls found (written by the officer's workflow) and the control strategy report.
 */

export { randomDraw } from './risk/evaluate.js';
export { RiskRuleBooks } from './risk/prepared-rules.js';
export { RISK_RULE_PROBLEM_CODES, RISK_RULE_WARNING_CODES } from './risk/rules.js';
export { type ControlStrategyReport, controlStrategyReport, recordControlOutcome } from './risk/strategy.js';

const hooks = new WeakMap<RiskRuleBooks, RiskSelection>();

/** The selection on acceptance, with the prepared rules of one database (one per server). */
export function riskSelectionHook(books: RiskRuleBooks): RiskSelection {
  let hook = hooks.get(books);
  if (!hook) {
    hook = new RiskSelection(books, RATES_VERSION_SQL);
    hooks.set(books, hook);
  }
  return hook;
}

/** A fresh cache of prepared rules, for a server's shared state. */
export function createRiskRuleBooks(): RiskRuleBooks {
  return new RiskRuleBooks();
}

/** Control's public services: penalties (control/penalties/). */
export {
  PENALTY_INPUT_PROBLEM_CODES,
  penaltyRules,
  registerPenaltyRules,
} from './penalties/service.js';
