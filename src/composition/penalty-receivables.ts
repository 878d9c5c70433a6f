import type { PenaltyReceivables } from '../modules/control/model.js';

/**
 * How an approved penalty becomes a receivable of the liable party. Payments owns receivables;
 * until it implements control's PenaltyReceivables port this is null, and an approved penalty is
 * stored with no receivable (Penalty.receivableId null). Wire payments' implementation here.
 */
export const PENALTY_RECEIVABLES: PenaltyReceivables | null = null;
