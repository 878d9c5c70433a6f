import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import type { VersionKey } from '../declarations/model.js';
import { assessments } from './tables.js';

export type AssessmentRow = typeof assessments.$inferSelect;

/** Stored assessments of many declaration versions, in one prepared statement. */
export function findAssessments(db: Database, keys: readonly VersionKey[]): Promise<AssessmentRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  const query = prepared(db, 'assessments.byVersions', () =>
    db
      .select()
      .from(assessments)
      .where(
        sql`(${assessments.declarationId}, ${assessments.version}) in
          (select * from unnest(${sql.placeholder('declarationIds')}::bigint[], ${sql.placeholder('versions')}::int[]))`,
      )
      .prepare('assessments_by_versions'),
  );
  return query.execute({ declarationIds: keys.map((k) => k.declarationId), versions: keys.map((k) => k.version) });
}
