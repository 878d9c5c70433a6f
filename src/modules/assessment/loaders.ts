import DataLoader from 'dataloader';
import type { Database } from '../../db/client.js';
import type { VersionKey } from '../declarations/model.js';
import { type AssessmentRow, findAssessments } from './repository.js';

const key = (k: VersionKey) => `${k.declarationId}:${k.version}`;

/** Assessments by declaration version; callers reach versions only through a scoped declaration. */
export function createAssessmentLoaders(db: Database) {
  return {
    byVersion: new DataLoader<VersionKey, AssessmentRow | null, string>(
      async (keys) => {
        const rows = new Map((await findAssessments(db, keys)).map((row) => [key(row), row]));
        return keys.map((k) => rows.get(key(k)) ?? null);
      },
      { cacheKeyFn: key },
    ),
  };
}
