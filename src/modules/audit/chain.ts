import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/canonical-json.js';
import type { auditTrail, dataAccessLog } from './tables.js';

/**
 * The hash chains of the audit module. Each row's hash is SHA-256 over the previous row's hash
 * (32 bytes; 32 zero bytes before the first row) followed by the UTF-8 bytes of the row's
 * canonical content (src/shared/canonical-json.ts). The content is rebuilt from the stored
 * columns, so a changed column, a removed or inserted row, or rows put in another order all
 * break the chain at the first row concerned.
 */
export const CHAINS = ['audit_trail', 'data_access_log'] as const;
export type ChainName = (typeof CHAINS)[number];

export const GENESIS_HASH: Buffer = Buffer.alloc(32);

export function chainHash(prevHash: Buffer, canonicalContent: string): Buffer {
  return createHash('sha256').update(prevHash).update(canonicalContent, 'utf8').digest();
}

/** Who made a change, as the trail keeps it: never a national identity number. */
export interface AuditedPrincipal {
  readonly kind: string;
  readonly id: string;
  readonly subject: string | null;
}

type TrailColumns = Pick<
  typeof auditTrail.$inferSelect,
  'occurredAt' | 'requestId' | 'principalKind' | 'principalId' | 'subject' | 'mutation' | 'input' | 'changes'
>;

/**
 * The canonical content of an audit trail row: every column but its place and its hashes, as
 * `canonicalJson` of `{ at, changes, input, mutation, principal: { id, kind, subject }, requestId }`
 * writes it. Built as a string, key by key in sorted order, since a verifier builds it for every row.
 */
export function trailContent(row: TrailColumns): string {
  const { before, after } = trailContentAround(row);
  return before + canonicalChanges(row.changes) + after;
}

/** A change as the triggers note it: exactly these four members, written in this order. */
const CHANGE_KEYS = 'ids,key,op,table';

/**
 * `canonicalJson(changes)`, faster for the shape the triggers write; anything else (a member more
 * or less, a value of another type) goes the general way, so a tampered value is hashed as it is.
 */
function canonicalChanges(changes: unknown): string {
  if (!Array.isArray(changes)) return canonicalJson(changes);
  let text = '[';
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i] as Record<string, unknown> | null;
    const plain =
      change !== null &&
      typeof change === 'object' &&
      Object.keys(change).sort().join(',') === CHANGE_KEYS &&
      Array.isArray(change.ids) &&
      typeof change.key === 'string' &&
      typeof change.op === 'string' &&
      typeof change.table === 'string';
    const written = plain
      ? `{"ids":${canonicalJson(change.ids)},"key":${JSON.stringify(change.key)},"op":${JSON.stringify(change.op)},"table":${JSON.stringify(change.table)}}`
      : canonicalJson(change);
    text += (i === 0 ? '' : ',') + written;
  }
  return `${text}]`;
}

/**
 * The canonical content of a trail row around its `changes`, which only the database knows when
 * the row is written (the tables' triggers note them in the transaction): the row's content is
 * `before + changes + after`, the same text `trailContent` builds from the stored row.
 */
export function trailContentAround(row: Omit<TrailColumns, 'changes'>): { before: string; after: string } {
  // Keys in sorted order: at, changes, input, mutation, principal (id, kind, subject), requestId.
  const principal = `{"id":${JSON.stringify(row.principalId)},"kind":${JSON.stringify(row.principalKind)},"subject":${canonicalJson(row.subject)}}`;
  return {
    before: `{"at":${canonicalJson(row.occurredAt)},"changes":`,
    after: `,"input":${canonicalJson(row.input)},"mutation":${JSON.stringify(row.mutation)},"principal":${principal},"requestId":${JSON.stringify(row.requestId)}}`,
  };
}

type AccessLogColumns = Omit<typeof dataAccessLog.$inferSelect, 'id' | 'chainSeq' | 'prevHash' | 'hash'>;

/** The canonical content of an access log entry: every column but its id, its place and its hashes. */
export function accessLogContent(row: AccessLogColumns): string {
  return canonicalJson({
    agencyCode: row.agencyCode,
    agreementId: row.agreementId,
    at: row.occurredAt,
    correlationId: row.correlationId,
    declarationId: row.declarationId,
    fields: row.fields,
    requestId: row.requestId,
    subject: row.subject,
    subjectNationalId: row.subjectNationalId,
  });
}
