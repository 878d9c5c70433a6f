import type { Agreement } from './agreement.js';
import type { Principal } from './principal.js';

/** The caller and, for an agency, the agreement in force for this request. */
export interface Access {
  readonly principal: Principal;
  readonly agreement: Agreement | null;
}
