import { readFile } from 'node:fs/promises';
import { LIFECYCLE_HOOKS } from '../src/composition/lifecycle-hooks.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { openForCommand } from '../src/db/commands.js';
import { summariseDatabaseError } from '../src/db/error-summary.js';
import { importBankFile } from '../src/modules/payments/service.js';
import { systemClock } from '../src/shared/clock.js';

/**
 * npm run payments:import -- <camt.054 file>: imports the bank's notification into the configured
 * database in one transaction, as the officers' importBankNotification mutation does. Each KID
 * line pays its receivable; the rest goes to suspense for an officer to allocate. A malformed,
 * unbalanced or already imported file records nothing: one line on stderr with its code and the
 * path of the element, exit code 1.
 */
const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length > 0) {
  console.error('Usage: npm run payments:import -- <camt054.xml>');
  process.exit(2);
}

function fail(line: string): never {
  console.error(line);
  process.exit(1);
}

let text: string;
try {
  text = await readFile(file, 'utf8');
} catch (error) {
  fail(`payments:import: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
}
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  fail(`payments:import: configuration error: ${error.message}`);
}
const database = await openForCommand('payments:import', config);
let failure: string | undefined;
try {
  await database.migrate();
  const outcome = await database.db.transaction((tx) =>
    importBankFile(
      tx,
      { text, importedBy: 'COMMAND', at: new Date() },
      { lifecycleHooks: LIFECYCLE_HOOKS, clock: systemClock },
    ),
  );
  if (outcome.ok) {
    const s = outcome.summary;
    console.log(
      `${file}: message ${s.messageId}: ${s.transactions} transactions, ${s.matched} paid by KID, ` +
        `${s.suspended} to suspense, ${s.skipped} not money in (debits, pending, reversals)`,
    );
  } else {
    const { code, path, message } = outcome.problem;
    failure = `payments:import: ${code} at ${path.join('/') || '(file)'}: ${message}`;
  }
} catch (error) {
  failure = `payments:import: ${summariseDatabaseError(error)}; nothing was imported`;
} finally {
  await database.close();
}
if (failure) fail(failure);
