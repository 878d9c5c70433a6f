import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AgencyFixture, seedAgencyFixture } from '../../helpers/agency-fixture.js';
import { fixedClock, startTestApp, type TestApp } from '../../helpers/app.js';
import { declarationId, goodsItem, importDeclaration, ORG_A } from '../../helpers/factories.js';
import { waitForFeedHorizon } from '../../helpers/feed-horizon.js';

let app: TestApp;
let fixture: AgencyFixture;
const tokens: Record<string, string> = {};

const FEED = `query($after: String, $first: Int) { declarationItemFeed(after: $after, first: $first) {
  marker hasMore events { kind declarationNumber version itemNumber commodityCode marker } } }`;

interface FeedEvent {
  kind: string;
  declarationNumber: string;
  version: number;
  itemNumber: number;
  commodityCode: string;
  marker: string;
}

async function readAll(
  token: string,
  after: string | null,
  first = 1000,
  { settle = true } = {},
): Promise<{ events: FeedEvent[]; marker: string | null }> {
  if (settle) await waitForFeedHorizon(app.db.db);
  const events: FeedEvent[] = [];
  let marker = after;
  for (;;) {
    const { body } = await app.graphql(FEED, { after: marker, first }, token);
    const page = body.data.declarationItemFeed;
    events.push(...page.events);
    marker = page.marker;
    if (!page.hasMore) return { events, marker };
  }
}

// Half past midnight on 1 December in Oslo, while it is still 30 November in UTC: statistics count
// a declaration in the authority's month, so a test that took the month from UTC would miss it.
const clock = fixedClock('2026-11-30T23:30:00Z');
const onPostgres = inject('database').kind === 'postgres';
beforeAll(async () => {
  app = await startTestApp({ clock });
  fixture = await seedAgencyFixture(app);
  for (const code of ['MATTILSYNET', 'SKATTEETATEN', 'SSB'])
    tokens[code] = await app.token({ role: 'agency', agencyCode: code });
  tokens.business = await app.token({ role: 'business', organisationNumber: ORG_A });
  tokens.officer = await app.token({ role: 'officer', employeeId: 'T1' });
});
afterAll(() => app.close());

