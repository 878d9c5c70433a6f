import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { lockDataDir } from '../../src/db/data-dir-lock.js';

/**
 * A process that takes the lock of a data directory and keeps it until it is killed, for the tests
 * of data-dir-lock.ts. With a second argument it waits for that file to appear first, so that
 * several of them can be started and then set off together.
 */
const [dir, go] = process.argv.slice(2);
if (!dir) throw new Error('usage: hold-data-dir-lock.ts <dir> [go-file]');
console.log('ready');
if (go) while (!existsSync(go)) await sleep(1);
try {
  await lockDataDir(dir);
  console.log('locked');
} catch (error) {
  console.log(`refused: ${(error as Error).message}`);
  process.exit(3);
}
setInterval(() => {}, 60_000);
