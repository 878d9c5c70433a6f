import { loadConfig } from '../src/config.js';
import { openForCommand } from '../src/db/commands.js';
import { verifyChains } from '../src/modules/audit/service.js';

/**
 * Walks the audit trail's and the access log's hash chains and names the first broken row of
 * each: exit code 0 when both hold, 1 when one is broken. Reads only; on PostgreSQL it runs while
 * the server does.
 */
const config = loadConfig();
const database = await openForCommand('audit:verify', config);
let broken = false;
try {
  const started = performance.now();
  for (const report of await verifyChains(database.db)) {
    const unchained = report.unchained > 0 ? `; ${report.unchained} earlier entries predate the chain` : '';
    if (report.broken) {
      broken = true;
      console.error(
        `audit:verify: ${report.chain}: broken at row ${report.broken.seq}: ${report.broken.reason} (${report.verified} rows before it hold)`,
      );
    } else {
      console.log(`audit:verify: ${report.chain}: ${report.verified} rows, the chain holds${unchained}`);
    }
  }
  console.log(`audit:verify: ${((performance.now() - started) / 1000).toFixed(1)} s (${database.kind} database)`);
} finally {
  await database.close();
}
process.exitCode = broken ? 1 : 0;
