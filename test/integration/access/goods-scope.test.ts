import { execute, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyPrincipal } from '../../../src/auth/principal.js';
import { createRequestContext } from '../../../src/composition/context.js';
import { buildSchema } from '../../../src/composition/schema.js';
import { createLogger } from '../../../src/logger.js';
import { agencies, agencyAgreements } from '../../../src/modules/agencies/tables.js';
import { RateBooks } from '../../../src/modules/assessment/service.js';
import { createRiskRuleBooks } from '../../../src/modules/control/service.js';
import { fixedClock, startTestApp, type TestApp } from '../../helpers/app.js';
import { goodsItem, importDeclaration, ORG_A, ORG_B, ORG_C, SUBMIT } from '../../helpers/factories.js';
import { waitForFeedHorizon } from '../../helpers/feed-horizon.js';

/**
 * One agency goods scope: the declarations an agency reads, the item feed it follows and the
 * statistics it is given cover the same goods, for every shape of agreement. The reads run below
 * the field guard, on the schema without it, so each read's own row decision is what is compared
 * (the guard would refuse some of these callers before any row is read).
 */
const clock = fixedClock('2026-04-02T08:00:00Z');
const MONTH = '2026-04';
let app: TestApp;
let rateBooks: RateBooks;

/** A goods item as the three reads can all name it: chapter, origin and the declaration's procedure. */
interface Goods {
  readonly code: string;
  readonly origin: string;
  readonly procedure: string;
}

const CHEESE_FR: Goods = { code: '04069099', origin: 'FR', procedure: '4000' };
const PULLOVERS_CN: Goods = { code: '61102000', origin: 'CN', procedure: '4000' };
const SHOTGUN_US: Goods = { code: '93032000', origin: 'US', procedure: '4000' };
const LAPTOPS_DE: Goods = { code: '84713000', origin: 'DE', procedure: '4071' };
const CHEESE_NO_EXPORT: Goods = { code: '04069099', origin: 'NO', procedure: '1000' };

/** The declarations, each submitted by three declarants so that no statistics cell is withheld. */
const DECLARATIONS: readonly (readonly Goods[])[] = [
  [PULLOVERS_CN, CHEESE_FR],
  [SHOTGUN_US],
  [LAPTOPS_DE],
  [CHEESE_NO_EXPORT],
];
const DECLARANTS = [ORG_A, ORG_B, ORG_C];
const EVERY_ITEM = DECLARATIONS.flat();

const keyOf = (chapter: string, origin: string, procedure: string) => `${chapter}${origin}:${procedure}`;
const goodsKey = (g: Goods) => keyOf(g.code.slice(0, 2), g.origin, g.procedure);
/** What a read should show: each item once per declarant, sorted. */
const expected = (items: readonly Goods[]) =>
  DECLARANTS.flatMap(() => items.map(goodsKey)).sort((a, b) => a.localeCompare(b));

/** Procedure of each submitted declaration, by number: how the feed and the lists name the procedure here. */
const procedureOf = new Map<string, string>();

function inputFor(org: string, items: readonly Goods[]): Record<string, unknown> {
  const procedure = items[0]?.procedure ?? '4000';
  const goodsItems = items.map((g) =>
    goodsItem({
      commodityCode: g.code,
      countryOfOrigin: g.origin,
      supplementaryQuantity: g.code.startsWith('04') ? null : '1',
    }),
  );
  if (procedure === '1000') {
    return {
      ...importDeclaration({
        type: 'EXPORT',
        procedureCode: procedure,
        countryOfDispatch: 'NO',
        countryOfDestination: 'JP',
        importer: undefined,
        goodsItems,
      }),
      exporter: { organisationNumber: org },
    };
  }
  return importDeclaration({ procedureCode: procedure, importer: { organisationNumber: org }, goodsItems });
}

interface AgreementCase {
  readonly name: string;
  readonly grants: readonly string[];
  readonly chapters: readonly string[];
  readonly procedures?: readonly string[] | null;
  readonly originCountries?: readonly string[] | null;
  readonly validFrom?: string;
  readonly validTo?: string | null;
  /** The goods every read must show. */
  readonly sees: readonly Goods[];
}

