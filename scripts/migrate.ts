import { loadConfig } from '../src/config.js';
import { openForCommand } from '../src/db/commands.js';

/**
 * Applies pending migrations to the configured database (DATABASE_URL, else the embedded one).
 * Refused, with the reason in one line, while another process has the embedded database open.
 */
const config = loadConfig();
const database = await openForCommand('db:migrate', config);
try {
  await database.migrate();
  console.log(`Migrations applied (${database.kind} database).`);
} finally {
  await database.close();
}
