/** A partner agency as the reference list names it, with the terms of its first agreement. */
export interface AgencyRegistration {
  readonly code: string;
  readonly name: string;
  readonly englishName: string;
  /** What the agency is charged with, in a sentence. */
  readonly mandate: string;
  readonly grants: readonly string[];
  readonly chapters: readonly string[];
  readonly personalData: boolean;
}
