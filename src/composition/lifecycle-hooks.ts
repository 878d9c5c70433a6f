import type { DeclarationLifecycleHook } from '../modules/declarations/model.js';
import { paymentsLifecycleHook } from '../modules/payments/service.js';

/**
 * The modules that act on a declaration's life, in the order they run inside its transaction.
 * Payments books receivables first; control (selection) adds its hook after it.
 */
export const LIFECYCLE_HOOKS: readonly DeclarationLifecycleHook[] = [paymentsLifecycleHook];
