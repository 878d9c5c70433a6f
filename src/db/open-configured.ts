import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { type DatabaseHandle, openDatabase } from './client.js';

/** The database the configuration names: PostgreSQL at DATABASE_URL, else embedded in DATA_DIR/pgdata. */
export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  if (config.databaseUrl) return openDatabase({ url: config.databaseUrl });
  await mkdir(config.dataDir, { recursive: true });
  return openDatabase({ dataDir: path.join(config.dataDir, 'pgdata') });
}
