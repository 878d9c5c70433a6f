import { ConfigError, loadConfig } from '../src/config.js';
import { openForCommand } from '../src/db/commands.js';
import { summariseDatabaseError } from '../src/db/error-summary.js';
import { loadRates, RateFileError, RateLoadError, readRateFileSet } from '../src/modules/rates/service.js';
import { hasNoReferenceData, seedReferenceData } from '../src/seed/seed.js';

/**
 * npm run data:load -- <files...>: loads rates published in the authority's open-data shape into
 * the configured database, all files in one transaction (a bad file loads nothing). Takes the
 * authority's four open-data files as published (customstariffstructure.json, landgruppe.json,
 * medlemsland.json, ratetradeagreements.json; see data/open-data), the development tariff CSV,
 * and JSON files with exchange rates (omregningskurser), duty rates (tollsatser),
 * country groups (landgrupper), VAT, excise and packaging rates and other rules, each recognised by
 * its content. Files that are not rates by design (the reference lists db:seed loads, documents,
 * folders) are skipped with a note, so `data/reference/*` loads as it is. The rates apply from
 * their fomdato to assessments made from the next request on: no restart, no release.
 *
 * Every failure is one line on stderr and exit code 1. The embedded database is refused while the
 * server (or any other process) has it open; see src/db/data-dir-lock.ts.
 */
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('Usage: npm run data:load -- <file.csv|file.json> [...]');
  process.exit(2);
}

function fail(line: string): never {
  console.error(line);
  process.exit(1);
}

let set: Awaited<ReturnType<typeof readRateFileSet>>;
try {
  set = await readRateFileSet(files);
} catch (error) {
  if (!(error instanceof RateFileError)) throw error;
  fail(`${error.message}\ndata:load: nothing was loaded`);
}
for (const { file, reason } of set.skipped) console.log(`${file}: ${reason}; skipped`);
for (const note of set.records.notes ?? []) console.log(note);
if (set.loaded.length === 0) fail('data:load: none of the files holds rates; nothing was loaded');

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  fail(`data:load: configuration error: ${error.message}`);
}
const database = await openForCommand('data:load', config);
let failure: string | undefined;
try {
  await database.migrate();
  // Rates refer to currencies and countries: a database that has never been started needs them first.
  if (config.seedReferenceData && (await hasNoReferenceData(database.db))) {
    await seedReferenceData(database.db);
    console.log('the database had no reference data: loaded the shipped reference data first');
  }
  const summary = await database.db.transaction((tx) => loadRates(tx, set.records));
  for (const [table, rows] of Object.entries(summary)) console.log(`${table}: ${rows} rows loaded`);
} catch (error) {
  failure = `data:load: ${error instanceof RateLoadError ? error.message : summariseDatabaseError(error)}; nothing was loaded`;
} finally {
  await database.close();
}
if (failure) fail(failure);
