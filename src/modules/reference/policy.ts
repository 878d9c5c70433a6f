import { EVERYONE } from '../../auth/audiences.js';
import type { AccessPolicy } from '../../auth/policy.js';

/** Reference data is public. */
export const REFERENCE_POLICY: AccessPolicy = {
  Query: {
    fields: {
      countries: [EVERYONE],
      currencies: [EVERYONE],
      customsOffices: [EVERYONE],
      exchangeRate: [EVERYONE],
      exchangeRates: [EVERYONE],
      procedureCodes: [EVERYONE],
    },
  },
  Country: { default: [EVERYONE] },
  Currency: { default: [EVERYONE] },
  CustomsOffice: { default: [EVERYONE] },
  ExchangeRate: { default: [EVERYONE] },
  ProcedureCode: { default: [EVERYONE] },
};