describe('the declaration item feed', () => {
  it('gives an agency one event per goods item in its chapters, and a reader of all every item', async () => {
    const food = await readAll(tokens.MATTILSYNET as string, null);
    expect(food.events.map((e) => `${e.declarationNumber}#${e.itemNumber}:${e.kind}:${e.commodityCode}`)).toEqual([
      // Item 2 of the declaration, numbered among the items the agency may see (partial-view.test.ts).
      `${fixture.cheeseAndSweaters}#1:ADDED:04069099`,
      `${fixture.cheeseForPerson}#1:ADDED:04069099`,
    ]);
    const all = await readAll(tokens.SKATTEETATEN as string, null);
    expect(all.events).toHaveLength(5);
  });

  it('reports an amended item as removed and added again, and leaves unchanged items alone', async () => {
    const { marker } = await readAll(tokens.SKATTEETATEN as string, null);
    const AMEND = `mutation($input: AmendDeclarationInput!) { amendDeclaration(input: $input) { __typename } }`;
    const current = await app.graphql(
      `query($id: String!) { declaration(number: $id) { clientReference } }`,
      { id: fixture.cheeseAndSweaters },
      tokens.business,
    );
    const cheese = goodsItem({
      commodityCode: '04069099',
      description: 'Cheese',
      countryOfOrigin: 'FR',
      supplementaryQuantity: null,
    });
    await app.graphql(
      AMEND,
      {
        input: {
          id: declarationId(fixture.cheeseAndSweaters),
          declaration: importDeclaration({
            clientReference: current.body.data.declaration.clientReference,
            goodsItems: [goodsItem(), { ...cheese, netMass: '15' }],
          }),
        },
      },
      tokens.business,
    );
    const next = await readAll(tokens.SKATTEETATEN as string, marker);
    expect(next.events.map((e) => `${e.itemNumber}:${e.kind}:v${e.version}`)).toEqual(['2:REMOVED:v1', '2:ADDED:v2']);
  });

  it('reports a change of procedure as every item removed under the old one and added under the new', async () => {
    const { marker } = await readAll(tokens.SKATTEETATEN as string, null);
    const current = await app.graphql(
      `query($id: String!) { declaration(number: $id) { clientReference } }`,
      { id: fixture.laptops },
      tokens.business,
    );
    const input = importDeclaration({
      clientReference: current.body.data.declaration.clientReference,
      procedureCode: '4071',
      invoiceCurrency: 'PLN',
      goodsItems: [goodsItem({ commodityCode: '84713000', description: 'Laptops', supplementaryQuantity: '3' })],
    });
    await app.graphql(
      `mutation($input: AmendDeclarationInput!) { amendDeclaration(input: $input) { __typename } }`,
      { input: { id: declarationId(fixture.laptops), declaration: input } },
      tokens.business,
    );
    const next = await readAll(tokens.SKATTEETATEN as string, marker);
    const FEED_PROCEDURE = `query($after: String) { declarationItemFeed(after: $after) { events { kind procedureCode { code } } } }`;
    const { body } = await app.graphql(FEED_PROCEDURE, { after: marker }, tokens.SKATTEETATEN);
    expect(next.events.map((e) => `${e.kind}:v${e.version}`)).toEqual(['REMOVED:v1', 'ADDED:v2']);
    expect(body.data.declarationItemFeed.events).toEqual([
      { kind: 'REMOVED', procedureCode: { code: '4000' } },
      { kind: 'ADDED', procedureCode: { code: '4071' } },
    ]);
  });

  it('pages by marker without skipping or repeating an event', async () => {
    const whole = await readAll(tokens.SKATTEETATEN as string, null);
    const paged = await readAll(tokens.SKATTEETATEN as string, null, 2);
    expect(paged.events.map((e) => e.marker)).toEqual(whole.events.map((e) => e.marker));
    // An empty page hands back the marker the reader already has.
    const { body } = await app.graphql(FEED, { after: whole.marker }, tokens.SKATTEETATEN);
    expect(body.data.declarationItemFeed).toEqual({ marker: whole.marker, hasMore: false, events: [] });
  });

  it('holds back events of transactions still running, so none is lost behind a marker', async () => {
    const { marker } = await readAll(tokens.SKATTEETATEN as string, null);
    // An event from a transaction id no finished transaction has reached yet stays out of the feed.
    await app.db.db.execute(
      sql`insert into declaration_item_events (tx_id, declaration_id, declaration_number, declaration_type, version, item_number, kind, commodity_code, origin_country, procedure_code, occurred_at)
        values ((pg_current_xact_id()::text::bigint + 1000000)::text::xid8, 1, 'X-FUTURE', 'IMPORT', 1, 1, 'ADDED', '04069099', 'FR', '4000', now())`,
    );
    const held = await readAll(tokens.SKATTEETATEN as string, marker);
    expect(held.events.map((e) => e.declarationNumber)).not.toContain('X-FUTURE');
  });

  // The embedded database has one connection, so nothing can run beside an open transaction there.
  it.runIf(onPostgres)('holds back the events of a real transaction left open beside the reader', async () => {
    const { marker } = await readAll(tokens.SKATTEETATEN as string, null);
    const url = app.db.url;
    if (!url) throw new Error('a PostgreSQL test database has a connection string');
    const { default: postgres } = await import('postgres');
    const other = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await other.begin(async (tx) => {
        await tx`insert into declaration_item_events (declaration_id, declaration_number, declaration_type, version, item_number, kind, commodity_code, origin_country, procedure_code, occurred_at)
          values (1, 'X-PENDING', 'IMPORT', 1, 1, 'ADDED', '04069099', 'FR', '4000', now())`;
        // A later transaction commits first; the reader must not move its marker past the open one.
        await app.graphql(
          `mutation($input: DeclarationInput!) { submitDeclaration(input: $input) { __typename } }`,
          {
            input: importDeclaration({
              goodsItems: [goodsItem({ commodityCode: '04069099', supplementaryQuantity: null })],
            }),
          },
          tokens.business,
        );
        const during = await readAll(tokens.SKATTEETATEN as string, marker, 1000, { settle: false });
        expect(during.events.map((e) => e.declarationNumber)).not.toContain('X-PENDING');
        expect(during.events).toHaveLength(0);
      });
      // Once it commits, both events arrive. Not necessarily at once: the horizon is the oldest
      // transaction running anywhere on the server, and other test files share this server.
      let after = await readAll(tokens.SKATTEETATEN as string, marker);
      for (let wait = 0; after.events.length < 2 && wait < 100; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        after = await readAll(tokens.SKATTEETATEN as string, marker);
      }
      expect(after.events.map((e) => e.declarationNumber)).toContain('X-PENDING');
      expect(after.events).toHaveLength(2);
    } finally {
      await other.end();
    }
  });

  it('caps pages at 1,000 events and refuses markers it did not issue', async () => {
    const big = await app.graphql(FEED, { first: 1001 }, tokens.SKATTEETATEN);
    expect(big.body.errors?.[0]?.extensions).toMatchObject({ reason: 'PAGE_SIZE_OUT_OF_RANGE' });
    const forged = await app.graphql(FEED, { after: 'abc' }, tokens.SKATTEETATEN);
    expect(forged.body.errors?.[0]?.extensions).toMatchObject({ reason: 'INVALID_CURSOR' });
  });

  it('is refused to businesses and to agencies that do not read declarations', async () => {
    for (const token of [tokens.business, tokens.SSB]) {
      const { body } = await app.graphql(FEED, {}, token);
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('trade statistics', () => {
  // The month in Oslo of the fixed clock above.
  const month = '2026-12';
  const STATS = `query($from: String!, $to: String!, $by: [TradeStatisticsDimension!]!) {
    tradeStatistics(fromMonth: $from, toMonth: $to, groupBy: $by) { chapter countryOfOrigin declarations goodsItems netMass } }`;
  const submitAs = async (org: string, overrides: Record<string, unknown> = {}) => {
    const token = await app.token({ role: 'business', organisationNumber: org });
    await app.graphql(
      `mutation($input: DeclarationInput!) { submitDeclaration(input: $input) { __typename } }`,
      { input: importDeclaration({ importer: { organisationNumber: org }, ...overrides }) },
      token,
    );
  };
  const cells = async (by: string[], token = tokens.SSB) => {
    const { body } = await app.graphql(STATS, { from: month, to: month, by }, token);
    return body.data.tradeStatistics as { chapter: string; countryOfOrigin: string | null }[];
  };

  it('aggregates without personal data and leaves out cells of fewer than three declarants', async () => {
    // Three more declarants of pullovers from China make chapter 61 publishable.
    for (const org of ['310000027', '310000035', '310000043']) await submitAs(org);
    const { body } = await app.graphql(STATS, { from: month, to: month, by: ['CHAPTER'] }, tokens.SSB);
    expect(body.data.tradeStatistics).toEqual([
      { chapter: '61', countryOfOrigin: null, declarations: 4, goodsItems: 4, netMass: '50' },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/3100000|01819012365/);
    // Received at 23:30 UTC on 30 November: none of it is November's in Oslo.
    const november = await app.graphql(STATS, { from: '2026-11', to: '2026-11', by: ['CHAPTER'] }, tokens.SSB);
    expect(november.body.data.tradeStatistics).toEqual([]);
  });

  it('also withholds a cell from which a withheld finer cell could be worked out by subtraction', async () => {
    // One declarant's pullovers from Turkey: (61, TR) is too small, so chapter 61 as a whole,
    // minus the published (61, CN), would give that declarant's figures away.
    await submitAs('310000051', { goodsItems: [goodsItem({ countryOfOrigin: 'TR', netMass: '777' })] });
    expect(await cells(['CHAPTER'])).toEqual([]);
    expect((await cells(['CHAPTER', 'COUNTRY_OF_ORIGIN'])).map((c) => `${c.chapter}/${c.countryOfOrigin}`)).toEqual([
      '61/CN',
    ]);
  });

  it("covers only the goods of an agency's agreement", async () => {
    await app.graphql(
      `mutation($input: RecordAgencyAgreementInput!) { recordAgencyAgreement(input: $input) { __typename } }`,
      {
        input: {
          agencyCode: 'NORGESBANK',
          grants: ['read:statistics'],
          chapters: ['04'],
          personalData: false,
          reason: 'test',
        },
      },
      tokens.officer,
    );
    const norgesBank = await app.token({ role: 'agency', agencyCode: 'NORGESBANK' });
    expect((await cells(['CHAPTER', 'COUNTRY_OF_ORIGIN'], norgesBank)).every((c) => c.chapter === '04')).toBe(true);
    expect((await cells(['CHAPTER', 'COUNTRY_OF_ORIGIN'])).some((c) => c.chapter === '61')).toBe(true);
  });

  it('takes whole months only, one to twelve', async () => {
    for (const [from, to] of [
      ['2026-01-05', '2026-01-31'],
      ['2026-01', '2027-02'],
      ['2026-03', '2026-02'],
    ]) {
      const { body } = await app.graphql(STATS, { from, to, by: ['CHAPTER'] }, tokens.SSB);
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_STATISTICS_REQUEST',
      });
    }
  });

  it('is refused to businesses and agencies without the statistics grant', async () => {
    const { body } = await app.graphql(STATS, { from: month, to: month, by: ['CHAPTER'] }, tokens.MATTILSYNET);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
