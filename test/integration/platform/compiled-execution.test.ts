import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALCULATE, calculationInput } from '../../../bench/calculation.js';
import { createTokenVerifier } from '../../../src/auth/tokens.js';
import type { CompiledPlans } from '../../../src/graphql/compiled-execution.js';
import { createHttpListener } from '../../../src/http/listener.js';
import { createLogger } from '../../../src/logger.js';
import { createServer, type TollgateServer } from '../../../src/server.js';
import { fixedClock, startTestApp, type TestApp } from '../../helpers/app.js';
import { goodsItem, importDeclaration, ORG_A, SUBMIT } from '../../helpers/factories.js';

/**
 * Reads are executed by graphql-jit (src/graphql/compiled-execution.ts). The same server with
 * graphql-js executing everything, on the same database, must answer every request alike, byte
 * for byte: the answers, the refusals of the field guard, the masked errors.
 */
const clock = fixedClock('2026-03-10T09:00:00Z');
let app: TestApp;
let interpreted: { server: TollgateServer; http: Server; url: string };
let business: string;

beforeAll(async () => {
  app = await startTestApp({ clock });
  const server = await createServer({
    config: app.config,
    database: app.db,
    log: createLogger('silent'),
    clock,
    verifier: await createTokenVerifier(app.config),
    execution: 'interpreted',
  });
  const http = createHttpListener(server.app, createLogger('silent'));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  interpreted = { server, http, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
  business = await app.token({ role: 'business', organisationNumber: ORG_A });
  // Each server prepares its own rate book on its first calculation: after that both read alike.
  for (const url of [app.url, interpreted.url]) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CALCULATE, variables: { input: calculationInput(1) } }),
    });
    expect(response.status).toBe(200);
  }
  for (const clientReference of ['JIT-1', 'JIT-2']) {
    const { body } = await app.graphql(
      SUBMIT,
      { input: importDeclaration({ clientReference, goodsItems: [goodsItem(), goodsItem()] }) },
      business,
    );
    expect(body.data.submitDeclaration.__typename).toBe('SubmitDeclarationSuccess');
  }
});
afterAll(async () => {
  const closed = new Promise<void>((resolve) => interpreted.http.close(() => resolve()));
  interpreted.http.closeAllConnections();
  await closed;
  await interpreted.server.stop();
  await app.close();
});

function plans(): CompiledPlans {
  if (!app.server.plans) throw new Error('the test server does not compile reads');
  return app.server.plans;
}

/** Where two texts first differ, with some context: a failing comparison of long bodies says only that. */
function firstDifference(a: string, b: string): string | null {
  if (a === b) return null;
  let at = 0;
  while (at < a.length && a[at] === b[at]) at++;
  return `at ${at}: ${a.slice(Math.max(0, at - 80), at + 80)} | ${b.slice(Math.max(0, at - 80), at + 80)}`;
}

/** The response of both servers to one request: status and body text, without the request id. */
async function both(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const send = async (url: string) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = (await response.text()).replace(/"requestId":"[^"]+"/g, '"requestId":"…"');
    return { status: response.status, text };
  };
  // A query is compiled on its second run: the first is graphql-js's.
  await send(app.url);
  const compiled = await send(app.url);
  const plain = await send(interpreted.url);
  return { compiled, plain, body: JSON.parse(compiled.text) };
}

