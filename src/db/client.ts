import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import type { PgAsyncDatabase } from 'drizzle-orm/pg-core/async/db';
import type { PgQueryResultHKT } from 'drizzle-orm/pg-core/session';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { DatabaseTimeouts } from '../config.js';
import { migrationsFolder } from './paths.js';
import { type StatementListener, statementCountingLogger } from './statement-counter.js';
import { postgresTimeoutOptions, probePostgres, sessionTimeouts, sharedProbe } from './timeouts.js';

/**
 * The database as every repository sees it, whichever driver is behind it. It knows no module's
 * tables: repositories query their own tables with explicit joins and batch loaders, so the
 * client needs no relations over every module (drizzle-kit reads the tables from
 * src/composition/tables.ts).
 */
export type Database = PgAsyncDatabase<PgQueryResultHKT>;

/** A transaction handle; repositories accept either, so callers decide what is atomic. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: 'embedded' | 'postgres';
  /** Answers when the database can run a statement; used by the readiness probe. */
  ping(): Promise<void>;
  /** Applies the migrations that have not run yet; safe when several instances start at once. */
  migrate(): Promise<void>;
  /** Embedded only: a gzipped tarball of the data directory, loadable with `loadDataDir`. */
  dumpDataDir?(): Promise<Blob>;
  /** Waits up to `timeoutMs` (default 5 s) for running queries, then closes. */
  close(timeoutMs?: number): Promise<void>;
}

/** Arbitrary but fixed key of the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK_KEY = 7_240_911;

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string. Without it the embedded database is used. */
  url?: string | undefined;
  /** Folder of the embedded database; in memory when absent. */
  dataDir?: string | undefined;
  /** A dump of an embedded data directory to start from (tests start from a migrated dump). */
  loadDataDir?: Blob | File | undefined;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
  /** Time limits for every PostgreSQL connection (the server passes its configured ones). */
  timeouts?: DatabaseTimeouts | undefined;
  onStatement?: StatementListener;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const logger = statementCountingLogger(options.onStatement);
  if (options.url) {
    const url = options.url;
    const client = postgres(url, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      ...postgresTimeoutOptions(options.timeouts),
      // Numeric and bigint stay exact strings; Drizzle maps the columns declared as numbers.
      connection: { application_name: 'tollgate', ...sessionTimeouts(options.timeouts) },
    });
    const db = drizzlePostgres({ client, logger }) as unknown as Database;
    return {
      db,
      kind: 'postgres',
      ping: sharedProbe(() => probePostgres(url)),
      migrate: () => migratePostgresWithLock(options.url as string),
      close: (timeoutMs = 5_000) => client.end({ timeout: timeoutMs / 1000 }),
    };
  }
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    // The tariff search's trigram index (migration tariff_search_trigrams) needs it.
    extensions: { pg_trgm },
  });
  const db = drizzlePglite({ client, logger }) as unknown as Database;
  return {
    db,
    kind: 'embedded',
    ping: async () => {
      await client.query('select 1');
    },
    migrate: async () => {
      await migratePglite(drizzlePglite({ client }), { migrationsFolder: migrationsFolder() });
    },
    dumpDataDir: () => client.dumpDataDir('gzip'),
    close: () => client.close(),
  };
}

/**
 * Migrations through a connection of their own that holds a session advisory lock, so that two
 * instances starting together do not both apply the same migration.
 */
async function migratePostgresWithLock(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder: migrationsFolder() });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** Rows of a raw `db.execute()`, which the two drivers shape differently. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}

export { sql };
