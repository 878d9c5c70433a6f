import { Writable } from 'node:stream';
import { getIntrospectionQuery } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLResponse, startTestApp, type TestApp } from '../../helpers/app.js';
import { goodsItem, importDeclaration, ORG_A, ORG_B, SUBMIT } from '../../helpers/factories.js';

/**
 * Hostile queries: small documents that once cost seconds of CPU, blew the stack or returned
 * hundreds of megabytes. Each must be refused before it does the work, with a coded 400 and the
 * request id, quickly. The bound asserted here is loose so that a busy machine does not make the
 * test flaky; `npm run bench` holds the real speed target.
 */
let app: TestApp;
let business: string;

/** Server time far above what any of these refusals needs; far below what the attacks used to cost. */
const QUICK_MS = 1000;

/** What the client must never see. */
const INTERNAL = /maximum call stack|rangeerror|stack size|at .+\.(ts|js):\d+/i;

/** The server's request log: how long each request took the server, by request id. */
const serverMs = new Map<string, number>();
const requestLog = new Writable({
  write(chunk, _encoding, done) {
    const line = JSON.parse(String(chunk)) as { msg?: string; requestId?: string; durationMs?: number };
    if (line.msg === 'request' && line.requestId) serverMs.set(line.requestId, line.durationMs ?? Number.NaN);
    done();
  },
});

interface Timed extends GraphQLResponse {
  /** Server time, from the request's arrival to the end of its response, as the server logs it. */
  ms: number;
}

async function timed(query: string, variables?: Record<string, unknown>, token?: string): Promise<Timed> {
  const response = await app.graphql(query, variables, token);
  const requestId = response.headers.get('x-request-id') ?? '';
  // The log line is written when the response finishes, which can be just after the client has it.
  for (let wait = 0; !serverMs.has(requestId) && wait < 50; wait++) await new Promise((r) => setTimeout(r, 10));
  const ms = serverMs.get(requestId);
  if (ms === undefined) throw new Error(`no request log line for ${requestId}`);
  if (process.env.ABUSE_TIMINGS) console.log(`${ms} ms server time: ${query.slice(0, 60)}`);
  return { ...response, ms };
}

/** A coded refusal: 400, a stable code, the request id, nothing internal, and no data. */
function expectRefused(response: Timed, code: string): void {
  const context = `${response.status} ${JSON.stringify(response.body).slice(0, 500)}`;
  expect(response.status, context).toBe(400);
  expect(response.body.data, context).toBeUndefined();
  const error = response.body.errors?.[0];
  expect(error?.extensions?.code, context).toBe(code);
  expect(error?.extensions?.requestId, context).toEqual(expect.any(String));
  expect(error?.message, context).not.toMatch(INTERNAL);
  expect(response.ms, context).toBeLessThan(QUICK_MS);
}

/** Fragments that each spread the next one twice: 2^levels paths through a document of a kilobyte. */
function fanOut(levels: number, leaf: string): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  return `query { ...F0 } ${fragments.join(' ')} fragment F${levels} on Query { ${leaf} }`;
}

function chain(length: number): string {
  const fragments = Array.from({ length }, (_, i) => `fragment F${i} on Query { ...F${i + 1} }`);
  return `query { ...F0 } ${fragments.join(' ')} fragment F${length} on Query { __typename }`;
}

function nested(depth: number): string {
  return `{ ${'viewer { '.repeat(depth)}role${' }'.repeat(depth)} }`;
}

const ITEMS_PAGE = `edges { node { number goodsItems { itemNumber description commodityCode } } }`;

beforeAll(async () => {
  app = await startTestApp({ log: pino({ level: 'info' }, requestLog) });
  business = await app.token({ role: 'business', organisationNumber: ORG_A });
  // Three declarations of the most items one may hold.
  const items = Array.from({ length: 999 }, (_, i) => goodsItem({ description: `Pullover lot ${i + 1}` }));
  for (let i = 0; i < 3; i++) {
    const { body } = await app.graphql(SUBMIT, { input: importDeclaration({ goodsItems: items }) }, business);
    expect(body.data?.submitDeclaration?.__typename).toBe('SubmitDeclarationSuccess');
  }
}, 120_000);
afterAll(() => app.close());

