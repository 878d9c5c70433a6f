// Compiles src/ and scripts/ to dist/ (tsconfig.build.json) when a source file or a build setting
// is newer than the last build, so `npm start` and the operational commands always run the code
// that is checked out, and cost nothing extra when it is already built. Plain JavaScript: it runs
// before anything is compiled. Everything it prints goes to stderr, so `$(npm run -s token ...)`
// captures only the token.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.tsbuildinfo');

function newestIn(target) {
  const info = statSync(target, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.isDirectory() || entry.name.endsWith('.ts')) {
      newest = Math.max(newest, newestIn(path.join(target, entry.name)));
    }
  }
  return newest;
}

const inputs = ['src', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (inputs.some((input) => newestIn(path.join(root, input)) > built)) {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    console.error(
      'dist/ is missing or older than the sources, and TypeScript is not installed to build it: run npm install.',
    );
    process.exit(1);
  }
  console.error('Building dist/ (tsc -p tsconfig.build.json) ...');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // An incremental build that finds nothing to emit leaves its stamp as it was; mark it current.
  const now = new Date();
  utimesSync(stamp, now, now);
}
