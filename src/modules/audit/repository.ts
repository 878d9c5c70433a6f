import { and, asc, desc, eq, gt, gte, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { KeysetPageRequest } from '../../shared/pagination.js';
import type { AccessLogEntry, AccessLogFilter, TrailEntry, TrailFilter } from './model.js';
import { auditTrail, dataAccessLog } from './tables.js';

/** A keyset page of the access log, newest first. */
export function findAccessLogEntries(
  db: Executor,
  filter: AccessLogFilter,
  page: KeysetPageRequest,
): Promise<AccessLogEntry[]> {
  const conditions: (SQL | undefined)[] = [
    filter.subjectNationalId ? eq(dataAccessLog.subjectNationalId, filter.subjectNationalId) : undefined,
    filter.agencyCode ? eq(dataAccessLog.agencyCode, filter.agencyCode) : undefined,
    filter.from ? gte(dataAccessLog.occurredAt, filter.from) : undefined,
    filter.to ? lte(dataAccessLog.occurredAt, filter.to) : undefined,
    page.after ? lt(dataAccessLog.id, page.after[0] as number) : undefined,
    page.before ? sql`${dataAccessLog.id} > ${page.before[0] as number}` : undefined,
  ];
  return db
    .select({
      id: dataAccessLog.id,
      occurredAt: dataAccessLog.occurredAt,
      agencyCode: dataAccessLog.agencyCode,
      agreementId: dataAccessLog.agreementId,
      subject: dataAccessLog.subject,
      requestId: dataAccessLog.requestId,
      correlationId: dataAccessLog.correlationId,
      declarationId: dataAccessLog.declarationId,
      subjectNationalId: dataAccessLog.subjectNationalId,
      fields: dataAccessLog.fields,
    })
    .from(dataAccessLog)
    .where(and(...conditions))
    .orderBy(page.inverted ? sql`${dataAccessLog.id} asc` : desc(dataAccessLog.id))
    .limit(page.limit);
}

/**
 * A keyset page of the audit trail, newest first (by place in the chain). The entity and
 * declaration conditions are jsonb containment on `changes`, which its GIN index answers.
 */
export function findTrailEntries(db: Executor, filter: TrailFilter, page: KeysetPageRequest): Promise<TrailEntry[]> {
  const entity = filter.entity;
  const declaration = filter.declarationId;
  const conditions: (SQL | undefined)[] = [
    filter.from ? gte(auditTrail.occurredAt, filter.from) : undefined,
    filter.to ? lte(auditTrail.occurredAt, filter.to) : undefined,
    filter.principalKind ? eq(auditTrail.principalKind, filter.principalKind) : undefined,
    filter.principalId ? eq(auditTrail.principalId, filter.principalId) : undefined,
    filter.mutation ? eq(auditTrail.mutation, filter.mutation) : undefined,
    entity
      ? or(
          // A row's key is stored as its column's JSON: a number for ids, a string for codes.
          ...(/^\d{1,15}$/.test(entity.id) ? [Number(entity.id), entity.id] : [entity.id]).map(
            (id) => sql`${auditTrail.changes} @> ${JSON.stringify([{ table: entity.table, ids: [id] }])}::jsonb`,
          ),
        )
      : undefined,
    declaration === undefined
      ? undefined
      : or(
          sql`${auditTrail.changes} @> ${JSON.stringify([{ table: 'declarations', ids: [declaration] }])}::jsonb`,
          sql`${auditTrail.changes} @> ${JSON.stringify([{ key: 'declaration_id', ids: [declaration] }])}::jsonb`,
        ),
    page.after ? lt(auditTrail.seq, page.after[0] as number) : undefined,
    page.before ? gt(auditTrail.seq, page.before[0] as number) : undefined,
  ];
  return db
    .select()
    .from(auditTrail)
    .where(and(...conditions))
    .orderBy(page.inverted ? asc(auditTrail.seq) : desc(auditTrail.seq))
    .limit(page.limit);
}
