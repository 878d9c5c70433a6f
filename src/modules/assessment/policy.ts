import { AUDITOR, agency, BUSINESS, EVERYONE, OFFICER, PRIVATE } from '../../auth/audiences.js';
import type { AccessPolicy } from '../../auth/policy.js';

/** Assessed duties and taxes of declarations: partner agencies need the read:assessments grant. */
const ASSESSMENT_READERS = [BUSINESS, PRIVATE, OFFICER, AUDITOR, agency('declarations', 'assessments')];

/**
 * Stored assessments go with the declaration, for those who may read duties; the detail types
 * carry no personal data and also serve the public duty calculator.
 */
export const ASSESSMENT_POLICY: AccessPolicy = {
  Query: { fields: { calculateImportDuties: [EVERYONE], calculateTravellerDuties: [EVERYONE] } },
  Declaration: { fields: { assessment: ASSESSMENT_READERS } },
  DeclarationVersion: { fields: { assessment: ASSESSMENT_READERS } },
  Assessment: { default: ASSESSMENT_READERS },
  AssessmentDifference: { default: ASSESSMENT_READERS },
  ImportDutyCalculation: { default: [EVERYONE] },
  TravellerDutyCalculation: { default: [EVERYONE] },
  TravellerAssessment: { default: [EVERYONE] },
  TravellerItemAssessment: { default: [EVERYONE] },
  ItemAssessment: { default: [EVERYONE] },
  AssessmentLine: { default: [EVERYONE] },
  AssessmentBasis: { default: [EVERYONE] },
  AppliedRate: { default: [EVERYONE] },
  AppliedExchangeRate: { default: [EVERYONE] },
  AssessedQuantity: { default: [EVERYONE] },
  AssessmentTotals: { default: [EVERYONE] },
  AssessmentKindTotal: { default: [EVERYONE] },
  AssessmentProblem: { default: [EVERYONE] },
};
