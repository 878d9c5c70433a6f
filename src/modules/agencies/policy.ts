import { AUDITOR, agency, EVERYONE, OFFICER, officerWith } from '../../auth/audiences.js';
import { type AccessPolicy, INTERNAL } from '../../auth/policy.js';

/** Every agency with an agreement, whatever it grants. */
const ANY_AGENCY = agency();

/** Agencies and their agreements: the authority reads them; an agency reads its own (Viewer.agreement). */
export const AGENCIES_POLICY: AccessPolicy = {
  Query: { fields: { agencies: INTERNAL, agency: INTERNAL } },
  Mutation: { fields: { recordAgencyAgreement: [officerWith('agreements:write')] } },
  Viewer: { fields: { agreement: [ANY_AGENCY] } },
  Agency: { default: INTERNAL },
  // Public facts about a public body; who reaches it is the rule of the field that names it.
  AgencySummary: { default: [EVERYONE] },
  AgencyAgreement: { default: [OFFICER, AUDITOR, ANY_AGENCY] },
  RecordAgencyAgreementSuccess: { default: [officerWith('agreements:write')] },
};
