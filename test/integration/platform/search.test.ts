import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import { commoditySearchQuery } from '../../../src/modules/rates/repository.js';
import { fixedClock, startTestApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ clock: fixedClock('2025-08-15T12:00:00Z') });
});
afterAll(() => app.close());

const SEARCH = 'query($s: String) { commodities(search: $s, first: 50) { edges { node { code } } } }';

async function search(text: string) {
  app.db.clearStatements();
  const response = await app.graphql(SEARCH, { s: text });
  const touchedTariff = app.db.statements.some((statement) => statement.includes('commodity_codes'));
  return { response, touchedTariff };
}

function codes(response: Awaited<ReturnType<TestApp['graphql']>>): string[] {
  return response.body.data.commodities.edges.map((e: { node: { code: string } }) => e.node.code);
}

describe('bounded tariff search', () => {
  const refusals: [string, string, string][] = [
    ['100,000 words', Array.from({ length: 100_000 }, (_, i) => `w${i}`).join(' '), 'TOO_MANY_WORDS'],
    ['60,000 words', Array.from({ length: 60_000 }, () => 'cheese').join(' '), 'TOO_MANY_WORDS'],
    ['nine words', 'a b c d e f g h i', 'TOO_MANY_WORDS'],
    ['a word of 65 characters', 'x'.repeat(65), 'WORD_TOO_LONG'],
    ['more than 200 characters in all', Array.from({ length: 4 }, () => 'y'.repeat(60)).join(' '), 'SEARCH_TOO_LONG'],
  ];
  for (const [what, text, reason] of refusals) {
    it(`refuses ${what} with INVALID_INPUT at the argument, without querying the tariff`, async () => {
      const { response, touchedTariff } = await search(text);
      expect(response.status).toBe(400);
      expect(response.body.errors).toHaveLength(1);
      const error = response.body.errors?.[0];
      expect(error?.path).toEqual(['commodities']);
      expect(error?.extensions).toMatchObject({ code: 'INVALID_INPUT', reason, inputPath: ['commodities', 'search'] });
      expect(error?.message).not.toMatch(/stack|select|RangeError/i);
      expect(touchedTariff).toBe(false);
    });
  }

  it('still finds by up to eight words of up to 64 characters, any case, in any order', async () => {
    // 04069099 is a development code; 19012097 is the published "Doughs, shaped, containing cheese ... other ...".
    expect(codes((await search('  CHEESE   other ')).response)).toEqual(['04069099', '19012097']);
    expect(codes((await search('doughs shaped containing CHEESE sausage meat offal blood')).response)).toEqual([
      '19012097',
    ]);
    expect(codes((await search(`cheese ${'z'.repeat(64)}`)).response)).toEqual([]);
    // A word matches inside longer words, as before.
    expect(codes((await search('aint')).response)).toEqual([
      '04069093',
      '06021025',
      '06029043',
      '06029051',
      '32100000',
      '32141006',
      '34052000',
      '38210000',
      '72107000',
      '72124000',
      '73239340',
      '73239930',
      '73249050',
      '84242001',
      '86040000',
      '96034000',
      '97011000',
      '97012100',
      '97019100',
    ]);
    // LIKE wildcards in the input are taken literally.
    expect(codes((await search('_')).response)).toEqual([]);
    const percent = await app.graphql('{ commodities(search: "%", first: 100) { edges { node { description } } } }');
    const texts = percent.body.data.commodities.edges.map((e: { node: { description: string } }) => e.node.description);
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toContain('%');
    expect(codes((await search('1,500-3,000')).response)).toEqual(['87032300']);
  });
});

describe('the tariff search at the size of the real tariff', () => {
  it('answers the words through the trigram index rather than reading every description', async () => {
    // The test database holds the whole published tariff (7,436 codes) beside the development codes.
    const [count] = rowsOf<{ n: number | string }>(
      await app.db.db.execute(sql`select count(*) as n from commodity_codes`),
    );
    expect(Number(count?.n)).toBe(7_449);
    // Statistics, and the GIN pending list merged, as autovacuum would leave them after a load.
    await app.db.db.execute(sql`vacuum analyze commodity_codes`);
    const query = commoditySearchQuery(
      app.db.db,
      { words: ['cheese', 'other'], validOn: '2025-08-15' },
      { limit: 21, inverted: false, after: undefined, before: undefined },
    );
    const plan = rowsOf<Record<string, string>>(await app.db.db.execute(sql`explain ${query}`))
      .map((row) => Object.values(row).join(''))
      .join('\n');
    expect(plan).toContain('commodity_codes_description_trgm');
    expect((await query).map((row) => row.code)).toEqual(['04069099', '19012097']);
  });
});
