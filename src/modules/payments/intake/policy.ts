import { OFFICER } from '../../../auth/audiences.js';
import type { AccessPolicy } from '../../../auth/policy.js';

/** Bank files are the authority's own business: officers import them, nobody else sees the result. */
export const PAYMENT_INTAKE_POLICY: AccessPolicy = {
  Mutation: { fields: { importBankNotification: [OFFICER] } },
  ImportBankNotificationSuccess: { default: [OFFICER] },
};
