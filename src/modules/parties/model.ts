/** A business known to the authority, from the register of legal entities. */
export interface Organisation {
  readonly organisationNumber: string;
  readonly name: string;
  /** Registered for VAT: the VAT of its imports is reported, not paid at the border. */
  readonly vatRegistered: boolean;
  readonly address: string | null;
}
