import type { Executor } from '../../db/client.js';
import type { KeysetPageRequest } from '../../shared/pagination.js';
import { declarationNumbers } from '../declarations/service.js';
import type { AccessLogFilter, AccessLogRow, TrailEntry, TrailFilter } from './model.js';
import { findAccessLogEntries, findTrailEntries } from './repository.js';

export { PersonalDataReads } from './personal-data-reads.js';
export { MutationAudit } from './trail.js';
export { type ChainReport, verifyChain, verifyChains } from './verify.js';

/**
 * A keyset page of the access log, newest first. The declaration numbers come from declarations
 * in a second statement (the log only keeps the id); every entry cites an existing declaration,
 * since declarations are never deleted.
 */
export async function findAccessLog(
  db: Executor,
  filter: AccessLogFilter,
  page: KeysetPageRequest,
): Promise<AccessLogRow[]> {
  const entries = await findAccessLogEntries(db, filter, page);
  const numbers = await declarationNumbers(
    db,
    entries.map((entry) => entry.declarationId),
  );
  return entries.flatMap((entry) => {
    const declarationNumber = numbers.get(entry.declarationId);
    return declarationNumber === undefined ? [] : [{ ...entry, declarationNumber }];
  });
}

/** A keyset page of the audit trail, newest first. Auditors only: the policy lets nobody else ask. */
export function findTrail(db: Executor, filter: TrailFilter, page: KeysetPageRequest): Promise<TrailEntry[]> {
  return findTrailEntries(db, filter, page);
}