describe('reads compiled with graphql-jit', () => {
  it('compiles a read once per query text, on its second run, and leaves mutations and introspection to graphql-js', async () => {
    const before = { ...plans().counts };
    await app.graphql('{ countries { code } }');
    expect(plans().counts.compiled).toBe(before.compiled);
    await app.graphql('{ countries { code } }');
    await app.graphql('{ countries { code } }');
    expect(plans().counts.compiled).toBe(before.compiled + 1);
    const MUTATION = 'mutation($input: RevokeMandateInput!) { revokeMandate(input: $input) { __typename } }';
    for (let i = 0; i < 2; i++) {
      await app.graphql('{ __schema { queryType { name } } }');
      await app.graphql(MUTATION, { input: { id: 'TWFuZGF0ZTox' } }, business);
    }
    expect(plans().counts.interpreted).toBe(before.interpreted + 2);
    expect(plans().counts.compiled).toBe(before.compiled + 1);
  });

  it('answers the 100-item calculation of the bench, every field, as graphql-js does', async () => {
    const { compiled, plain, body } = await both(CALCULATE, { input: calculationInput(100) });
    expect(body.data.calculateImportDuties.__typename).toBe('ImportDutyCalculation');
    expect(body.data.calculateImportDuties.items).toHaveLength(100);
    expect(compiled.status).toBe(plain.status);
    expect(firstDifference(compiled.text, plain.text)).toBeNull();
  });

  it('answers a page of declarations with their items and assessments as graphql-js does', async () => {
    const PAGE = `{ declarations(first: 10) { edges { cursor node { id number status customsOffice { name }
      goodsItems { itemNumber commodity { code } netMass invoiceAmount { amount currency } }
      assessment { totals { payable { amount } } items { lines { kind amount { amount } } } } } }
      pageInfo { hasNextPage endCursor } } }`;
    const { compiled, plain, body } = await both(PAGE, {}, business);
    expect(body.errors).toBeUndefined();
    expect(body.data.declarations.edges).toHaveLength(2);
    expect(compiled.status).toBe(plain.status);
    expect(firstDifference(compiled.text, plain.text)).toBeNull();
  });

  it('refuses a guarded field to a caller the policy does not name, as graphql-js does', async () => {
    const before = plans().counts.compiled;
    const { compiled, plain, body } = await both('{ declarations(first: 1) { edges { node { number } } } }');
    expect(plans().counts.compiled).toBe(before + 1);
    expect(body.errors).toEqual([
      expect.objectContaining({ path: ['declarations'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    ]);
    expect(compiled.status).toBe(plain.status);
    expect(firstDifference(compiled.text, plain.text)).toBeNull();
  });

  it('masks an unexpected failure of a compiled read: no SQL, no driver text, as graphql-js does', async () => {
    await app.db.db.execute(sql`alter table customs_offices rename to customs_offices_away`);
    try {
      const { compiled, plain, body } = await both('{ customsOffices { code name } }');
      expect(body.errors[0].extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: '…' });
      expect(compiled.text).not.toMatch(/customs_offices|relation|select|stack|\.ts:/i);
      expect(compiled.status).toBe(plain.status);
      expect(firstDifference(compiled.text, plain.text)).toBeNull();
    } finally {
      await app.db.db.execute(sql`alter table customs_offices_away rename to customs_offices`);
    }
  });

  it('leaves a literal Decimal to graphql-js, which hands the resolver a Decimal, and answers alike', async () => {
    const before = { ...plans().counts };
    const LITERAL = `{ calculateImportDuties(input: { importer: BUSINESS, invoiceCurrency: "EUR", goodsItems: [
      { commodityCode: "04069099", description: "Hard cheese", countryOfOrigin: "FR", netMass: "10", invoiceAmount: "100" }] })
      { __typename ... on ImportDutyCalculation { totals { payable { amount } } } } }`;
    const { compiled, plain, body } = await both(LITERAL);
    expect(body.errors).toBeUndefined();
    expect(body.data.calculateImportDuties.__typename).toBe('ImportDutyCalculation');
    expect(plans().counts).toEqual({ compiled: before.compiled, interpreted: before.interpreted + 1 });
    expect(firstDifference(compiled.text, plain.text)).toBeNull();
  });

  it("answers variables that do not coerce with graphql-js's messages and paths", async () => {
    const input = calculationInput(2);
    const broken = { ...input, goodsItems: [input.goodsItems[0], { ...input.goodsItems[1], netMass: '1.2.3' }] };
    const { compiled, plain, body } = await both(CALCULATE, { input: broken });
    expect(compiled.status).toBe(400);
    expect(body.errors[0].message).toMatch(
      /^Variable "\$input" got invalid value "1\.2\.3" at "input\.goodsItems\[1\]\.netMass"/,
    );
    expect(compiled.status).toBe(plain.status);
    expect(firstDifference(compiled.text, plain.text)).toBeNull();
  });
});
