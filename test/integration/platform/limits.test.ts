import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryRateLimiter } from '../../../src/http/rate-limit.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await startTestApp({ env: { MAX_QUERY_COST: '600' }, rateLimiter: memoryRateLimiter(5) });
  token = await app.token({ role: 'officer', employeeId: 'T1' });
});
afterAll(() => app.close());

describe('query cost and rate limits', () => {
  it('reports the cost of a query and refuses one above the limit before it runs', async () => {
    const cheap = await app.graphql(
      `{ declarations(first: 5) { edges { node { number goodsItems { itemNumber } } } } }`,
      {},
      token,
    );
    expect(cheap.body.extensions?.cost).toEqual({ requested: expect.any(Number), limit: 600 });
    expect(cheap.body.extensions?.cost.requested).toBeLessThan(600);

    const costly = await app.graphql(
      `{ declarations(first: 100) { edges { node { number goodsItems { invoiceAmount { amount } } versions { goodsItems { itemNumber } } } } } }`,
      {},
      token,
    );
    expect(costly.status).toBe(400);
    expect(costly.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit: 600 });
    expect(costly.body.extensions?.sqlStatements ?? 0).toBe(0);
  });

  it("counts a query's page size from its variables", async () => {
    const Q = `query($n: Int) { declarations(first: $n) { edges { node { goodsItems { invoiceAmount { amount } } } } } }`;
    const small = await app.graphql(Q, { n: 2 }, await app.token({ role: 'officer', employeeId: 'T2' }));
    const large = await app.graphql(Q, { n: 50 }, await app.token({ role: 'officer', employeeId: 'T3' }));
    expect(large.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(small.body.extensions?.cost.requested).toBeLessThan(100);
  });

  it('answers a client over its rate with 429, a code and when to come back, and leaves others alone', async () => {
    const client = await app.token({ role: 'business', organisationNumber: '310000000' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await app.graphql(`{ viewer { role } }`, {}, client)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${client}` },
      body: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'RATE_LIMITED',
    );
    const other = await app.graphql(
      `{ viewer { role } }`,
      {},
      await app.token({ role: 'business', organisationNumber: '310000019' }),
    );
    expect(other.status).toBe(200);
  });
});
