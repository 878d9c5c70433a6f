import { AUDITOR, agency, BUSINESS, OFFICER, officerWith, PRIVATE } from '../../auth/audiences.js';
import { type AccessPolicy, INTERNAL } from '../../auth/policy.js';

/** Officers who manage the risk rules: the token is issued for control work. */
const RULE_MANAGERS = [officerWith('control:write')];
/** Who sees a declaration's channel: its parties (row scope), the authority, an agency that asked for a control. */
const CONTROL_READERS = [BUSINESS, PRIVATE, OFFICER, AUDITOR, agency('declarations', 'requestControl')];

/**
 * Control: the declarant sees the channel and the documents asked of it; the rules, their inputs
 * and the score are the authority's (officers and auditors). Rules are managed by officers with
 * the control:write scope.
 */
export const CONTROL_POLICY: AccessPolicy = {
  Query: { fields: { riskRules: INTERNAL, riskRule: INTERNAL, controlStrategyReport: INTERNAL } },
  Mutation: { fields: { createRiskRule: RULE_MANAGERS, changeRiskRule: RULE_MANAGERS, retireRiskRule: RULE_MANAGERS } },
  Declaration: { fields: { control: CONTROL_READERS, riskAssessment: INTERNAL } },
  DeclarationControl: { default: CONTROL_READERS },
  RequestedDocument: { default: CONTROL_READERS },
  RiskAssessment: { default: INTERNAL },
  FiredRiskRule: { default: INTERNAL },
  RiskInput: { default: INTERNAL },
  RiskRule: { default: INTERNAL },
  RiskRuleVersion: { default: INTERNAL },
  RestrictedGoodsParameters: { default: INTERNAL },
  CountryRouteParameters: { default: INTERNAL },
  LowUnitValueParameters: { default: INTERNAL },
  NewImporterParameters: { default: INTERNAL },
  MissingDocumentParameters: { default: INTERNAL },
  RandomSelectionParameters: { default: INTERNAL },
  RiskRuleWarning: { default: RULE_MANAGERS },
  CreateRiskRuleSuccess: { default: RULE_MANAGERS },
  ChangeRiskRuleSuccess: { default: RULE_MANAGERS },
  RetireRiskRuleSuccess: { default: RULE_MANAGERS },
  ControlStrategyReport: { default: INTERNAL },
  ControlStrategyRuleRow: { default: INTERNAL },
  ControlStrategyChannelRow: { default: INTERNAL },
  ControlStrategySampleRow: { default: INTERNAL },
};

/** Control's fragments of the access policy: penalties (control/penalties/). */
export { PENALTIES_POLICY } from './penalties/policy.js';
