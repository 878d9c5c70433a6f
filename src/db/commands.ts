import type { Config } from '../config.js';
import type { DatabaseHandle } from './client.js';
import { DataDirInUseError } from './data-dir-lock.js';
import { openConfiguredDatabase } from './open-configured.js';

/** What to do when a command finds the embedded database open in another process, usually the server. */
const WHILE_SERVING =
  'Stop the server, run the command, then start the server again; on PostgreSQL (DATABASE_URL) commands run while the server does.';

/**
 * Opens the configured database for a command line script (data:load, db:seed, db:migrate). The
 * embedded database that another process holds ends the command with one line saying who holds it
 * and what to do, and exit code 1; nothing is written.
 */
export async function openForCommand(command: string, config: Config): Promise<DatabaseHandle> {
  try {
    return await openConfiguredDatabase(config);
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    console.error(`${command}: ${error.message} ${WHILE_SERVING}`);
    process.exit(1);
  }
}
