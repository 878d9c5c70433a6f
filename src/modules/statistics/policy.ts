import { AUDITOR, agency, OFFICER } from '../../auth/audiences.js';
import type { AccessPolicy } from '../../auth/policy.js';

/** Aggregates without personal data. */
const STATISTICS_READERS = [OFFICER, AUDITOR, agency('statistics')];

export const STATISTICS_POLICY: AccessPolicy = {
  Query: { fields: { tradeStatistics: STATISTICS_READERS } },
  TradeStatisticsCell: { default: STATISTICS_READERS },
};
