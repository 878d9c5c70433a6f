import { loadConfig } from '../src/config.js';
import { openConfiguredDatabase } from '../src/db/open-configured.js';
import { loadRates } from '../src/modules/assessment/load.js';
import { RateFileError } from '../src/modules/assessment/open-data.js';
import { readRateFiles } from '../src/modules/assessment/rate-files.js';

/**
 * npm run data:load -- <files...>: loads rates published in the authority's open-data shape into
 * the configured database, all files in one transaction (a bad file loads nothing). Takes the
 * tariff CSV, and JSON files with exchange rates (omregningskurser), duty rates (tollsatser),
 * country groups (landgrupper), VAT, excise and packaging rates and other rules. The rates apply
 * from their fomdato to assessments made from the next request on: no restart, no release.
 */
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('Usage: npm run data:load -- <file.csv|file.json> [...]');
  process.exit(2);
}
let records: Awaited<ReturnType<typeof readRateFiles>>;
try {
  records = await readRateFiles(files);
} catch (error) {
  console.error(error instanceof RateFileError ? error.message : error);
  process.exit(1);
}
const database = await openConfiguredDatabase(loadConfig());
try {
  await database.migrate();
  const summary = await database.db.transaction((tx) => loadRates(tx, records));
  for (const [table, rows] of Object.entries(summary)) console.log(`${table}: ${rows} rows loaded`);
} finally {
  await database.close();
}
