import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, startTestApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ clock: fixedClock('2025-08-15T12:00:00Z') });
});
afterAll(() => app.close());

describe('public reference data', () => {
  it('searches the tariff by code prefix, with the dotted form: the published codes and the development ones', async () => {
    const { body } = await app.graphql(
      `{ commodities(prefix: "0406.90") { edges { node { code displayCode description chapter { code }
          heading { code } ratesLoaded vatClass unit } } } }`,
    );
    const nodes = body.data.commodities.edges.map((e: { node: { code: string } }) => e.node);
    expect(nodes.map((n: { code: string }) => n.code)).toEqual([
      '04069030',
      '04069082',
      '04069084',
      '04069089',
      '04069093',
      '04069097',
      '04069098',
      '04069099',
    ]);
    const chapter = { code: '04' };
    const heading = { code: '0406' };
    // A published code the development files give rates to, one they do not, and a development-only code.
    expect(nodes[6]).toEqual({
      code: '04069098',
      displayCode: '0406.9098',
      description: 'Other',
      chapter,
      heading,
      ratesLoaded: true,
      vatClass: 'FOOD',
      unit: 'KG',
    });
    expect(nodes[1]).toEqual({
      code: '04069082',
      displayCode: '0406.9082',
      description: 'Camembert',
      chapter,
      heading,
      ratesLoaded: false,
      vatClass: null,
      unit: null,
    });
    expect(nodes[7]).toMatchObject({ code: '04069099', description: 'Other cheese', ratesLoaded: true, unit: 'KG' });
  });

  it('searches the tariff by words of the description, in any case', async () => {
    const { body } = await app.graphql(
      `{ commodities(search: "MOTOR cars electric") { edges { node { code restrictedBy exciseCategory } } } }`,
    );
    expect(body.data.commodities.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { code: '87038000', restrictedBy: 'VEGVESEN', exciseCategory: 'VEHICLE' },
    ]);
  });

  it('pages through the tariff with cursors', async () => {
    const first = await app.graphql(
      `{ commodities(prefix: "0406", first: 10) { edges { node { code } } pageInfo { endCursor hasNextPage } } }`,
    );
    const rest = await app.graphql(
      `query($after: String) { commodities(prefix: "0406", first: 100, after: $after) { edges { node { code } } pageInfo { hasNextPage } } }`,
      {
        after: first.body.data.commodities.pageInfo.endCursor,
      },
    );
    const codes = [...first.body.data.commodities.edges, ...rest.body.data.commodities.edges].map(
      (e: { node: { code: string } }) => e.node.code,
    );
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
    // 14 published codes under heading 0406 and the development code 04069099.
    expect(codes.length).toBe(15);
    expect(first.body.data.commodities.pageInfo.hasNextPage).toBe(true);
    expect(rest.body.data.commodities.pageInfo.hasNextPage).toBe(false);
  });

  it('gives the exchange rate in force on a date, with its unit and window', async () => {
    const { body } = await app.graphql(`{
      first: exchangeRate(currency: "USD", date: "2025-03-01") { rate unit nokPerUnit validFrom validTo }
      second: exchangeRate(currency: "usd", date: "2025-07-01") { rate validFrom }
      today: exchangeRate(currency: "SEK") { rate unit nokPerUnit }
      none: exchangeRate(currency: "XAU", date: "2025-03-01") { rate }
    }`);
    expect(body.data).toEqual({
      first: { rate: '10.5', unit: 1, nokPerUnit: '10.5', validFrom: '2025-01-01', validTo: '2025-06-30' },
      second: { rate: '10.2', validFrom: '2025-07-01' },
      today: { rate: '100.8', unit: 100, nokPerUnit: '1.008' },
      none: null,
    });
  });

  it('lists countries, currencies, customs offices and procedures by type', async () => {
    const { body } = await app.graphql(`{
      countries { code name } currencies { code minorUnits }
      customsOffices { code name } procedureCodes(type: EXPORT) { code declarationType }
    }`);
    expect(body.data.countries).toHaveLength(249);
    expect(body.data.countries).toContainEqual({ code: 'NO', name: 'Norway' });
    expect(body.data.currencies).toContainEqual({ code: 'JPY', minorUnits: 0 });
    expect(body.data.customsOffices).toContainEqual({ code: 'NO351001', name: 'Oslo lufthavn Gardermoen' });
    expect(body.data.procedureCodes.every((p: { declarationType: string }) => p.declarationType === 'EXPORT')).toBe(
      true,
    );
  });

  it('refuses malformed codes as request errors with a reason', async () => {
    const { body } = await app.graphql(`{ exchangeRate(currency: "DOLLAR") { rate } }`);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    const commodity = await app.graphql(`query($c: CommodityCode!) { commodity(code: $c) { code } }`, { c: '0406' });
    expect(commodity.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_COMMODITYCODE',
    });
  });
});
