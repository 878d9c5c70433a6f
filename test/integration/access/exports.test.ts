import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, startTestApp, type TestApp } from '../../helpers/app.js';
import { declarationId, goodsItem, importDeclaration, ORG_A, ORG_B, ORG_C, SUBMIT } from '../../helpers/factories.js';
import { waitForFeedHorizon } from '../../helpers/feed-horizon.js';

/**
 * The read:exports grant: an agency reads export declarations only with it. The Food Safety
 * Authority (chapters 01-24, no read:exports) and Statistics Norway (statistics, no read:exports)
 * lack it; the Directorate of Export Control (chapters 84, 85 ... with read:exports) has it.
 */
let app: TestApp;
// Statistics are asked for the month the declarations are received in.
const clock = fixedClock('2026-06-15T10:00:00Z');
const month = '2026-06';
const tokens: Record<string, string> = {};
const exports: { number: string; id: string }[] = [];
let cheeseImport: string;

const cheese = goodsItem({
  commodityCode: '04069099',
  description: 'Cheese',
  countryOfOrigin: 'NO',
  supplementaryQuantity: null,
});
const laptops = goodsItem({ commodityCode: '84713000', description: 'Laptops', countryOfOrigin: 'NO' });

function exportDeclaration(organisationNumber: string): Record<string, unknown> {
  return {
    ...importDeclaration({
      type: 'EXPORT',
      procedureCode: '1000',
      countryOfDispatch: 'NO',
      countryOfDestination: 'JP',
      importer: undefined,
      goodsItems: [cheese, laptops],
    }),
    exporter: { organisationNumber },
  };
}

async function submit(token: string, input: Record<string, unknown>) {
  const { body } = await app.graphql(SUBMIT, { input }, token);
  const declaration = body.data?.submitDeclaration?.declaration;
  if (!declaration) throw new Error(`submission failed: ${JSON.stringify(body)}`);
  return declaration as { number: string; id: string };
}

beforeAll(async () => {
  app = await startTestApp({ clock });
  for (const code of ['MATTILSYNET', 'DEKSA', 'SSB'])
    tokens[code] = await app.token({ role: 'agency', agencyCode: code });
  tokens.officer = await app.token({ role: 'officer', employeeId: 'T1' });
  for (const org of [ORG_A, ORG_B, ORG_C]) {
    const token = await app.token({ role: 'business', organisationNumber: org });
    exports.push(await submit(token, exportDeclaration(org)));
  }
  const a = await app.token({ role: 'business', organisationNumber: ORG_A });
  cheeseImport = (await submit(a, importDeclaration({ goodsItems: [cheese] }))).number;
});
afterAll(() => app.close());

const LOOKUP = `query($id: ID!, $number: String!) {
  byNumber: declaration(number: $number) { number goodsItems { commodityCode } }
  byId: node(id: $id) { id }
  many: nodes(ids: [$id]) { id } }`;
const LIST = `query($type: DeclarationType) { declarations(first: 100, filter: { type: $type }) { edges { node { number type } } } }`;

describe('an agency without read:exports', () => {
  it('finds no export declaration by number, id or in a list', async () => {
    const [first] = exports;
    const lookup = await app.graphql(LOOKUP, { id: first?.id, number: first?.number }, tokens.MATTILSYNET);
    expect(lookup.body.errors).toBeUndefined();
    expect(lookup.body.data).toEqual({ byNumber: null, byId: null, many: [null] });

    const all = await app.graphql(LIST, {}, tokens.MATTILSYNET);
    expect(all.body.data.declarations.edges.map((e: { node: { number: string } }) => e.node.number)).toEqual([
      cheeseImport,
    ]);
    const onlyExports = await app.graphql(LIST, { type: 'EXPORT' }, tokens.MATTILSYNET);
    expect(onlyExports.body.data.declarations.edges).toEqual([]);
  });

  it('cannot act on an export declaration: it does not exist for it', async () => {
    const ACT = `mutation($id: ID!) { requestControl(input: { declarationId: $id, reason: "x" }) { __typename ... on UserError { code } } }`;
    const act = await app.graphql(ACT, { id: declarationId(exports[0]?.number ?? '') }, tokens.MATTILSYNET);
    expect(act.body.data.requestControl).toEqual({ __typename: 'NotFound', code: 'NOT_FOUND' });
  });

  it('follows no export goods in the item feed', async () => {
    await waitForFeedHorizon(app.db.db);
    const FEED = `{ declarationItemFeed(first: 1000) { events { declarationNumber commodityCode } } }`;
    const { body } = await app.graphql(FEED, {}, tokens.MATTILSYNET);
    expect(body.data.declarationItemFeed.events).toEqual([
      { declarationNumber: cheeseImport, commodityCode: '04069099' },
    ]);
  });

  it('gets statistics of imports only', async () => {
    const STATS = `{ tradeStatistics(fromMonth: "${month}", toMonth: "${month}", groupBy: [PROCEDURE]) { procedureCode { code declarationType } declarations } }`;
    const officer = await app.graphql(STATS, {}, tokens.officer);
    expect(officer.body.data.tradeStatistics).toContainEqual({
      procedureCode: { code: '1000', declarationType: 'EXPORT' },
      declarations: 3,
    });
    const ssb = await app.graphql(STATS, {}, tokens.SSB);
    expect(ssb.body.errors).toBeUndefined();
    expect(
      ssb.body.data.tradeStatistics.map((c: { procedureCode: { code: string } }) => c.procedureCode.code),
    ).not.toContain('1000');
  });
});

describe('an agency with read:exports', () => {
  it('reads the export declarations with goods in its chapters, and only those goods', async () => {
    const [first] = exports;
    const lookup = await app.graphql(LOOKUP, { id: first?.id, number: first?.number }, tokens.DEKSA);
    expect(lookup.body.data).toEqual({
      byNumber: { number: first?.number, goodsItems: [{ commodityCode: '84713000' }] },
      byId: { id: first?.id },
      many: [{ id: first?.id }],
    });
    const onlyExports = await app.graphql(LIST, { type: 'EXPORT' }, tokens.DEKSA);
    expect(onlyExports.body.data.declarations.edges).toHaveLength(3);
  });

  it('follows their goods in the item feed', async () => {
    await waitForFeedHorizon(app.db.db);
    const FEED = `{ declarationItemFeed(first: 1000) { events { declarationNumber commodityCode } } }`;
    const { body } = await app.graphql(FEED, {}, tokens.DEKSA);
    expect(body.data.declarationItemFeed.events.map((e: { declarationNumber: string }) => e.declarationNumber)).toEqual(
      exports.map((e) => e.number),
    );
  });
});
