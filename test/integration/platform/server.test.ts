import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { grantMandate, importDeclaration, PERSON, SUBMIT } from '../../helpers/factories.js';

let app: TestApp;
const logLines: string[] = [];

beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  app = await startTestApp({
    log: pino({ level: 'info' }, stream),
    env: { MAX_QUERY_DEPTH: '6', MAX_QUERY_ALIASES: '3' },
  });
});
afterAll(() => app.close());

describe('the HTTP server', () => {
  it('answers health and readiness', async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });

  it('serves the playground and its assets from its own origin', async () => {
    const page = await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('GraphiQL');
    const scripts = [...html.matchAll(/src="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const src of scripts) {
      expect(src.startsWith('/')).toBe(true);
      const asset = await fetch(`${app.url}${src}`);
      expect(asset.status).toBe(200);
    }
  });

  it('serves the schema as SDL and metrics for Prometheus', async () => {
    const sdl = await (await fetch(`${app.url}/graphql/schema.graphql`)).text();
    expect(sdl).toContain('type Declaration implements DeclarationContent & Node');
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain('tollgate_http_request_duration_seconds');
  });

  it("always answers its own request id, and echoes the client's sane one as the correlation id", async () => {
    const given = await fetch(`${app.url}/healthz`, { headers: { 'x-request-id': 'erp-42.abc' } });
    expect(given.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(given.headers.get('x-correlation-id')).toBe('erp-42.abc');
    const labelled = await fetch(`${app.url}/healthz`, { headers: { 'x-correlation-id': 'trace:7f-01' } });
    expect(labelled.headers.get('x-correlation-id')).toBe('trace:7f-01');
    for (const bad of ['bad id with spaces', 'x'.repeat(129), '<script>', '']) {
      const made = await fetch(`${app.url}/healthz`, { headers: { 'x-correlation-id': bad } });
      expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(made.headers.get('x-correlation-id')).toBeNull();
    }
  });

  it('answers malformed JSON with 400 and no parser internals', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toMatch(/SyntaxError|at JSON|node_modules/);
  });

  it('refuses queries deeper or with more aliases than the limits', async () => {
    const deep = await app.graphql(
      `{ declarations { edges { node { versions { goodsItems { invoiceAmount { currency } } } } } } }`,
    );
    expect(deep.body.errors?.[0]?.extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      reason: 'QUERY_TOO_DEEP',
    });
    const aliases = await app.graphql(
      `{ a: viewer { role } b: viewer { role } c: viewer { role } d: viewer { role } }`,
    );
    expect(aliases.body.errors?.[0]?.extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      reason: 'TOO_MANY_ALIASES',
    });
  });

  it('masks unexpected errors: no stack trace, no SQL, a request id to quote', async () => {
    const token = await app.token({ role: 'business', organisationNumber: '310000000' });
    // Break the database under the server: the next query fails inside the driver.
    await app.db.db.execute('alter table declarations rename to declarations_hidden');
    try {
      const { body } = await app.graphql(`{ declarations(first: 1) { edges { node { number } } } }`, {}, token);
      const text = JSON.stringify(body);
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'INTERNAL_SERVER_ERROR',
        requestId: expect.any(String),
      });
      expect(text).not.toMatch(/declarations_hidden|relation|select|stack|\.ts:/i);
    } finally {
      await app.db.db.execute('alter table declarations_hidden rename to declarations');
    }
  });

  it('logs one JSON line per request with the request id, never a token or national identity number', async () => {
    const token = await app.token({ role: 'business', organisationNumber: '310000051' });
    const personToken = await app.token({ role: 'private', nationalIdentityNumber: PERSON });
    await grantMandate(app, personToken, '310000051');
    const submitted = await app.graphql(
      SUBMIT,
      { input: importDeclaration({ importer: { nationalIdentityNumber: PERSON } }) },
      token,
    );
    expect(submitted.body.data.submitDeclaration.__typename).toBe('SubmitDeclarationSuccess');
    await app.graphql(`{ viewer { role } }`, {}, personToken);
    const all = logLines.join('');
    expect(all).not.toContain(PERSON);
    expect(all).not.toContain(token);
    expect(all).not.toContain(personToken);
    const requestLines = logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request' && l.path === '/graphql');
    expect(requestLines.length).toBeGreaterThan(0);
    expect(requestLines.at(-1)).toMatchObject({
      requestId: expect.any(String),
      status: 200,
      principal: { role: 'private' },
    });
  });

  it("logs the server's request id and the client's correlation id apart", async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'erp-run-77' },
      body: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    const requestId = response.headers.get('x-request-id');
    const line = logLines
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === 'request' && l.path === '/graphql' && l.requestId === requestId);
    expect(line).toMatchObject({ requestId, correlationId: 'erp-run-77' });
    expect(requestId).not.toBe('erp-run-77');
  });
});
