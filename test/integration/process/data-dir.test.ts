import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';
import {
  type Finished,
  type RunningServer,
  repositoryRoot,
  runTsx,
  startServerProcess,
} from '../../helpers/processes.js';

/**
 * The real processes around one data directory: the server (src/main.ts) and the commands that
 * write to its database (data:load, db:seed, db:migrate). On the embedded database one process at
 * a time may open the folder, and the others say so at once; on PostgreSQL the commands work while
 * the server runs.
 */
const root = repositoryRoot;
const onPostgres = Boolean(process.env.DATABASE_URL);
let dataDir: string;
let files: string;
let database: TestDatabase | undefined;

/** Runs a TypeScript entry point (src/main.ts or a script) to its end. */
function run(entry: string, args: string[] = []): Promise<Finished> {
  return runTsx([path.join(root, entry), ...args], env());
}

function startMain(): Promise<RunningServer> {
  return startServerProcess(env());
}

function env(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: database?.url ?? '',
    NODE_ENV: 'development',
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'info',
  };
}

async function stop(server: RunningServer, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  server.child.kill(signal);
  await server.exited;
}

/** The exchange rate the server answers for USD on a day of 2031, which only the test's file holds. */
async function usdRate2031(server: RunningServer): Promise<string | null> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ exchangeRate(currency: "USD", date: "2031-03-01") { rate } }' }),
  });
  const body = (await response.json()) as { data: { exchangeRate: { rate: string } | null } };
  return body.data.exchangeRate?.rate ?? null;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(root, '.tmp', 'data-dir-'));
  files = await mkdtemp(path.join(root, '.tmp', 'data-dir-files-'));
  await writeFile(
    path.join(files, 'usd-2031.json'),
    JSON.stringify({
      omregningskurser: [
        { valutakode: 'USD', fomdato: '2031-01-01', tomdato: '2031-12-31', valutakurs: '12,34', omregningsenhet: 1 },
      ],
    }),
  );
  if (onPostgres) {
    // The processes bring their own pools; this handle only provides the fresh database.
    database = await createTestDatabase();
    await database.close();
  }
});
afterAll(async () => {
  await database?.destroy();
  await rm(dataDir, { recursive: true, force: true });
  await rm(files, { recursive: true, force: true });
});

describe('one process per data directory', () => {
  it('refuses a second opener while the server runs, and loads once the server has stopped', async () => {
    const rateFile = path.join(files, 'usd-2031.json');
    const server = await startMain();
    const pid = server.child.pid as number;
    const folder = path.join(dataDir, 'pgdata');
    try {
      expect(await usdRate2031(server)).toBeNull();
      const load = await run('scripts/data-load.ts', [rateFile]);
      if (onPostgres) {
        // PostgreSQL serves many processes: the load goes in directly and the server sees it at once.
        expect(load.stderr).toBe('');
        expect(load.code).toBe(0);
        expect(await usdRate2031(server)).toBe('12.34');
      } else {
        expect(load.code).toBe(1);
        expect(load.stdout).not.toMatch(/rows loaded/);
        expect(load.stderr.trim().split('\n')).toHaveLength(1);
        expect(load.stderr).toContain(`The embedded database in ${folder} is in use by process ${pid}`);
        expect(load.stderr).toMatch(/stop the server/i);
        expect(await usdRate2031(server)).toBeNull();

        for (const script of ['scripts/seed.ts', 'scripts/migrate.ts']) {
          const refused = await run(script);
          expect(refused.code, script).toBe(1);
          expect(refused.stderr, script).toContain(`in use by process ${pid}`);
        }

        // A second server stops at once instead of opening the folder behind the first one's back.
        const second = await run('src/main.ts');
        expect(second.code).toBe(1);
        expect(second.stderr).toContain(`The embedded database in ${folder} is in use by process ${pid}`);
        expect(second.stdout).not.toMatch(/listens on/);
        expect(await usdRate2031(server)).toBeNull();
      }
    } finally {
      await stop(server);
    }

    // The server released the folder on its way out: the same load now goes in, and stays.
    const load = await run('scripts/data-load.ts', [rateFile]);
    expect(load.stderr).toBe('');
    expect(load.code).toBe(0);
    expect(load.stdout).toMatch(/exchange_rates: 1 rows loaded/);
    expect((await readdir(dataDir)).filter((name) => name.endsWith('.lock'))).toEqual([]);
    const again = await startMain();
    try {
      expect(await usdRate2031(again)).toBe('12.34');
    } finally {
      await stop(again);
    }
  }, 300_000);

  it('does not stay locked after the server is killed', async () => {
    const server = await startMain();
    await stop(server, 'SIGKILL');
    const load = await run('scripts/data-load.ts', [path.join(files, 'usd-2031.json')]);
    expect(load.stderr).toBe('');
    expect(load.code).toBe(0);
    expect(load.stdout).toMatch(/exchange_rates: 1 rows loaded/);
  }, 180_000);
});
