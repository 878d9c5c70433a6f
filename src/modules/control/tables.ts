/** The control module's tables: risk rules and assessments (risk/), and the outcome of controls. */
export * from './risk/tables.js';
