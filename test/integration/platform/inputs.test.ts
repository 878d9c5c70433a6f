import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { goodsItem, importDeclaration, ORG_A, SUBMIT } from '../../helpers/factories.js';

let app: TestApp;
let business: string;
let officer: string;

beforeAll(async () => {
  app = await startTestApp();
  business = await app.token({ role: 'business', organisationNumber: ORG_A });
  officer = await app.token({ role: 'officer', employeeId: 'T1' });
});
afterAll(() => app.close());

const NUL = '\u0000';
const LONE_SURROGATE = '\ud800';
const globalId = (text: string) => Buffer.from(text).toString('base64');

async function declarationCount(): Promise<number> {
  const { body } = await app.graphql('{ declarations(first: 100) { edges { node { number } } } }', {}, officer);
  return body.data.declarations.edges.length;
}

function expectRefused(
  response: Awaited<ReturnType<TestApp['graphql']>>,
  inputPath: (string | number)[],
  reason = 'CHARACTER_NOT_ALLOWED',
) {
  expect(response.status).toBe(400);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors).toHaveLength(1);
  expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', reason, inputPath });
  expect(typeof response.body.errors?.[0]?.extensions?.requestId).toBe('string');
}

describe('characters PostgreSQL refuses, in any string input', () => {
  it('refuses a NUL in a literal argument before anything runs', async () => {
    expectRefused(await app.graphql(`{ commodities(search: "che\\u0000ese") { edges { node { code } } } }`), [
      'commodities',
      'search',
    ]);
  });

  it('refuses a NUL in a variable inside an input object, naming the variable path', async () => {
    const response = await app.graphql(
      'query($filter: DeclarationFilter) { declarations(filter: $filter) { edges { node { number } } } }',
      { filter: { clientReference: `REF${NUL}1` } },
      business,
    );
    expectRefused(response, ['variables', 'filter', 'clientReference']);
  });

  it('refuses a NUL deep in a mutation input and stores nothing', async () => {
    const before = await declarationCount();
    const input = importDeclaration({
      goodsItems: [goodsItem(), goodsItem({ description: `Cotton${NUL}pullovers` })],
    });
    expectRefused(await app.graphql(SUBMIT, { input }, business), [
      'variables',
      'input',
      'goodsItems',
      1,
      'description',
    ]);
    expect(await declarationCount()).toBe(before);
  });

  it('refuses lone UTF-16 surrogates, which the database driver would silently replace', async () => {
    const response = await app.graphql('query($s: String) { commodities(search: $s) { edges { node { code } } } }', {
      s: `cheese ${LONE_SURROGATE}`,
    });
    expectRefused(response, ['variables', 's']);
    const trailing = await app.graphql('query($s: String) { commodities(search: $s) { edges { node { code } } } }', {
      s: 'cheese \udc00',
    });
    expectRefused(trailing, ['variables', 's']);
  });

  it('accepts characters outside the basic plane, which are surrogate pairs in JavaScript', async () => {
    const response = await app.graphql('query($s: String) { commodities(search: $s) { edges { node { code } } } }', {
      s: 'cheese 🧀',
    });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.commodities.edges).toEqual([]);
  });

  it('refuses a NUL in ids, custom scalars and list items, literal or variable', async () => {
    expectRefused(await app.graphql('query($id: ID!) { node(id: $id) { id } }', { id: `abc${NUL}` }), [
      'variables',
      'id',
    ]);
    expectRefused(
      await app.graphql('query($code: CommodityCode!) { commodity(code: $code) { code } }', {
        code: `0406${NUL}9099`,
      }),
      ['variables', 'code'],
    );
    expectRefused(await app.graphql(`{ found: nodes(ids: ["a", "b\\u0000"]) { id } }`), ['found', 'ids', 1]);
    expectRefused(
      await app.graphql(
        `query { ...Lookup } fragment Lookup on Query { declaration(id: "x\\u0000") { number } }`,
        {},
        business,
      ),
      ['...Lookup', 'declaration', 'id'],
    );
  });
});

describe('malformed global ids', () => {
  const NODE = 'query($id: ID!) { node(id: $id) { id } }';
  const malformed = {
    'not base64': 'not base64!',
    'a lowercase type name': globalId('declaration:310000000-01012026-1'),
    'an unknown type': globalId('Shipment:1'),
    'a type that is not a node': globalId('Commodity:04069099'),
    'no id part': globalId('Declaration'),
    'a NUL inside the encoded id': globalId(`Declaration:310000000${NUL}`),
  };

  for (const [what, id] of Object.entries(malformed)) {
    it(`answers ${what} as not found, like a missing object`, async () => {
      const response = await app.graphql(NODE, { id }, business);
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data.node).toBeNull();
    });
  }

  it('answers a missing object the same way', async () => {
    const response = await app.graphql(NODE, { id: globalId('Declaration:310000000-01012026-999') }, business);
    expect(response.body).toEqual({ data: { node: null }, extensions: expect.anything() });
  });

  it('answers each malformed id in a list as null and still finds the real ones', async () => {
    const { body } = await app.graphql(SUBMIT, { input: importDeclaration() }, business);
    const real = body.data.submitDeclaration.declaration.id as string;
    const response = await app.graphql(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      { ids: [...Object.values(malformed), real] },
      business,
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.nodes).toEqual([...Object.values(malformed).map(() => null), { id: real }]);
  });
});

describe('the same id asked for by node and nodes in one request', () => {
  it('answers both, not an error from the one that found the other in its cache', async () => {
    const { body } = await app.graphql(SUBMIT, { input: importDeclaration() }, business);
    const id = body.data.submitDeclaration.declaration.id as string;
    const response = await app.graphql(
      'query($id: ID!) { one: node(id: $id) { id } many: nodes(ids: [$id, $id]) { id } }',
      { id },
      business,
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({ one: { id }, many: [{ id }, { id }] });
  });
});
