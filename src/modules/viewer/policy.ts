import { EVERYONE } from '../../auth/audiences.js';
import type { AccessPolicy } from '../../auth/policy.js';

/** Everyone may ask who they are; the fields other modules add to Viewer carry their own rules. */
export const VIEWER_POLICY: AccessPolicy = {
  Query: { fields: { viewer: [EVERYONE] } },
  Viewer: { default: [EVERYONE] },
};
