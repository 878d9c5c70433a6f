import { AUDITOR, agency, OFFICER } from '../../auth/audiences.js';
import type { AccessPolicy } from '../../auth/policy.js';

/** The declaration item feed: agencies within their agreement, and the authority. */
const FEED_READERS = [OFFICER, AUDITOR, agency('declarations')];

export const FEED_POLICY: AccessPolicy = {
  Query: { fields: { declarationItemFeed: FEED_READERS } },
  DeclarationItemFeedPage: { default: FEED_READERS },
  DeclarationItemEvent: { default: FEED_READERS },
};
