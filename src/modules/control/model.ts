/** Control's public types: penalties (control/penalties/). */
export * from './penalties/model.js';
