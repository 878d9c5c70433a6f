/** Control's public services: penalties (control/penalties/). */
export {
  PENALTY_INPUT_PROBLEM_CODES,
  penaltyRules,
  registerPenaltyRules,
} from './penalties/service.js';
