/** Control's tables, gathered for the composition: penalties (control/penalties/). */
export * from './penalties/tables.js';
