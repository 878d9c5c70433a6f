import type { DeclarationLifecycleHook } from '../modules/declarations/model.js';
import { assessmentReleaseHook, paymentsLifecycleHook } from '../modules/payments/service.js';

/**
 * The modules that act on a declaration's life, in the order they run inside its transaction.
 * Payments books receivables first; collection's release check reads what it booked; control
 * (selection) adds its hook after them.
 */
export const LIFECYCLE_HOOKS: readonly DeclarationLifecycleHook[] = [paymentsLifecycleHook, assessmentReleaseHook];
