import { loadConfig } from '../src/config.js';
import { openForCommand } from '../src/db/commands.js';
import { reconcile } from '../src/modules/payments/service.js';

/**
 * Proves the ledger against the configured database (DATABASE_URL, else the embedded one in
 * DATA_DIR): every entry balances, every balance equals its postings, no receivable is below
 * zero, and revenue per duty kind equals the assessed payable amounts in force. Reads one
 * snapshot; prints each check and exits 1 naming what failed.
 */
const config = loadConfig();
const database = await openForCommand('ledger:verify', config);
let ok = false;
try {
  const result = await database.db.transaction((tx) => reconcile(tx, new Date()), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
  ok = result.ok;
  for (const check of result.checks) {
    console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.description}`);
    for (const failure of check.failures) console.log(`       ${failure}`);
  }
  const failed = result.checks.filter((c) => !c.ok).map((c) => c.name);
  console.log(ok ? 'The ledger reconciles.' : `The ledger does not reconcile: ${failed.join(', ')}.`);
} finally {
  await database.close();
}
process.exitCode = ok ? 0 : 1;
