import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { importDeclaration, ORG_A, SUBMIT } from '../../helpers/factories.js';

/**
 * The request deadline, a client that leaves, and a database that is gone, on whichever database
 * the suite runs on: each answers with a code of ours and a request id (never driver text), and a
 * request given up rolls its transaction back instead of committing behind the answer.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let app: TestApp | undefined;

afterEach(async () => {
  await app?.close().catch(() => {});
  app = undefined;
});

function capturingLogger(lines: string[]) {
  return pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
}

/**
 * Holds an exclusive lock on the declarations table until released (on the embedded database,
 * whose one connection runs one transaction at a time, any open transaction does the same).
 */
function lockDeclarations(testApp: TestApp): { release(): void; done: Promise<void> } {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const done = testApp.db.db.transaction(async (tx) => {
    await tx.execute(sql`lock table declarations in access exclusive mode`);
    await released;
  });
  return { release: () => release(), done };
}

async function storedCount(testApp: TestApp, reference: string): Promise<number> {
  const rows = await testApp.db.db.execute(
    sql`select count(*)::int as n from declarations where declarant_orgnr = ${ORG_A} and client_reference = ${reference}`,
  );
  const list = Array.isArray(rows) ? rows : (rows as { rows: { n: number }[] }).rows;
  return Number((list[0] as { n: number }).n);
}

async function post(testApp: TestApp, token: string, body: object, signal?: AbortSignal) {
  return fetch(`${testApp.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

describe('a request that runs past REQUEST_TIMEOUT_MS', () => {
  it('is answered 504 TIMEOUT on time, and its submission is rolled back', async () => {
    app = await startTestApp({ env: { REQUEST_TIMEOUT_MS: '300' } });
    const token = await app.token({ role: 'business', organisationNumber: ORG_A });
    const lock = lockDeclarations(app);
    await sleep(50);
    const started = performance.now();
    const response = await post(app, token, {
      query: SUBMIT,
      variables: { input: importDeclaration({ clientReference: 'DEADLINE-1' }) },
    });
    const elapsed = performance.now() - started;
    const text = await response.text();
    lock.release();
    expect(response.status).toBe(504);
    expect(response.headers.get('content-type')).toContain('application/graphql-response+json');
    // The deadline plus what a busy machine adds; the lock itself is held until the answer came.
    expect(elapsed).toBeLessThan(300 + 1_500);
    const body = JSON.parse(text) as { data?: unknown; errors: { extensions: Record<string, unknown> }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]?.extensions.code).toBe('TIMEOUT');
    expect(body.errors[0]?.extensions.requestId).toBe(response.headers.get('x-request-id'));
    await lock.done;
    // The submission went on once the lock was released; it must have rolled back, not committed.
    await sleep(1_000);
    expect(await storedCount(app, 'DEADLINE-1')).toBe(0);
  });
});

describe('a request whose client goes away', () => {
  it('is logged with outcome client-gone, and its submission is rolled back', async () => {
    const lines: string[] = [];
    app = await startTestApp({ log: capturingLogger(lines), env: { REQUEST_TIMEOUT_MS: '10000' } });
    const token = await app.token({ role: 'business', organisationNumber: ORG_A });
    const lock = lockDeclarations(app);
    await sleep(50);
    await expect(
      post(
        app,
        token,
        { query: SUBMIT, variables: { input: importDeclaration({ clientReference: 'GONE-1' }) } },
        AbortSignal.timeout(500),
      ),
    ).rejects.toThrow();
    const logged = () => lines.some((line) => line.includes('"outcome":"client-gone"'));
    for (let waited = 0; !logged() && waited < 5_000; waited += 50) await sleep(50);
    lock.release();
    await lock.done;
    await sleep(1_000);
    const gone = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.outcome);
    expect(gone).toMatchObject([{ outcome: 'client-gone', method: 'POST', path: '/graphql' }]);
    expect(await storedCount(app, 'GONE-1')).toBe(0);
  });
});

describe('a database that is gone', () => {
  it('answers 503 DATABASE_UNAVAILABLE with a request id and no driver text', async () => {
    app = await startTestApp();
    await app.db.close();
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ countries { code } }' }),
    });
    const text = await response.text();
    expect(response.status).toBe(503);
    const body = JSON.parse(text) as {
      data?: unknown;
      errors: { message: string; extensions: Record<string, unknown> }[];
    };
    expect(body.data).toBeUndefined();
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['DATABASE_UNAVAILABLE']);
    expect(body.errors[0]?.extensions.requestId).toBe(response.headers.get('x-request-id'));
    expect(text).not.toMatch(/PGlite|CONNECTION_|ECONN|select|\bat \w/i);
  });
});
