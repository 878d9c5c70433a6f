import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

async function send(path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${app.url}${path}`, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Every error the server answers is JSON with a code and the request id of its X-Request-Id header. */
function expectCodedErrors(answer: Answer, code: string): void {
  expect(answer.headers.get('content-type') ?? '').toMatch(/json/);
  const body = JSON.parse(answer.text) as { errors?: { extensions?: Record<string, unknown> }[] };
  expect(body.errors?.length).toBeGreaterThan(0);
  for (const error of body.errors ?? []) {
    expect(error.extensions).toMatchObject({ code, requestId: answer.headers.get('x-request-id') });
  }
  expect(answer.text).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d|select |stacktrace/i);
}

const QUERY = JSON.stringify({ query: '{ viewer { role } }' });

describe('every error shape carries a code and the request id', () => {
  it('the CSRF prevention block (a simple GET request without a preflight header)', async () => {
    const answer = await send('/graphql?query=%7B__typename%7D', { headers: { 'content-type': 'text/plain' } });
    expect(answer.status).toBe(400);
    expectCodedErrors(answer, 'BAD_REQUEST');
  });

  it('a refused batch', async () => {
    const answer = await send('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `[${QUERY},${QUERY}]`,
    });
    expect(answer.status).toBe(400);
    expectCodedErrors(answer, 'BAD_REQUEST');
  });

  it('a method other than GET and POST (405)', async () => {
    const answer = await send('/graphql', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: QUERY,
    });
    expect(answer.status).toBe(405);
    expectCodedErrors(answer, 'METHOD_NOT_ALLOWED');
  });

  it('a mutation over GET (405)', async () => {
    const query = encodeURIComponent('mutation { __typename }');
    const answer = await send(`/graphql?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(answer.status).toBe(405);
    expectCodedErrors(answer, 'METHOD_NOT_ALLOWED');
  });

  it('a body that is not JSON (415)', async () => {
    const answer = await send('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/xml', 'apollo-require-preflight': 'true' },
      body: '<query/>',
    });
    expect(answer.status).toBe(415);
    expectCodedErrors(answer, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('a POST without a body', async () => {
    const answer = await send('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(answer.status).toBe(400);
    expectCodedErrors(answer, 'BAD_REQUEST');
  });

  it('malformed JSON', async () => {
    const answer = await send('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(answer.status).toBe(400);
    expectCodedErrors(answer, 'BAD_REQUEST');
  });

  it('an unknown path (404)', async () => {
    const answer = await send('/nowhere');
    expect(answer.status).toBe(404);
    expectCodedErrors(answer, 'NOT_FOUND');
  });

  it('a 500 raised before execution (the request context cannot be built)', async () => {
    const token = await app.token({ role: 'agency', agencyCode: 'POLICE' });
    await app.db.db.execute('alter table agency_agreements rename to agency_agreements_hidden');
    try {
      const answer = await send('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: QUERY,
      });
      expect(answer.status).toBe(500);
      expectCodedErrors(answer, 'INTERNAL_SERVER_ERROR');
      expect(answer.text).not.toMatch(/agency_agreements|relation|context creation/i);
    } finally {
      await app.db.db.execute('alter table agency_agreements_hidden rename to agency_agreements');
    }
  });
});

/** A raw HTTP request, so that headers fetch would refuse to send still reach the server. */
function rawGet(path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${app.url}${path}`, { headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => {
        const answerHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          if (typeof value === 'string') answerHeaders.set(name, value);
        }
        resolve({ status: response.statusCode ?? 0, headers: answerHeaders, text });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

describe('oversized headers', () => {
  it('answers a 16 KB Authorization header with 431 and a JSON body', async () => {
    const answer = await rawGet('/graphql?query=%7B__typename%7D', { authorization: `Bearer ${'a'.repeat(16_384)}` });
    expect(answer.status).toBe(431);
    expectCodedErrors(answer, 'REQUEST_HEADERS_TOO_LARGE');
  });

  it('answers a token longer than 8 KB inside the header limit with 401 TOKEN_MALFORMED', async () => {
    const answer = await rawGet('/graphql?query=%7B__typename%7D', {
      authorization: `Bearer ${'a'.repeat(8_200)}.b.c`,
      'apollo-require-preflight': 'true',
    });
    expect(answer.status).toBe(401);
    expectCodedErrors(answer, 'TOKEN_MALFORMED');
    expect(answer.text).toMatch(/8192/);
  });

  it('answers a request Node cannot parse with 400 and a JSON body', async () => {
    const port = Number(new URL(app.url).port);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        text += chunk;
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    const requestId = /x-request-id: (\S+)/i.exec(head)?.[1];
    expect(JSON.parse(body).errors[0].extensions).toEqual({ code: 'BAD_REQUEST', requestId });
  });
});
