import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackAddress } from '../../../src/http/demo-tokens-access.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ demoTokens: true });
});
afterAll(() => app.close());

function directives(policy: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (policy ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function expectBaseHeaders(headers: Headers): void {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(directives(headers.get('content-security-policy')).get('frame-ancestors')).toEqual(["'none'"]);
}

describe('security headers', () => {
  it('gives the playground page a policy that allows only its own scripts and styles', async () => {
    for (const path of ['/graphql', '/graphql?foo=bar']) {
      const response = await fetch(`${app.url}${path}`, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      expectBaseHeaders(response.headers);
      const html = await response.text();
      const policy = directives(response.headers.get('content-security-policy'));
      expect(policy.get('default-src')).toEqual(["'none'"]);
      const scripts = policy.get('script-src') ?? [];
      const styles = policy.get('style-src') ?? [];
      for (const sources of [scripts, styles]) {
        expect(sources).toContain("'self'");
        expect(sources.join(' ')).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
      }
      // Each inline block runs only because its hash is named; nothing else inline can run.
      const inlineScripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
      const inlineStyles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');
      expect(inlineScripts.length).toBeGreaterThan(0);
      for (const script of inlineScripts) expect(scripts).toContain(sha256(script));
      for (const style of inlineStyles) expect(styles).toContain(sha256(style));
      expect(html).not.toMatch(/\sstyle="/);
      expect(policy.get('connect-src')).toEqual(["'self'"]);
      expect(policy.get('base-uri')).toEqual(["'none'"]);
    }
  });

  it('sends nosniff, no referrer and no framing on every other response', async () => {
    for (const path of ['/playground/assets/graphiql.min.js', '/healthz', '/nowhere', '/graphql/schema.graphql']) {
      const response = await fetch(`${app.url}${path}`);
      expectBaseHeaders(response.headers);
      expect(directives(response.headers.get('content-security-policy')).get('default-src')).toEqual(["'none'"]);
    }
    const api = await app.graphql('{ viewer { role } }');
    expectBaseHeaders(api.headers);
  });
});

describe('demo tokens of the playground', () => {
  it('are served to a client on this machine', async () => {
    const response = await fetch(`${app.url}/playground/tokens`);
    expect(response.status).toBe(200);
    const tokens = (await response.json()) as { label: string; token: string }[];
    expect(tokens.some((t) => t.label.startsWith('customs officer'))).toBe(true);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('are refused to a client a proxy forwards from elsewhere', async () => {
    const forwarded: Record<string, string>[] = [
      { 'x-forwarded-for': '203.0.113.7' },
      { forwarded: 'for=203.0.113.7' },
    ];
    for (const headers of forwarded) {
      const response = await fetch(`${app.url}/playground/tokens`, { headers });
      expect(response.status).toBe(403);
      const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors[0]?.extensions).toEqual({
        code: 'FORBIDDEN',
        requestId: response.headers.get('x-request-id'),
      });
      expect(body.errors[0]?.message).toMatch(/PLAYGROUND_TOKENS=any/);
    }
  });

  it('are refused to a page of another site that reached this machine by DNS rebinding', async () => {
    const { port } = new URL(app.url);
    const attempts: Record<string, string>[] = [
      { host: `rebound.example:${port}` },
      { host: `localhost:${port}`, 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of attempts) {
      const answer = await rawGet(Number(port), '/playground/tokens', headers);
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('FORBIDDEN');
    }
    const local = await rawGet(Number(port), '/playground/tokens', { host: `localhost:${port}` });
    expect(local.status).toBe(200);
  });

  it('are served to anyone with PLAYGROUND_TOKENS=any, and to no one with off', async () => {
    const open = await startTestApp({ demoTokens: true, env: { PLAYGROUND_TOKENS: 'any' } });
    const closed = await startTestApp({ demoTokens: true, env: { PLAYGROUND_TOKENS: 'off' } });
    try {
      const forwarded = await fetch(`${open.url}/playground/tokens`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
      expect(forwarded.status).toBe(200);
      expect((await fetch(`${closed.url}/playground/tokens`)).status).toBe(404);
      const page = await (await fetch(`${closed.url}/graphql`, { headers: { accept: 'text/html' } })).text();
      expect(page).toContain('const demoTokens = false');
    } finally {
      await open.close();
      await closed.close();
    }
  });

  it('tells loopback addresses from all others', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      expect(isLoopbackAddress(address)).toBe(true);
    }
    for (const address of ['192.0.2.2', '::ffff:192.0.2.2', 'fd00::2', '0.0.0.0', '::', '128.0.0.1', undefined]) {
      expect(isLoopbackAddress(address)).toBe(false);
    }
  });
});

/** A GET with exactly the headers given, Host included, which fetch would not let us set. */
function rawGet(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
