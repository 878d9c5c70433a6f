/**
 * Every table, for drizzle-kit and the typed client. Tables live in their domain modules; this
 * file only gathers them.
 */

export * from '../modules/agencies/tables.js';
export * from '../modules/assessment/tables.js';
export * from '../modules/audit/tables.js';
export * from '../modules/control/tables.js';
export * from '../modules/declarations/tables.js';
export * from '../modules/feed/tables.js';
export * from '../modules/ledger/tables.js';
export * from '../modules/mandates/tables.js';
export * from '../modules/parties/tables.js';
export * from '../modules/payments/tables.js';
export * from '../modules/rates/tables.js';