describe('hostile documents are refused before they cost anything', () => {
  it('refuses fragments that fan out 2^24 times, walking each fragment once', async () => {
    const query = fanOut(24, 'countries { code }');
    expect(query.length).toBeLessThan(1500);
    const response = await timed(query);
    expectRefused(response, 'QUERY_TOO_COSTLY');
  });

  it('answers the same fan-out over a free field quickly, since execution merges the spreads', async () => {
    const response = await timed(fanOut(24, '__typename'));
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ __typename: 'Query' });
    expect(response.ms).toBeLessThan(QUICK_MS);
  });

  it('refuses a straight chain of 5,000 fragments with a code, not a stack overflow', async () => {
    expectRefused(await timed(chain(5000)), 'GRAPHQL_PARSE_FAILED');
  });

  it('walks a chain of fragments as long as the token limit allows without overflowing the stack', async () => {
    const response = await timed(chain(700));
    expect(response.status).toBeLessThan(500);
    expect(JSON.stringify(response.body)).not.toMatch(INTERNAL);
    expect(response.ms).toBeLessThan(QUICK_MS);
  });

  it('refuses 800,000 duplicated arguments at parse time', async () => {
    const query = `{ countries(${'a:1 '.repeat(800_000)}) { code } }`;
    const response = await timed(query);
    expectRefused(response, 'GRAPHQL_PARSE_FAILED');
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors?.[0]?.extensions?.reason).toBe('TOO_MANY_TOKENS');
  });

  it('refuses 270,000 directives at parse time', async () => {
    const query = `{ __typename ${'@include(if: true) '.repeat(270_000)}}`;
    expectRefused(await timed(query), 'GRAPHQL_PARSE_FAILED');
  });

  it('refuses more directives than the limit even in a short document', async () => {
    const query = `{ __typename ${'@include(if: true) '.repeat(60)}}`;
    const response = await timed(query);
    expectRefused(response, 'GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors?.[0]?.extensions?.reason).toBe('TOO_MANY_DIRECTIVES');
  });

  it('refuses a 10,000-deep query without telling the client about its stack', async () => {
    expectRefused(await timed(nested(10_000)), 'GRAPHQL_PARSE_FAILED');
  });

  it('refuses a query nested as deep as the token limit allows with a code', async () => {
    const response = await timed(nested(1600));
    expect(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']).toContain(
      response.body.errors?.[0]?.extensions?.code,
    );
    expectRefused(response, response.body.errors?.[0]?.extensions?.code as string);
  });

  it('counts aliases spread through fragments as many times as they are spread', async () => {
    const query = `query { ...A ...B } fragment A on Query { ...F } fragment B on Query { ...F }
      fragment F on Query { ${Array.from({ length: 20 }, (_, i) => `c${i}: viewer { role }`).join(' ')} }`;
    const response = await timed(query);
    expectRefused(response, 'GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors?.[0]?.extensions?.reason).toBe('TOO_MANY_ALIASES');
  });
});

describe('lists are priced by what they will return', () => {
  const CALCULATE = `query($input: CalculateImportDutiesInput!) { ${Array.from(
    { length: 30 },
    (_, i) =>
      `c${i}: calculateImportDuties(input: $input) { ... on ImportDutyCalculation { items { itemNumber lines { kind amount { amount } } } } }`,
  ).join(' ')} }`;
  const items999 = Array.from({ length: 999 }, () => ({
    commodityCode: '0406.9099',
    description: 'Hard cheese',
    countryOfOrigin: 'FR',
    netMass: '100',
    invoiceAmount: '1000',
  }));

  it('prices calculateImportDuties by the length of its input list, variables included', async () => {
    const input = { importer: 'BUSINESS', invoiceCurrency: 'EUR', goodsItems: items999 };
    const response = await timed(CALCULATE, { input });
    expectRefused(response, 'QUERY_TOO_COSTLY');
    expect(response.body.errors?.[0]?.extensions?.cost).toBeGreaterThan(30 * 999);
  });

  it('still answers one calculation of a few items', async () => {
    const one = `query($input: CalculateImportDutiesInput!) { calculateImportDuties(input: $input) { ... on ImportDutyCalculation { items { itemNumber } } } }`;
    const input = { importer: 'BUSINESS', invoiceCurrency: 'EUR', goodsItems: items999.slice(0, 3) };
    const response = await timed(one, { input });
    expect(response.status).toBe(200);
    expect(response.body.data.calculateImportDuties.items).toHaveLength(3);
    expect(response.body.extensions?.cost.requested).toBeLessThan(20);
  });

  const aliased = (count: number) =>
    `{ ${Array.from({ length: count }, (_, i) => `d${i}: declarations(first: 100) { ${ITEMS_PAGE} }`).join(' ')} }`;

  it("refuses 20 aliases of a business's declarations with their goods items before they run", async () => {
    const response = await timed(aliased(20), {}, business);
    expectRefused(response, 'QUERY_TOO_COSTLY');
    expect(response.body.extensions?.sqlStatements ?? 0).toBe(0);
  });

  it('refuses a page whose rows hold more items than the estimate, before any item is read', async () => {
    // Within the limit at the usual 20 items a declaration; these hold 999, with documents each.
    const rich = `{ declarations(first: 100) { edges { node { number
      goodsItems { itemNumber invoiceAmount { amount } documents { code } } } } } }`;
    app.db.clearStatements();
    const response = await timed(rich, {}, business);
    expectRefused(response, 'QUERY_TOO_COSTLY');
    expect(response.body.errors?.[0]?.extensions?.cost).toBeGreaterThan(app.config.limits.maxCost);
    expect(app.db.statements.filter((sql) => /from "goods_items"/i.test(sql))).toEqual([]);
  });

  it('answers a page of declarations whose items fit the limit, and reports what it really cost', async () => {
    const response = await timed(`{ declarations(first: 50) { ${ITEMS_PAGE} } }`, {}, business);
    expect(response.status).toBe(200);
    expect(response.body.data.declarations.edges).toHaveLength(3);
    expect(response.body.data.declarations.edges[0].node.goodsItems).toHaveLength(999);
    expect(response.body.extensions?.cost.requested).toBeGreaterThan(3 * 999);
    expect(response.body.extensions?.cost.requested).toBeLessThan(app.config.limits.maxCost);
  });
  const ASSESSED_LINES = `{ declarations(first: 50) { edges { node { assessment {
    items { lines { amount { amount } basis { explanation } } } } } } } }`;

  it('refuses a page whose stored assessments hold more items than the estimate', async () => {
    // Priced at the usual 20 items an assessment, within the limit; these assess 999 items each.
    const response = await timed(ASSESSED_LINES, {}, business);
    expectRefused(response, 'QUERY_TOO_COSTLY');
    expect(response.body.errors?.[0]?.extensions?.cost).toBeGreaterThan(app.config.limits.maxCost);
  });
});

