import { loadConfig } from '../src/config.js';
import { openConfiguredDatabase } from '../src/db/open-configured.js';

/** Applies pending migrations to the configured database (DATABASE_URL, else the embedded one). */
const config = loadConfig();
const database = await openConfiguredDatabase(config);
try {
  await database.migrate();
  console.log(`Migrations applied (${database.kind} database).`);
} finally {
  await database.close();
}
