import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  agent.destroy();
  await app.close();
});

/** POSTs a query on the agent's one socket; rejects with the socket's error (ECONNRESET). */
function post(query: string): Promise<{ status: number; body: string; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const sent = request(
      `${app.url}/graphql`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body, reused: sent.reusedSocket }));
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(JSON.stringify({ query }));
  });
}

describe('the test server', () => {
  it('keeps a connection open past Node’s default keep-alive timeout, as production does', async () => {
    const first = await post('{ __typename }');
    expect(first.status).toBe(200);
    // Node closes an idle connection 5 s (plus a second's grace) after its last response; a client
    // that sends on it just then has its request reset. Idle past that, the socket must still be
    // the same one, so the tests' client never meets a server-side close of an idle connection.
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    const second = await post('{ __typename }');
    expect(second).toEqual({ status: 200, body: expect.stringContaining('"__typename":"Query"'), reused: true });
  }, 20_000);
});
