import type { dataAccessLog } from './tables.js';

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
