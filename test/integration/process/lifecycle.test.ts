import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';
import { goodsItem, importDeclaration, ORG_A, SUBMIT } from '../../helpers/factories.js';
import { type RunningServer, repositoryRoot, startServerProcess } from '../../helpers/processes.js';

/**
 * The real server process (src/main.ts), on the embedded database in a data directory of its
 * own, or on a fresh PostgreSQL database of the test run: graceful shutdown on SIGTERM, and
 * durability of acknowledged writes across a crash of the server process.
 */
const root = repositoryRoot;
let dataDir: string;
let database: TestDatabase | undefined;

function startMain(): Promise<RunningServer> {
  return startServerProcess({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: database?.url ?? '',
    NODE_ENV: 'development',
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'info',
    // The large submission below must finish, not meet the limits, on a busy machine too
    // (the limits themselves are tested in test/faults and database-faults.test.ts).
    SHUTDOWN_GRACE_MS: '30000',
    REQUEST_TIMEOUT_MS: '60000',
  });
}

async function tokenFor(): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'scripts/token.ts'), '--role', 'business', '--org', ORG_A],
    {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development' },
    },
  );
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += String(chunk);
  });
  await new Promise((resolve) => child.once('exit', resolve));
  return out.trim();
}

async function post(url: string, token: string, query: string, variables: object) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data: { submitDeclaration: { declaration: { number: string } } } },
  };
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(root, '.tmp', 'main-'));
  if (process.env.DATABASE_URL) {
    // The server process brings its own pool; this handle only provides the fresh database.
    database = await createTestDatabase();
    await database.close();
  }
});
afterAll(async () => {
  await database?.destroy();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the server process', () => {
  it('finishes requests in flight on SIGTERM, then exits cleanly', async () => {
    const server = await startMain();
    const token = await tokenFor();
    // A large submission keeps the server busy while the signal arrives.
    const items = Array.from({ length: 600 }, (_, i) => goodsItem({ description: `Line ${i}` }));
    const inFlight = post(server.url, token, SUBMIT, {
      input: importDeclaration({ clientReference: 'SIGTERM-1', goodsItems: items }),
    });
    // Long enough for the request to have reached the server on a busy machine: one that arrives
    // after the signal is refused (SHUTTING_DOWN), which is not what this test is about.
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.body.data.submitDeclaration.declaration.number).toMatch(/^310000000-/);
    expect(await server.exited).toBe(0);
  }, 120_000);

  it('keeps every acknowledged submission across a crash, and replays them after restart', async () => {
    const first = await startMain();
    const token = await tokenFor();
    const references = Array.from({ length: 12 }, (_, i) => `CRASH-${i}`);
    const acknowledged = await Promise.all(
      references.map((reference) =>
        post(first.url, token, SUBMIT, { input: importDeclaration({ clientReference: reference }) }),
      ),
    );
    const numbers = acknowledged.map((r) => r.body.data.submitDeclaration.declaration.number);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startMain();
    try {
      const again = await Promise.all(
        references.map((reference) =>
          post(second.url, token, SUBMIT, { input: importDeclaration({ clientReference: reference }) }),
        ),
      );
      const replayed = again.map(
        (r) => r.body.data.submitDeclaration as unknown as { replayed: boolean; declaration: { number: string } },
      );
      expect(replayed.map((r) => r.declaration.number)).toEqual(numbers);
      expect(replayed.every((r) => r.replayed)).toBe(true);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 180_000);
});
