import { AUDITOR, BUSINESS, EVERYONE, OFFICER, officerWith, PRIVATE } from '../../../auth/audiences.js';
import { type AccessPolicy, INTERNAL } from '../../../auth/policy.js';

/** Officers decide penalties with a token for control work. */
const DECIDERS = [officerWith('control:write')];

/**
 * Penalties: the preview of the additional duty is public, like the duty calculator; officers
 * propose and approve; the parties read the approved penalties of their declarations (the row
 * scope keeps the rest from them) and the authority reads all; agencies read none.
 */
export const PENALTIES_POLICY: AccessPolicy = {
  Query: { fields: { previewAdditionalDuty: [EVERYONE], penaltyRules: [EVERYONE], courtFees: [EVERYONE] } },
  // The rules are law and public figures, like the tariff.
  PenaltyRule: { default: [EVERYONE] },
  CourtFee: { default: [EVERYONE] },
  Mutation: { fields: { proposePenalty: DECIDERS, approvePenalty: DECIDERS } },
  Declaration: { fields: { penalties: [BUSINESS, PRIVATE, OFFICER, AUDITOR] } },
  Penalty: {
    default: [BUSINESS, PRIVATE, OFFICER, AUDITOR],
    fields: { proposedBy: INTERNAL, approvedBy: INTERNAL },
  },
  // The calculation carries no personal data and also answers the public preview.
  PenaltyCalculation: { default: [EVERYONE] },
  PenaltyLine: { default: [EVERYONE] },
  ProposePenaltySuccess: { default: DECIDERS },
  ApprovePenaltySuccess: { default: DECIDERS },
  SegregationOfDuties: { default: [EVERYONE] },
  PenaltyBelowThreshold: { default: [EVERYONE] },
};
