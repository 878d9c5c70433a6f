import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { goodsItem, importDeclaration, ORG_A } from '../../helpers/factories.js';

/**
 * A mutation whose transactions committed is never answered as a request that failed: the
 * cost and size limits, when they bite after a submission was saved, say `writeOutcome:
 * COMMITTED` on their error, so that the client knows to look before it submits again. Mutation
 * results are non-null, so the error that stops a mutation nulls `data`; it lists the root fields
 * that did not run (`notRun`), and the submissions that did run are replayed by their reference.
 */
async function storedCount(app: TestApp, reference: string): Promise<number> {
  const rows = await app.db.db.execute(
    sql`select count(*)::int as n from declarations where declarant_orgnr = ${ORG_A} and client_reference = ${reference}`,
  );
  const list = Array.isArray(rows) ? rows : (rows as { rows: { n: number }[] }).rows;
  return Number((list[0] as { n: number }).n);
}

const TWO_SUBMISSIONS = `
  mutation Two($big: DeclarationInput!, $other: DeclarationInput!) {
    a: submitDeclaration(input: $big) {
      __typename
      ... on SubmitDeclarationSuccess { declaration { number goodsItems { itemNumber description commodityCode } } }
    }
    b: submitDeclaration(input: $other) {
      __typename
      ... on SubmitDeclarationSuccess { declaration { number clientReference } }
    }
  }`;

const items = (count: number) => Array.from({ length: count }, (_, i) => goodsItem({ description: `Lot ${i + 1}` }));

