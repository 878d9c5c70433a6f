import { asc } from 'drizzle-orm';
import { auditTrail } from '../../../src/modules/audit/tables.js';
import type { TestApp } from '../../helpers/app.js';

export type TrailRow = typeof auditTrail.$inferSelect;

/** The whole audit trail of a test database, in chain order. */
export function trailRows(app: TestApp): Promise<TrailRow[]> {
  return app.db.db.select().from(auditTrail).orderBy(asc(auditTrail.seq));
}

/** The trail rows written since `after` (a seq), in chain order. */
export async function trailSince(app: TestApp, after: number): Promise<TrailRow[]> {
  return (await trailRows(app)).filter((row) => row.seq > after);
}

export async function lastSeq(app: TestApp): Promise<number> {
  return (await trailRows(app)).at(-1)?.seq ?? 0;
}
