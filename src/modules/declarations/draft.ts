import { createHash } from 'node:crypto';
import { Decimal } from '../../shared/decimal.js';
import type { DeclarationDraft, PartyDraft } from './model.js';

export type {
  DeclarationDraft,
  DocumentDraft,
  GoodsItemDraft,
  PackagingDraft,
  PartyDraft,
  VehicleDraft,
} from './model.js';

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
