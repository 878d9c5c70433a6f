import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, startTestApp, type TestApp } from '../../helpers/app.js';
import { goodsItem, importDeclaration, ORG_A, SUBMIT } from '../../helpers/factories.js';

const clock = fixedClock('2026-02-01T10:00:00Z');
let app: TestApp;
let token: string;
const submitted: string[] = [];

const PAGE = `
  query Page($first: Int, $after: String, $last: Int, $before: String, $filter: DeclarationFilter) {
    declarations(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      edges { cursor node { number status goodsItems { itemNumber commodityCode } statusHistory { kind } versions { version } } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;

beforeAll(async () => {
  app = await startTestApp({ clock });
  token = await app.token({ role: 'business', organisationNumber: ORG_A });
  // 60 declarations over three days; every third has two items, one of them cheese.
  for (let i = 0; i < 60; i++) {
    clock.set(`2026-02-0${1 + Math.floor(i / 20)}T10:${String(i % 60).padStart(2, '0')}:00Z`);
    const items =
      i % 3 === 0
        ? [goodsItem(), goodsItem({ commodityCode: '04069099', supplementaryQuantity: null })]
        : [goodsItem()];
    const { body } = await app.graphql(
      SUBMIT,
      { input: importDeclaration({ clientReference: `LIST-${i}`, goodsItems: items }) },
      token,
    );
    submitted.push(body.data.submitDeclaration.declaration.number);
  }
});
afterAll(() => app.close());

describe('listing declarations', () => {
  it('pages newest first through every declaration exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { body } = await app.graphql(PAGE, { first: 25, after }, token);
      const connection = body.data.declarations;
      seen.push(...connection.edges.map((e: { node: { number: string } }) => e.node.number));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual([...submitted].reverse());
  });

  it('pages backwards with last and before', async () => {
    const first = await app.graphql(PAGE, { first: 30 }, token);
    const end = first.body.data.declarations.pageInfo.endCursor;
    const back = await app.graphql(PAGE, { last: 10, before: end }, token);
    const numbers = back.body.data.declarations.edges.map((e: { node: { number: string } }) => e.node.number);
    expect(numbers).toEqual([...submitted].reverse().slice(19, 29));
    expect(back.body.data.declarations.pageInfo.hasPreviousPage).toBe(true);
  });

  it('filters by commodity code prefix, date range and reference', async () => {
    const cheese = await app.graphql(PAGE, { first: 100, filter: { commodityCodePrefix: '0406.90' } }, token);
    expect(cheese.body.data.declarations.edges).toHaveLength(20);
    const secondDay = await app.graphql(
      PAGE,
      { first: 100, filter: { submittedFrom: '2026-02-02', submittedTo: '2026-02-02' } },
      token,
    );
    expect(secondDay.body.data.declarations.edges.map((e: { node: { number: string } }) => e.node.number)).toEqual(
      submitted.slice(20, 40).reverse(),
    );
    const byReference = await app.graphql(PAGE, { first: 5, filter: { clientReference: 'LIST-7' } }, token);
    expect(byReference.body.data.declarations.edges.map((e: { node: { number: string } }) => e.node.number)).toEqual([
      submitted[7],
    ]);
    const byStatus = await app.graphql(PAGE, { first: 5, filter: { statuses: ['CANCELLED'] } }, token);
    expect(byStatus.body.data.declarations.edges).toEqual([]);
  });

  it('costs the same number of SQL statements for a page of 5 as for a page of 50, items and history included', async () => {
    const count = async (first: number) => {
      app.db.clearStatements();
      const { body } = await app.graphql(PAGE, { first }, token);
      expect(body.data.declarations.edges).toHaveLength(first);
      return { statements: app.db.statements.length, reported: body.extensions?.sqlStatements };
    };
    const small = await count(5);
    const large = await count(50);
    expect(large.statements).toBe(small.statements);
    // page, goods items, status history, versions: one statement each.
    expect(large.statements).toBe(4);
    expect(large.reported).toBe(4);
  });

  it('refuses page sizes above 100 and cursors it did not issue, with clear codes', async () => {
    const tooMany = await app.graphql(PAGE, { first: 101 }, token);
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'PAGE_SIZE_OUT_OF_RANGE',
    });
    const forged = await app.graphql(PAGE, { first: 5, after: 'bm90LWEtY3Vyc29y' }, token);
    expect(forged.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
    expect(JSON.stringify(forged.body)).not.toMatch(/stack|select|at .*\.ts/i);
  });
});