const READS = ['read:statistics', 'read:exports'];
const CASES: readonly AgreementCase[] = [
  {
    // Reading by chapter promises a list of chapters; an agreement stored without one names no goods.
    name: 'an empty chapter list under read:declarations:chapters',
    grants: ['read:declarations:chapters', ...READS],
    chapters: [],
    sees: [],
  },
  {
    name: 'an empty origin list',
    grants: ['read:declarations:chapters', ...READS],
    chapters: ['04', '61', '84', '93'],
    originCountries: [],
    sees: [],
  },
  {
    name: 'empty chapter and origin lists',
    grants: ['read:declarations:chapters', ...READS],
    chapters: [],
    originCountries: [],
    sees: [],
  },
  {
    name: 'chapters and origins that overlap on some goods',
    grants: ['read:declarations:chapters', ...READS],
    chapters: ['04', '61', '93'],
    originCountries: ['FR', 'US', 'DE'],
    sees: [CHEESE_FR, SHOTGUN_US],
  },
  {
    name: 'all goods',
    grants: ['read:declarations:all', ...READS],
    chapters: [],
    sees: EVERY_ITEM,
  },
  {
    name: 'all goods, with a chapter list that reading all does not use',
    grants: ['read:declarations:all', ...READS],
    chapters: ['93'],
    sees: EVERY_ITEM,
  },
  {
    name: 'all goods of imports only (no read:exports)',
    grants: ['read:declarations:all', 'read:statistics'],
    chapters: [],
    sees: [CHEESE_FR, PULLOVERS_CN, SHOTGUN_US, LAPTOPS_DE],
  },
  {
    name: 'an agreement that ended',
    grants: ['read:declarations:all', ...READS],
    chapters: [],
    validFrom: '2026-01-01',
    validTo: '2026-04-01',
    sees: [],
  },
  {
    name: 'an agreement not yet in force',
    grants: ['read:declarations:all', ...READS],
    chapters: [],
    validFrom: '2026-04-03',
    sees: [],
  },
  {
    name: 'partial by origin only',
    grants: ['read:declarations:all', ...READS],
    chapters: [],
    originCountries: ['FR', 'NO'],
    sees: [CHEESE_FR, CHEESE_NO_EXPORT],
  },
  {
    name: 'partial by procedure only',
    grants: ['read:declarations:all', ...READS],
    chapters: [],
    procedures: ['4071'],
    sees: [LAPTOPS_DE],
  },
  {
    name: 'an empty procedure list',
    grants: ['read:declarations:all', ...READS],
    chapters: [],
    procedures: [],
    sees: [],
  },
];

const agencyCode = (i: number) => `SCOPE${i}`;

beforeAll(async () => {
  app = await startTestApp({ clock });
  rateBooks = new RateBooks(app.db.db);
  for (const org of DECLARANTS) {
    const token = await app.token({ role: 'business', organisationNumber: org });
    for (const items of DECLARATIONS) {
      const { body } = await app.graphql(SUBMIT, { input: inputFor(org, items) }, token);
      const number = body.data?.submitDeclaration?.declaration?.number;
      if (!number) throw new Error(`submission failed: ${JSON.stringify(body)}`);
      procedureOf.set(number, items[0]?.procedure ?? '');
    }
  }
  // Stored as they are, without the checks recordAgencyAgreement makes: the reads must hold
  // whatever an agreement row says.
  for (const [i, c] of CASES.entries()) {
    await app.db.db
      .insert(agencies)
      .values({ code: agencyCode(i), name: c.name, englishName: c.name, mandate: 'goods scope test' });
    await app.db.db.insert(agencyAgreements).values({
      agencyCode: agencyCode(i),
      grants: [...c.grants],
      chapters: [...c.chapters],
      procedures: c.procedures ? [...c.procedures] : (c.procedures ?? null),
      originCountries: c.originCountries ? [...c.originCountries] : (c.originCountries ?? null),
      personalData: false,
      validFrom: c.validFrom ?? '2026-01-01',
      validTo: c.validTo ?? null,
      recordedBy: 'test',
      reason: c.name,
      recordedAt: new Date('2026-01-01T00:00:00Z'),
    });
  }
  await waitForFeedHorizon(app.db.db);
});
afterAll(() => app.close());

