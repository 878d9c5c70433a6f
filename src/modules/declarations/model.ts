/**
 * Domain vocabulary of declarations, shared by tables, services and the schema, and the types other
 * modules may use: the draft a declaration is made from, and what declarations need of the
 * assessment.
 */

import type { SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { Decimal } from '../../shared/decimal.js';
import type { InputProblem } from '../../shared/errors.js';

export const DECLARATION_TYPES = ['IMPORT', 'EXPORT'] as const;
export type DeclarationType = (typeof DECLARATION_TYPES)[number];

export const DECLARATION_STATUSES = [
  'SUBMITTED',
  'ACCEPTED',
  'UNDER_CONTROL',
  'DOCUMENTS_REQUESTED',
  'RELEASED',
  'REJECTED',
  'CANCELLED',
  'SEIZED',
] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

/** A declaration can be cancelled by its declarant until the goods are released. */
export const CANCELLABLE_STATUSES: readonly DeclarationStatus[] = [
  'SUBMITTED',
  'ACCEPTED',
  'UNDER_CONTROL',
  'DOCUMENTS_REQUESTED',
];

/** A declaration can be amended until it is final; an amendment after release is a correction. */
export const AMENDABLE_STATUSES: readonly DeclarationStatus[] = [
  'SUBMITTED',
  'ACCEPTED',
  'UNDER_CONTROL',
  'DOCUMENTS_REQUESTED',
  'RELEASED',
];

export const DECLARATION_EVENT_KINDS = [
  'SUBMITTED',
  'ACCEPTED',
  'AMENDED',
  'CANCELLED',
  'SELECTED_FOR_CONTROL',
  'DOCUMENTS_REQUESTED',
  'RELEASED',
  'REJECTED',
  'SEIZED',
  'CONTROL_REQUESTED',
  'HOLD_PLACED',
  'HOLD_RELEASED',
  'AWAITING_PAYMENT',
] as const;
export type DeclarationEventKind = (typeof DECLARATION_EVENT_KINDS)[number];

export const ACTOR_KINDS = ['BUSINESS', 'PRIVATE', 'OFFICER', 'AGENCY', 'SYSTEM'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const TRANSPORT_MODES = [
  'SEA',
  'RAIL',
  'ROAD',
  'AIR',
  'POST',
  'FIXED_INSTALLATION',
  'INLAND_WATERWAY',
  'OWN_PROPULSION',
] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

/** One version of one declaration. */
export interface VersionKey {
  readonly declarationId: number;
  readonly version: number;
}

/** The most goods items one declaration may hold. */
export const MAX_GOODS_ITEMS = 999;

/** Agencies may ask for control or place holds until the goods are released. */
export const OPEN_STATUSES: readonly DeclarationStatus[] = [
  'SUBMITTED',
  'ACCEPTED',
  'UNDER_CONTROL',
  'DOCUMENTS_REQUESTED',
];

/**
 * A declaration as submitted, after light normalisation (trimmed text, upper-case codes, commodity
 * codes without the dot) and before validation. Both submission and amendment produce one.
 */
export interface DeclarationDraft {
  type: DeclarationType;
  clientReference: string;
  procedureCode: string;
  customsOffice: string;
  transportMode: TransportMode;
  dispatchCountry: string;
  destinationCountry: string;
  invoiceCurrency: string;
  invoiceDate: string | null;
  freight: Decimal;
  /** The currency freight was paid in, when not the invoice currency (absent: the invoice currency). */
  freightCurrency?: string;
  insurance: Decimal;
  /** The currency insurance was paid in, when not the invoice currency (absent: the invoice currency). */
  insuranceCurrency?: string;
  /** Importer of an import declaration, exporter of an export declaration. */
  importer: PartyDraft | null;
  exporter: PartyDraft | null;
  representedParty: string | null;
  /** The seller's VOEC number, for a private person's online purchase. */
  voecNumber: string | null;
  goodsItems: GoodsItemDraft[];
}

export interface PartyDraft {
  organisationNumber: string | null;
  nationalIdentityNumber: string | null;
  name: string | null;
  address: string | null;
}

export interface GoodsItemDraft {
  commodityCode: string;
  description: string;
  originCountry: string;
  preferenceClaimed: string | null;
  netMassKg: Decimal;
  supplementaryQuantity: Decimal | null;
  alcoholStrength: Decimal | null;
  invoiceAmount: Decimal;
  documents: DocumentDraft[];
  vehicle: VehicleDraft | null;
  packaging: PackagingDraft | null;
}

/** Decimals as canonical text: these travel to the assessment engine and into storage as they are. */
export interface VehicleDraft {
  firstRegisteredOn: string | null;
  kerbWeightKg: string;
}

export interface PackagingDraft {
  material: 'GLASS_METAL' | 'PLASTIC' | 'CARTON';
  units: string;
  returnPercent: string | null;
}

export interface DocumentDraft {
  code: string;
  reference: string;
  issuedBy: string | null;
  issuedOn: string | null;
}

/**
 * What declarations need of the assessment. A declaration is assessed when it is accepted, in the
 * transaction that accepts it, but the assessment module depends on declarations (it reads their
 * drafts and extends their GraphQL types), never the reverse: so the assessment implements this
 * and the composition hands it to the declaration services in their context.
 */
export interface DeclarationAssessor {
  /** The rates version as a scalar subquery, read with a submission's other reference facts. */
  readonly ratesVersionSql: SQL<number>;
  /** The assessment of a draft received on `receivedOn`; null for what is not assessed (exports). */
  assess(draft: DeclarationDraft, receivedOn: string, facts: DraftFacts): Promise<DraftAssessment | null>;
}

/** What an assessment of a draft needs beside the draft, read with the submission's reference facts. */
export interface DraftFacts {
  readonly ratesVersion: number;
  /** The importer is a business registered for VAT (the VAT is reported, not paid at the border). */
  readonly importerVatRegistered: boolean;
}

/** The outcome of assessing a draft, with what a declaration does with it. */
export interface DraftAssessment {
  /** Problems the declarant must fix (the declaration is refused with them), at their paths under `prefix`. */
  declarantProblems(prefix: readonly (string | number)[]): InputProblem[];
  /**
   * Each goods item's customs value in NOK øre, in the draft's order; null for an item (or every
   * item) the rates could not assess. Control compares unit values with it.
   */
  customsValuesOre(): readonly (bigint | null)[];
  /** Stores the outcome with the version it assesses, in the transaction that accepts the version. */
  store(tx: Executor, declarationId: number, version: number, at: Date): Promise<void>;
  /**
   * `store` as one part of a larger statement: the INSERT of the outcome for the row of
   * `declaration`, a relation of that statement with an `id` column (a CTE inserting the declaration).
   */
  insertFor(declaration: SQL, version: number, at: Date): SQL;
  /**
   * What is payable to customs, per duty kind (the assessment's line kinds: CUSTOMS_DUTY, VAT,
   * EXCISE_ALCOHOL ...), in whole øre, only kinds with an amount: VAT that a VAT-registered
   * importer reports in its return is not in it. Null when the version could not be assessed (an
   * officer assesses it by hand): nothing is known to be payable yet.
   */
  payableByKind(): ReadonlyMap<string, bigint> | null;
}

/**
 * The seam through which other modules act on a declaration's life: payments turns an accepted
 * version's assessment into receivables and says whether payment still holds the goods; control
 * selects the version for a control. Those modules depend on declarations, never the reverse, so
 * they implement this and the composition hands the list to the declaration services in their
 * context. Every call runs inside the transaction that changes the declaration, so a hook's writes
 * commit or roll back with it.
 */
export interface DeclarationLifecycleHook {
  /**
   * A version was accepted and its assessment (if any) stored. At submission the declaration's
   * number is taken after the hooks ran, so a hook keys its rows by `declarationId`. Returns what
   * of this module still holds the goods (empty: nothing).
   */
  versionAccepted(tx: Executor, accepted: AcceptedVersion): Promise<readonly ReleaseBlocker[]>;
  /** The declaration was cancelled before release. */
  declarationCancelled(tx: Executor, cancelled: CancelledDeclaration): Promise<void>;
  /**
   * What of this module holds the goods of the current version now, asked again by the release
   * gate when something changed (money applied, a hold lifted, a control ended): reads, never
   * writes. Required, so that a module whose blocker stands is never released by omission.
   */
  blockersNow(tx: Executor, current: CurrentVersion): Promise<readonly ReleaseBlocker[]>;
}

/** The current version of a declaration as the release gate asks the hooks about it again. */
export interface CurrentVersion {
  readonly declarationId: number;
  readonly version: number;
  readonly type: DeclarationType;
  readonly declarantOrgnr: string;
  readonly partyOrgnr: string | null;
  readonly partyNationalId: string | null;
  readonly representedOrgnr: string | null;
  readonly at: Date;
}

/** A version as the modules acting on acceptance see it. */
export interface AcceptedVersion {
  readonly declarationId: number;
  readonly version: number;
  readonly type: DeclarationType;
  /** The organisation that submitted it (the importer itself, or a broker representing it). */
  readonly declarantOrgnr: string;
  /** The importer or exporter: an organisation or a private person (one of the two is set). */
  readonly partyOrgnr: string | null;
  readonly partyNationalId: string | null;
  /** The represented party under representation, as the draft names it. */
  readonly representedOrgnr: string | null;
  readonly draft: DeclarationDraft;
  /** The assessment stored with the version; null for what is not assessed (exports). */
  readonly assessment: DraftAssessment | null;
  readonly at: Date;
}

export interface CancelledDeclaration {
  readonly declarationId: number;
  readonly version: number;
  readonly at: Date;
}

/** Why the goods of an accepted declaration are not released yet, as a hook reports it. */
export interface ReleaseBlocker {
  /** What holds the goods: payment keeps a declaration ACCEPTED, a control puts it UNDER_CONTROL. */
  readonly kind: 'PAYMENT' | 'CONTROL';
  /** The module's own code for what holds the goods (for example `AWAITING_PAYMENT`). */
  readonly code: string;
  /** A sentence for the status history and the declarant: what must happen before release. */
  readonly explanation: string;
}
