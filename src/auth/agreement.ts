/**
 * An agency's data-sharing agreement as the access rules use it: what it grants, over which
 * goods. Loaded from the database on each agency request, so a change applies at once.
 */
export interface Agreement {
  readonly id: number;
  readonly agencyCode: string;
  readonly grants: ReadonlySet<string>;
  /** HS chapters whose goods the agency may see; what an empty list means is `agreementGoods`' (goods-scope.ts). */
  readonly chapters: readonly string[];
  readonly procedures: readonly string[] | null;
  readonly originCountries: readonly string[] | null;
  readonly personalData: boolean;
  readonly validFrom: string;
  readonly validTo: string | null;
}

/**
 * What an agency may do, as the access policy names it. Each capability follows from grants in
 * the agreement; grants not listed here (read:payments, read:cases ...) wait for the capabilities
 * that will use them.
 */
export const AGENCY_CAPABILITIES = {
  declarations:
    'read border data: declarations with goods in its chapters (or all), and only those goods; export declarations only with read:exports',
  personalData: 'see personal data (identity numbers, names and addresses of private persons) in what it reads',
  assessments: 'read assessed duties and taxes',
  statistics: 'read aggregated trade statistics without personal data',
  requestControl: 'ask the authority to control a declaration',
  placeHold: 'place a hold that stops release until an officer lifts it',
} as const;
export type AgencyCapability = keyof typeof AGENCY_CAPABILITIES;

export const READ_ALL_DECLARATIONS = 'read:declarations:all';
export const READ_DECLARATIONS_IN_CHAPTERS = 'read:declarations:chapters';
/** Without it an agency sees import declarations only: in lookups, lists, the item feed and statistics. */
export const READ_EXPORTS = 'read:exports';

/** Whether an agency's agreement reaches export declarations (row scope, feed and statistics all ask this). */
export function readsExports(agreement: Agreement | null): boolean {
  return agreement?.grants.has(READ_EXPORTS) ?? false;
}

export function capabilitiesOf(agreement: Agreement | null): ReadonlySet<AgencyCapability> {
  const capabilities = new Set<AgencyCapability>();
  if (!agreement) return capabilities;
  const grants = agreement.grants;
  const reads = grants.has(READ_ALL_DECLARATIONS) || grants.has(READ_DECLARATIONS_IN_CHAPTERS);
  if (reads) capabilities.add('declarations');
  if (reads && agreement.personalData) capabilities.add('personalData');
  if (grants.has('read:assessments')) capabilities.add('assessments');
  if (grants.has('read:statistics')) capabilities.add('statistics');
  if (grants.has('request:control')) capabilities.add('requestControl');
  if (grants.has('place:hold')) capabilities.add('placeHold');
  return capabilities;
}
