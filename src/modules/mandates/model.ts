/** Domain vocabulary of representation mandates, shared by tables, services and the schema. */

/**
 * Direct representation: the representative declares in the name and on behalf of the grantor,
 * who alone owes the duties. Indirect: in the representative's own name on behalf of the grantor,
 * and the representative is liable for the duties together with the grantor.
 */
export const MANDATE_KINDS = ['DIRECT', 'INDIRECT'] as const;
export type MandateKind = (typeof MANDATE_KINDS)[number];

/** Who granted a mandate: a business by organisation number, or a private person by national identity number. */
export type Grantor =
  | { readonly organisationNumber: string; readonly nationalIdentityNumber?: undefined }
  | { readonly nationalIdentityNumber: string; readonly organisationNumber?: undefined };

/** A mandate as other modules see it. */
export interface Mandate {
  readonly id: number;
  readonly grantorOrgnr: string | null;
  /** Personal data: never logged, never echoed in an error. */
  readonly grantorNationalId: string | null;
  readonly representativeOrgnr: string;
  readonly kind: MandateKind;
  readonly validFrom: string;
  readonly validTo: string | null;
  /** When it was recorded: it represents nothing before then, whatever its first day. */
  readonly grantedAt: Date;
  readonly revokedAt: Date | null;
}
