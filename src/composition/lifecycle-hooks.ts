import type { DeclarationLifecycleHook } from '../modules/declarations/model.js';

/**
 * The modules that act on a declaration's life, in the order they run inside its transaction.
 * Payments (receivables) and control (selection) add their hooks here; none is registered yet.
 */
export const LIFECYCLE_HOOKS: readonly DeclarationLifecycleHook[] = [];
