import { EVERYONE } from '../../auth/audiences.js';
import type { AccessPolicy } from '../../auth/policy.js';

/** The tariff is public. */
export const TARIFF_POLICY: AccessPolicy = {
  Query: { fields: { commodities: [EVERYONE], commodity: [EVERYONE] } },
  Commodity: { default: [EVERYONE] },
  CommodityConnection: { default: [EVERYONE] },
  CommodityEdge: { default: [EVERYONE] },
};
