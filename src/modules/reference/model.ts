import type { countries, currencies, customsOffices, procedureCodes } from './tables.js';

export type Country = typeof countries.$inferInsert;
export type Currency = typeof currencies.$inferInsert;
export type CustomsOffice = typeof customsOffices.$inferInsert;
export type ProcedureCode = typeof procedureCodes.$inferSelect;

/** The reference lists a new database is seeded with. */
export interface ReferenceLists {
  readonly countries: readonly Country[];
  readonly currencies: readonly Currency[];
  readonly customsOffices: readonly CustomsOffice[];
  readonly procedureCodes: readonly ProcedureCode[];
}
