import { and, desc, eq, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { KeysetPageRequest } from '../../shared/pagination.js';
import type { AccessLogEntry, AccessLogFilter } from './model.js';
import { dataAccessLog } from './tables.js';

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
