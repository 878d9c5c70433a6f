/** The control module's tables: risk rules and assessments (risk/), and the outcome of controls. */

/** Control's tables, gathered for the composition: penalties (control/penalties/). */
export * from './penalties/tables.js';
export * from './risk/tables.js';