/** Runs a query as the agency, on the schema without the field guard. */
async function asAgency(code: string, query: string) {
  const principal: AgencyPrincipal = {
    role: 'agency',
    agencyCode: code,
    subject: `agency:${code}`,
    scopes: new Set(),
    sandbox: false,
  };
  const contextValue = await createRequestContext(
    { db: app.db.db, clock, log: createLogger('silent'), rateBooks, riskRuleBooks: createRiskRuleBooks() },
    `goods-scope-${code}`,
    principal,
  );
  const result = await execute({ schema: buildSchema(), document: parse(query), contextValue });
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  // biome-ignore lint/suspicious/noExplicitAny: untyped response data, asserted by the caller
  return result.data as any;
}

const sorted = (keys: string[]) => keys.sort((a, b) => a.localeCompare(b));

interface Seen {
  /** Each goods item as `keyOf` names it. */
  readonly goods: string[];
  /** Each goods item by declaration and the number it is shown with. */
  readonly numbered: string[];
}

async function declarationsSeenBy(code: string): Promise<Seen> {
  const data = await asAgency(
    code,
    '{ declarations(first: 100) { edges { node { number goodsItems { itemNumber commodityCode countryOfOrigin } } } } }',
  );
  const goods: string[] = [];
  const numbered: string[] = [];
  for (const { node } of data.declarations.edges) {
    for (const item of node.goodsItems) {
      goods.push(keyOf(item.commodityCode.slice(0, 2), item.countryOfOrigin, procedureOf.get(node.number) ?? '?'));
      numbered.push(`${node.number}#${item.itemNumber}:${item.commodityCode}`);
    }
  }
  return { goods: sorted(goods), numbered: sorted(numbered) };
}

interface FeedEvent {
  kind: string;
  declarationNumber: string;
  itemNumber: number;
  commodityCode: string;
  countryOfOrigin: string;
}

async function feedSeenBy(code: string): Promise<Seen> {
  const data = await asAgency(
    code,
    '{ declarationItemFeed(first: 1000) { hasMore events { kind declarationNumber itemNumber commodityCode countryOfOrigin } } }',
  );
  expect(data.declarationItemFeed.hasMore).toBe(false);
  const events: FeedEvent[] = data.declarationItemFeed.events;
  // Nothing here is amended or cancelled: every event adds an item of the current version.
  expect(events.filter((e) => e.kind !== 'ADDED')).toEqual([]);
  return {
    goods: sorted(
      events.map((e) =>
        keyOf(e.commodityCode.slice(0, 2), e.countryOfOrigin, procedureOf.get(e.declarationNumber) ?? '?'),
      ),
    ),
    numbered: sorted(events.map((e) => `${e.declarationNumber}#${e.itemNumber}:${e.commodityCode}`)),
  };
}

async function statisticsSeenBy(code: string): Promise<string[]> {
  const data = await asAgency(
    code,
    `{ tradeStatistics(fromMonth: "${MONTH}", toMonth: "${MONTH}", groupBy: [CHAPTER, COUNTRY_OF_ORIGIN, PROCEDURE]) {
      chapter countryOfOrigin procedureCode { code } goodsItems } }`,
  );
  return sorted(
    data.tradeStatistics.flatMap(
      (cell: { chapter: string; countryOfOrigin: string; procedureCode: { code: string }; goodsItems: number }) =>
        Array.from({ length: cell.goodsItems }, () =>
          keyOf(cell.chapter, cell.countryOfOrigin, cell.procedureCode.code),
        ),
    ),
  );
}

describe('one agency goods scope for declarations, the item feed and statistics', () => {
  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', async (_name, i) => {
    const c = CASES[i] as AgreementCase;
    const code = agencyCode(i);
    const declarations = await declarationsSeenBy(code);
    const feed = await feedSeenBy(code);
    const statistics = await statisticsSeenBy(code);
    const answer = expected(c.sees);
    expect({ declarations: declarations.goods, feed: feed.goods, statistics }).toEqual({
      declarations: answer,
      feed: answer,
      statistics: answer,
    });
    // The feed numbers an item as the declaration shows it: among the items the reader may see.
    expect(feed.numbered).toEqual(declarations.numbered);
  });
});
