import type { Access } from '../auth/access.js';
import type { Database } from '../db/client.js';
import { createAgencyLoaders } from '../modules/agencies/loaders.js';
import { createAssessmentLoaders } from '../modules/assessment/loaders.js';
import { createControlLoaders, createPenaltyLoaders } from '../modules/control/loaders.js';
import { createDeclarationLoaders } from '../modules/declarations/loaders.js';
import { createMandateLoaders } from '../modules/mandates/loaders.js';
import { createPartyLoaders } from '../modules/parties/loaders.js';
import { createPaymentLoaders } from '../modules/payments/loaders.js';
import { createRatesLoaders } from '../modules/rates/loaders.js';

/** Every batch loader of a request, created together so none is created lazily by a resolver. */
export function createLoaders(db: Database, access: Access) {
  return {
    agencies: createAgencyLoaders(db),
    declarations: createDeclarationLoaders(db, access),
    parties: createPartyLoaders(db),
    assessments: createAssessmentLoaders(db),
    mandates: createMandateLoaders(db, access),
    payments: createPaymentLoaders(db, access),
    rates: createRatesLoaders(db),
    penalties: createPenaltyLoaders(db, access),
    control: createControlLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