describe('an ordinary page of declarations with their items', () => {
  let broker: string;
  beforeAll(async () => {
    // What the demo data and the bench call ordinary: declarations of 20 items.
    broker = await app.token({ role: 'business', organisationNumber: ORG_B });
    const items = Array.from({ length: 20 }, (_, i) => goodsItem({ description: `Pullover lot ${i + 1}` }));
    for (let i = 0; i < 50; i++) {
      const input = importDeclaration({
        importer: { organisationNumber: ORG_B, name: 'Fjordfrakt' },
        goodsItems: items,
      });
      const { body } = await app.graphql(SUBMIT, { input }, broker);
      expect(body.data?.submitDeclaration?.__typename).toBe('SubmitDeclarationSuccess');
    }
  }, 120_000);

  it('stays well within the limit', async () => {
    const page = `edges { node { number goodsItems { itemNumber description invoiceAmount { amount } } } }`;
    const response = await timed(`{ declarations(first: 50) { ${page} } }`, {}, broker);
    expect(response.status).toBe(200);
    expect(response.body.data.declarations.edges).toHaveLength(50);
    expect(response.body.extensions?.cost.requested).toBeLessThan(app.config.limits.maxCost / 4);
  });

  it('answers a page of their assessments, item by item, within the limit', async () => {
    const page = `edges { node { assessment { items { lines { amount { amount } basis { explanation } } } } } }`;
    // Priced at 20 items of 10 lines each, 25 declarations are about as many as the limit takes.
    const response = await timed(`{ declarations(first: 25) { ${page} } }`, {}, broker);
    expect(response.status).toBe(200);
    expect(response.body.data.declarations.edges).toHaveLength(25);
    expect(response.body.data.declarations.edges[0].node.assessment.items).toHaveLength(20);
    expect(response.body.extensions?.cost.requested).toBeLessThan(app.config.limits.maxCost);
  });
});

describe('the size of a response', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await startTestApp({ env: { MAX_RESPONSE_BYTES: '20000' } });
  });
  afterAll(() => small.close());

  it('replaces a response over the byte limit by a coded error, and lets smaller ones through', async () => {
    const large = await small.graphql(getIntrospectionQuery({ descriptions: true }));
    expect(large.status).toBe(400);
    expect(large.body.data).toBeUndefined();
    expect(large.body.errors).toHaveLength(1);
    expect(large.body.errors?.[0]?.extensions).toMatchObject({
      code: 'RESPONSE_TOO_LARGE',
      limit: 20000,
      requestId: expect.any(String),
    });
    expect(large.body.errors?.[0]?.extensions?.bytes).toBeGreaterThan(20000);
    const fine = await small.graphql('{ countries { code } }');
    expect(fine.status).toBe(200);
    expect(fine.body.data.countries.length).toBeGreaterThan(0);
  });
});
