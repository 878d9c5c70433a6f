/** Control's fragments of the access policy: penalties (control/penalties/). */
export { PENALTIES_POLICY } from './penalties/policy.js';
