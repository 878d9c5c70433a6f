import { createHash } from 'node:crypto';
import { Decimal } from '../../shared/decimal.js';
import type { DeclarationType, TransportMode } from './model.js';

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
  insurance: Decimal;
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

/** The party of the declaration's own type: the importer of an import, the exporter of an export. */
export function partyOf(draft: DeclarationDraft): PartyDraft | null {
  return draft.type === 'IMPORT' ? draft.importer : draft.exporter;
}

export function trimToNull(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

export function upperCode(text: string | null | undefined): string {
  return (text ?? '').trim().toUpperCase();
}

/** Commodity codes are stored as 8 digits; the dotted display form 0406.9099 is accepted. */
export function normaliseCommodityCodeText(text: string): string {
  return text.trim().replace(/[.\s]/g, '');
}

/**
 * The fingerprint of what a declaration says: SHA-256 over a canonical JSON form (sorted keys,
 * decimals in canonical notation), so that "12.5" and "12.50" or a different key order count as
 * the same content. Idempotent replays compare fingerprints.
 */
export function fingerprint(draft: DeclarationDraft): string {
  return createHash('sha256').update(canonicalJson(draft)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Decimal) return JSON.stringify(value.toFixed());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
