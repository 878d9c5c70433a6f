import { type RiskRuleBooks, riskSelectionHook } from '../modules/control/service.js';
import type { DeclarationLifecycleHook } from '../modules/declarations/model.js';
import { assessmentReleaseHook, paymentsLifecycleHook } from '../modules/payments/service.js';

/**
 * The modules that act on a declaration's life, in the order they run inside its transaction, for
 * hooks that need nothing of the server. Payments books receivables first; collection's release
 * check reads what it booked.
 */
export const LIFECYCLE_HOOKS: readonly DeclarationLifecycleHook[] = [paymentsLifecycleHook, assessmentReleaseHook];

const withSelection = new WeakMap<RiskRuleBooks, readonly DeclarationLifecycleHook[]>();

/**
 * Every hook of a server: those above, then control's selection for control with the server's
 * prepared risk rules (after payments, so a receivable exists whatever the channel).
 */
export function lifecycleHooks(riskRuleBooks: RiskRuleBooks): readonly DeclarationLifecycleHook[] {
  let hooks = withSelection.get(riskRuleBooks);
  if (!hooks) {
    hooks = [...LIFECYCLE_HOOKS, riskSelectionHook(riskRuleBooks)];
    withSelection.set(riskRuleBooks, hooks);
  }
  return hooks;
}
