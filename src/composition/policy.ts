import { type AccessPolicy, mergePolicies, PLATFORM_POLICY } from '../auth/policy.js';
import { AGENCIES_POLICY } from '../modules/agencies/policy.js';
import { ASSESSMENT_POLICY } from '../modules/assessment/policy.js';
import { AUDIT_POLICY } from '../modules/audit/policy.js';
import { CONTROL_POLICY, PENALTIES_POLICY } from '../modules/control/policy.js';
import { DECLARATIONS_POLICY } from '../modules/declarations/policy.js';
import { FEED_POLICY } from '../modules/feed/policy.js';
import { LEDGER_POLICY } from '../modules/ledger/policy.js';
import { MANDATES_POLICY } from '../modules/mandates/policy.js';
import { PARTIES_POLICY } from '../modules/parties/policy.js';
import { PAYMENT_INTAKE_POLICY } from '../modules/payments/intake/policy.js';
import { PAYMENTS_POLICY } from '../modules/payments/policy.js';
import { RATES_POLICY } from '../modules/rates/policy.js';
import { STATISTICS_POLICY } from '../modules/statistics/policy.js';
import { VIEWER_POLICY } from '../modules/viewer/policy.js';

/**
 * The one access policy: every module's fragment, merged (a rule written twice is refused at
 * start-up). It generates the field guards (auth/enforce.ts) and the access matrix.
 */
export const ACCESS_POLICY: AccessPolicy = mergePolicies([
  PLATFORM_POLICY,
  RATES_POLICY,
  PARTIES_POLICY,
  VIEWER_POLICY,
  DECLARATIONS_POLICY,
  ASSESSMENT_POLICY,
  FEED_POLICY,
  STATISTICS_POLICY,
  AGENCIES_POLICY,
  MANDATES_POLICY,
  AUDIT_POLICY,
  PENALTIES_POLICY,
  PAYMENT_INTAKE_POLICY,
  CONTROL_POLICY,
  LEDGER_POLICY,
  PAYMENTS_POLICY,
]);
