import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.js';
import { adminUrlFor, databaseUrlWithName } from './pg-urls.js';

export interface TestDatabase extends DatabaseHandle {
  /** Connection string, on PostgreSQL; undefined for the embedded database. */
  readonly url: string | undefined;
  /** Every SQL statement run since the last `clearStatements()`, for N+1 tests. */
  readonly statements: string[];
  clearStatements(): void;
  /** Closes and, on PostgreSQL, drops the database. */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database with reference data, owned by the calling test file: a copy of the
 * run's template. Nothing a test writes is seen by another file or a later run.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const setup = inject('database');
  const statements: string[] = [];
  const onStatement = (sql: string) => {
    statements.push(sql);
  };
  if (setup.kind === 'embedded') {
    const loadDataDir = new Blob([await readFile(setup.template)]);
    const handle = await openDatabase({ loadDataDir, onStatement });
    return withHelpers(handle, statements, undefined, () => handle.close());
  }
  const name = `tollgate_test_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ url: adminUrlFor(setup.url), poolSize: 1 });
  try {
    await admin.db.execute(`create database "${name}" template "${setup.template}"`);
  } finally {
    await admin.close();
  }
  const url = databaseUrlWithName(setup.url, name);
  const handle = await openDatabase({ url, onStatement, poolSize: 10 });
  return withHelpers(handle, statements, url, async () => {
    await handle.close();
    const cleanup = await openDatabase({ url: adminUrlFor(setup.url), poolSize: 1 });
    try {
      await cleanup.db.execute(`drop database if exists "${name}" with (force)`);
    } finally {
      await cleanup.close();
    }
  });
}

function withHelpers(
  handle: DatabaseHandle,
  statements: string[],
  url: string | undefined,
  destroy: () => Promise<void>,
): TestDatabase {
  return Object.assign(Object.create(null) as object, handle, {
    url,
    statements,
    clearStatements: () => {
      statements.length = 0;
    },
    destroy,
  }) as TestDatabase;
}
