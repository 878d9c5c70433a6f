import type { auditTrail, dataAccessLog } from './tables.js';

/** A read of personal data by a partner agency, as the access log keeps it. */
export type AccessLogEntry = Omit<typeof dataAccessLog.$inferSelect, 'chainSeq' | 'prevHash' | 'hash'>;

/** An entry of the access log with the number of the declaration it read. */
export type AccessLogRow = AccessLogEntry & { declarationNumber: string };

/** Which entries of the access log to read. */
export interface AccessLogFilter {
  subjectNationalId?: string | undefined;
  agencyCode?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** A row of the audit trail as it is stored. */
export type TrailEntry = typeof auditTrail.$inferSelect;

/** What a transaction wrote to one table in one statement, as the table's trigger noted it. */
export interface TrailChange {
  readonly table: string;
  readonly op: 'INSERT' | 'UPDATE' | 'DELETE';
  /** The column the ids are of: the table's own id, or the declaration its rows belong to. */
  readonly key: string;
  readonly ids: readonly (number | string)[];
}

/** Which rows of the audit trail to read; every condition given must hold. */
export interface TrailFilter {
  from?: Date | undefined;
  to?: Date | undefined;
  principalKind?: string | undefined;
  principalId?: string | undefined;
  mutation?: string | undefined;
  /** Rows that wrote this row of this table (by its id column). */
  entity?: { readonly table: string; readonly id: string } | undefined;
  /** Rows that wrote the declaration with this id or any row of it (versions, items, events, holds ...). */
  declarationId?: number | undefined;
}
