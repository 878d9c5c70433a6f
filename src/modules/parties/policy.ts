import { EVERYONE } from '../../auth/audiences.js';
import type { AccessPolicy } from '../../auth/policy.js';

/** A registered organisation's name and number are public (the register is). */
export const PARTIES_POLICY: AccessPolicy = {
  Organisation: { default: [EVERYONE] },
};
