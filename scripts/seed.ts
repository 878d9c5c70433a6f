import { loadConfig } from '../src/config.js';
import { openForCommand } from '../src/db/commands.js';
import { seedDemoData, seedReferenceData } from '../src/seed/seed.js';
import { systemClock } from '../src/shared/clock.js';

/**
 * Loads reference data and demo data into the configured database. Safe to run again. Refused,
 * with the reason in one line, while another process (the server) has the embedded database open.
 */
const config = loadConfig();
const database = await openForCommand('db:seed', config);
try {
  await database.migrate();
  await seedReferenceData(database.db);
  await seedDemoData(database.db, systemClock);
  console.log(`Reference and demo data are in place (${database.kind} database).`);
} finally {
  await database.close();
}
