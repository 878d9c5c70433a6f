import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config, DatabaseTimeouts } from '../config.js';
import { type DatabaseHandle, openDatabase } from './client.js';
import { lockDataDir } from './data-dir-lock.js';

/**
 * The database the configuration names: PostgreSQL at DATABASE_URL, else embedded in DATA_DIR/pgdata.
 * The embedded one is locked for this process until `close()` (see data-dir-lock.ts): a second
 * process that opens it fails at once with DataDirInUseError. The server passes its time limits;
 * maintenance scripts (loads, seeds) run without them.
 */
export async function openConfiguredDatabase(
  config: Config,
  options: { timeouts?: DatabaseTimeouts } = {},
): Promise<DatabaseHandle> {
  if (config.databaseUrl) return openDatabase({ url: config.databaseUrl, timeouts: options.timeouts });
  await mkdir(config.dataDir, { recursive: true });
  const dataDir = path.join(config.dataDir, 'pgdata');
  const lock = await lockDataDir(dataDir);
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({ dataDir });
  } catch (error) {
    await lock.release();
    throw error;
  }
  const close = handle.close.bind(handle);
  // Assigned rather than spread, so the handle keeps whatever else it carries.
  handle.close = async (timeoutMs?: number) => {
    try {
      await close(timeoutMs);
    } finally {
      await lock.release();
    }
  };
  return handle;
}
