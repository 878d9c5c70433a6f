import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryRateLimiter } from '../../../src/http/rate-limit.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;
let token: string;

beforeAll(async () => {
  // Tests reach the server from 127.0.0.1; without TRUST_PROXY=false it would trust their X-Forwarded-For.
  app = await startTestApp({ env: { MAX_QUERY_COST: '600', TRUST_PROXY: 'false' }, rateLimiter: memoryRateLimiter(5) });
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

  it('counts a page size left to a variable default, and a field default, as the query will run', async () => {
    const officer = await app.token({ role: 'officer', employeeId: 'T4' });
    const selection = `edges { node { number goodsItems { itemNumber } } }`;
    const literal = await app.graphql(`{ declarations(first: 100) { ${selection} } }`, {}, officer);
    const byDefault = await app.graphql(
      `query($n: Int = 100) { declarations(first: $n) { ${selection} } }`,
      {},
      officer,
    );
    expect(literal.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(byDefault.body.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COSTLY',
      cost: literal.body.errors?.[0]?.extensions?.cost,
    });
    // The feed gives 1,000 events when "first" is omitted; its events are that page, not 10 times it.
    const feed = `{ declarationItemFeed { events { declarationNumber } } }`;
    const wholeFeed = await app.graphql(feed, {}, officer);
    expect(wholeFeed.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', cost: 1001 });
    const smallFeed = await app.graphql(
      feed.replace('declarationItemFeed', 'declarationItemFeed(first: 10)'),
      {},
      officer,
    );
    expect(smallFeed.body.extensions?.cost.requested).toBe(11);
  });

  it('accepts the standard introspection query and refuses introspection nested beyond it', async () => {
    const standard = await app.graphql(getIntrospectionQuery({ descriptions: true }), {});
    expect(standard.body.errors).toBeUndefined();
    expect(standard.body.data.__schema).toMatchObject({
      queryType: { name: 'Query' },
      mutationType: { name: 'Mutation' },
      subscriptionType: null,
    });
    const nested = await app.graphql(
      `{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }`,
      {},
    );
    expect(nested.status).toBe(400);
    expect(nested.body.errors?.[0]?.extensions).toMatchObject({ reason: 'INTROSPECTION_TOO_DEEP' });
  });

  it('does not let a client choose the address it is counted by', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i}` },
        body: JSON.stringify({ query: '{ countries { code } }' }),
      });
      statuses.push(response.status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
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
