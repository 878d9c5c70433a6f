import DataLoader from 'dataloader';
import type { Database } from '../../db/client.js';
import {
  latestAssessments,
  type RiskAssessmentRow,
  type RiskRuleRow,
  type RiskRuleVersionRow,
  rulesByIds,
  versionsOfRules,
} from './risk/repository.js';

/**
 * Risk assessments and rules by id, one statement per page. Callers reach assessments only
 * through a declaration the row scope let them see.
 */
export function createControlLoaders(db: Database) {
  return {
    latestAssessment: new DataLoader<number, RiskAssessmentRow | null>(async (ids) => {
      const rows = new Map((await latestAssessments(db, ids)).map((row) => [row.declarationId, row]));
      return ids.map((id) => rows.get(id) ?? null);
    }),
    rule: new DataLoader<number, RiskRuleRow | null>(async (ids) => {
      const rows = new Map((await rulesByIds(db, ids)).map((row) => [row.id, row]));
      return ids.map((id) => rows.get(id) ?? null);
    }),
    /** Every version of a rule, newest first. */
    ruleVersions: new DataLoader<number, RiskRuleVersionRow[]>(async (ids) => {
      const rows = await versionsOfRules(db, ids);
      return ids.map((id) => rows.filter((row) => row.ruleId === id));
    }),
  };
}

export type ControlLoaders = ReturnType<typeof createControlLoaders>;

/** Control's batch loaders: penalties (control/penalties/). */
export { createPenaltyLoaders } from './penalties/loaders.js';