describe('a mutation whose goods items go over the cost limit after it committed', () => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    // Within the limit at the estimate's 20 items a declaration, over it at 999.
    app = await startTestApp({ env: { MAX_QUERY_COST: '500' } });
    token = await app.token({ role: 'business', organisationNumber: ORG_A });
  });
  afterAll(() => app.close());

  it('says QUERY_TOO_COSTLY marked COMMITTED with HTTP 200, not a bare 400', async () => {
    const big = importDeclaration({ clientReference: 'COSTLY-A', goodsItems: items(999) });
    const other = importDeclaration({ clientReference: 'COSTLY-B' });
    const response = await app.graphql(TWO_SUBMISSIONS, { big, other }, token);
    const context = JSON.stringify({ ...response.body, data: undefined }).slice(0, 800);
    expect(await storedCount(app, 'COSTLY-A')).toBe(1);
    expect(response.status, context).toBe(200);
    const costly = response.body.errors?.find((error) => error.extensions?.code === 'QUERY_TOO_COSTLY');
    expect(costly?.extensions, context).toMatchObject({
      writeOutcome: 'COMMITTED',
      requestId: expect.any(String),
      limit: 500,
    });
    expect(costly?.path, context).toEqual(['a', 'declaration', 'goodsItems']);
    // The result is non-null down to the refused list: `data` is null, and b never ran.
    expect(response.body.data, context).toBeNull();
    expect(costly?.extensions?.notRun, context).toEqual(['b']);
    // The refused items were not sent.
    expect(JSON.stringify(response.body)).not.toContain('Lot 999');
    expect(response.body.extensions?.cost?.requested).toBeGreaterThan(500);
  });

  it('stops at the refused field: the fields after it do not run, its error lists them, and the stored one replays', async () => {
    const big = importDeclaration({ clientReference: 'STOP-A', goodsItems: items(999) });
    const other = importDeclaration({ clientReference: 'STOP-B' });
    const response = await app.graphql(TWO_SUBMISSIONS, { big, other }, token);
    const context = JSON.stringify({ ...response.body, data: undefined }).slice(0, 800);
    expect(await storedCount(app, 'STOP-A')).toBe(1);
    expect(await storedCount(app, 'STOP-B')).toBe(0);
    expect(response.status, context).toBe(200);
    expect(response.body.data, context).toBeNull();
    // One error, at the field that stopped the operation; none for b, whose resolver never ran.
    expect(
      response.body.errors?.map((error) => error.path?.[0]),
      context,
    ).toEqual(['a']);
    expect(response.body.errors?.[0]?.extensions, context).toMatchObject({
      code: 'QUERY_TOO_COSTLY',
      writeOutcome: 'COMMITTED',
      notRun: ['b'],
      requestId: expect.any(String),
    });
    const replay = `mutation Again($input: DeclarationInput!) { submitDeclaration(input: $input) {
        __typename ... on SubmitDeclarationSuccess { replayed declaration { clientReference } } } }`;
    // Sent again on its own, the field that did not run is a new submission, not a replay ...
    const again = await app.graphql(replay, { input: other }, token);
    expect(again.body.data?.submitDeclaration).toEqual({
      __typename: 'SubmitDeclarationSuccess',
      replayed: false,
      declaration: { clientReference: 'STOP-B' },
    });
    // ... and the one that committed, whose answer was lost with `data`, answers what was stored.
    const stored = await app.graphql(replay, { input: big }, token);
    expect(stored.body.data?.submitDeclaration).toEqual({
      __typename: 'SubmitDeclarationSuccess',
      replayed: true,
      declaration: { clientReference: 'STOP-A' },
    });
    expect(await storedCount(app, 'STOP-A')).toBe(1);
  });

  it('refuses the next root field before it runs when the refused list sat under a nullable field', async () => {
    // The assessment is nullable: its refused items null it, the first field completes, and the
    // second is refused before its resolver runs, which stops the operation there.
    const response = await app.graphql(
      `mutation Three($big: DeclarationInput!, $other: DeclarationInput!, $third: DeclarationInput!) {
        a: submitDeclaration(input: $big) {
          __typename ... on SubmitDeclarationSuccess { declaration { number assessment { items { itemNumber } } } }
        }
        b: submitDeclaration(input: $other) { __typename }
        c: submitDeclaration(input: $third) { __typename }
      }`,
      {
        big: importDeclaration({ clientReference: 'NULLABLE-A', goodsItems: items(999) }),
        other: importDeclaration({ clientReference: 'NULLABLE-B' }),
        third: importDeclaration({ clientReference: 'NULLABLE-C' }),
      },
      token,
    );
    const context = JSON.stringify({ ...response.body, data: undefined }).slice(0, 1200);
    expect(await storedCount(app, 'NULLABLE-A')).toBe(1);
    expect(await storedCount(app, 'NULLABLE-B')).toBe(0);
    expect(await storedCount(app, 'NULLABLE-C')).toBe(0);
    expect(response.status, context).toBe(200);
    expect(response.body.data, context).toBeNull();
    const byField = Object.fromEntries((response.body.errors ?? []).map((error) => [error.path?.[0], error]));
    expect(Object.keys(byField).sort(), context).toEqual(['a', 'b']);
    expect(byField.a?.extensions, context).toMatchObject({ code: 'QUERY_TOO_COSTLY', writeOutcome: 'COMMITTED' });
    expect(byField.a?.extensions?.notRun, context).toBeUndefined();
    expect(byField.b?.path, context).toEqual(['b']);
    expect(byField.b?.message, context).toMatch(/not run/i);
    expect(byField.b?.extensions, context).toMatchObject({
      code: 'MUTATION_NOT_RUN',
      reason: 'QUERY_TOO_COSTLY',
      writeOutcome: 'COMMITTED',
      notRun: ['b', 'c'],
    });
  });

  it('runs every field of a mutation within the limit', async () => {
    const response = await app.graphql(
      TWO_SUBMISSIONS,
      {
        big: importDeclaration({ clientReference: 'FITS-A', goodsItems: items(3) }),
        other: importDeclaration({ clientReference: 'FITS-B' }),
      },
      token,
    );
    expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    expect(response.body.data?.b?.declaration?.clientReference).toBe('FITS-B');
    expect(await storedCount(app, 'FITS-B')).toBe(1);
  });

  it('still answers a query over the limit with the refusal alone', async () => {
    await app.graphql(
      TWO_SUBMISSIONS.replace(/mutation Two/, 'mutation Seed'),
      {
        big: importDeclaration({ goodsItems: items(999) }),
        other: importDeclaration(),
      },
      token,
    );
    const response = await app.graphql(
      `{ declarations(first: 5) { edges { node { goodsItems { itemNumber description commodityCode } } } } }`,
      {},
      token,
    );
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_COSTLY']);
    expect(response.body.errors?.[0]?.extensions?.writeOutcome).toBeUndefined();
  });
});

describe('a mutation whose answer is over the response size limit', () => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await startTestApp({ env: { MAX_RESPONSE_BYTES: '4000' } });
    token = await app.token({ role: 'business', organisationNumber: ORG_A });
  });
  afterAll(() => app.close());

  it('withholds the answer but says RESPONSE_TOO_LARGE with writeOutcome COMMITTED', async () => {
    const big = importDeclaration({ clientReference: 'LARGE-A', goodsItems: items(200) });
    const other = importDeclaration({ clientReference: 'LARGE-B' });
    const response = await app.graphql(TWO_SUBMISSIONS, { big, other }, token);
    const context = JSON.stringify(response.body).slice(0, 800);
    expect(await storedCount(app, 'LARGE-A')).toBe(1);
    expect(await storedCount(app, 'LARGE-B')).toBe(1);
    expect(
      response.body.errors?.map((error) => error.extensions?.code),
      context,
    ).toEqual(['RESPONSE_TOO_LARGE']);
    expect(response.body.errors?.[0]?.extensions, context).toMatchObject({
      writeOutcome: 'COMMITTED',
      requestId: expect.any(String),
      limit: 4000,
    });
    expect(response.status, context).toBe(200);
    expect(response.body.data, context).toBeNull();
  });

  it('still answers a query over the limit 400 without writeOutcome', async () => {
    const response = await app.graphql('{ countries { code name } }');
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
    expect(response.body.errors?.[0]?.extensions?.writeOutcome).toBeUndefined();
  });
});
