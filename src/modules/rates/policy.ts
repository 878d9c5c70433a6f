import { EVERYONE } from '../../auth/audiences.js';
import type { AccessPolicy } from '../../auth/policy.js';

/** The tariff, its hierarchy, the reference lists and the rate rows assessments cite are public. */
export const RATES_POLICY: AccessPolicy = {
  Query: {
    fields: {
      commodities: [EVERYONE],
      commodity: [EVERYONE],
      tariffSections: [EVERYONE],
      tariffChapter: [EVERYONE],
      tariffHeading: [EVERYONE],
      countries: [EVERYONE],
      currencies: [EVERYONE],
      customsOffices: [EVERYONE],
      exchangeRate: [EVERYONE],
      exchangeRates: [EVERYONE],
      procedureCodes: [EVERYONE],
      rate: [EVERYONE],
    },
  },
  Commodity: { default: [EVERYONE] },
  CommodityConnection: { default: [EVERYONE] },
  CommodityEdge: { default: [EVERYONE] },
  TariffSection: { default: [EVERYONE] },
  TariffChapter: { default: [EVERYONE] },
  TariffHeading: { default: [EVERYONE] },
  Country: { default: [EVERYONE] },
  Currency: { default: [EVERYONE] },
  CustomsOffice: { default: [EVERYONE] },
  ExchangeRate: { default: [EVERYONE] },
  ProcedureCode: { default: [EVERYONE] },
  DutyRate: { default: [EVERYONE] },
  ResearchLevyRate: { default: [EVERYONE] },
  ExciseRate: { default: [EVERYONE] },
  PackagingRate: { default: [EVERYONE] },
  VatRate: { default: [EVERYONE] },
  RuleRate: { default: [EVERYONE] },
};
