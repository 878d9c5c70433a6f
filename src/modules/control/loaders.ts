/** Control's batch loaders: penalties (control/penalties/). */
export { createPenaltyLoaders } from './penalties/loaders.js';
