import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgencyFixture, seedAgencyFixture } from '../../helpers/agency-fixture.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { declarationId, goodsItem, importDeclaration, ORG_A, SUBMIT } from '../../helpers/factories.js';
import { waitForFeedHorizon } from '../../helpers/feed-horizon.js';

/**
 * An agency that sees only some goods items of a declaration must not be able to work out the
 * others. cheeseAndSweaters holds pullovers (chapter 61, item 1) and cheese (chapter 04, item 2),
 * each invoiced at USD 800, with USD 100 freight and USD 10 insurance. The Agriculture Agency
 * (LDIR: chapters 01-23 with read:assessments) sees the cheese only.
 */
let app: TestApp;
let fixture: AgencyFixture;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  fixture = await seedAgencyFixture(app);
  for (const code of ['LDIR', 'SKATTEETATEN']) tokens[code] = await app.token({ role: 'agency', agencyCode: code });
  tokens.business = await app.token({ role: 'business', organisationNumber: ORG_A });
});
afterAll(() => app.close());

const QUERY = `query($id: String!) { declaration(number: $id) {
  freight { amount } insurance { amount }
  goodsItems { itemNumber commodityCode invoiceAmount { amount } }
  versions { freight { amount } goodsItems { itemNumber } }
  assessment { items { itemNumber lines { kind basis { explanation } } } totals { total { amount } } } } }`;

interface Seen {
  freight: { amount: string } | null;
  insurance: { amount: string } | null;
  goodsItems: { itemNumber: number; commodityCode: string; invoiceAmount: { amount: string } }[];
  versions: { freight: { amount: string } | null; goodsItems: { itemNumber: number }[] }[];
  assessment: {
    items: { itemNumber: number; lines: { kind: string; basis: { explanation: string } }[] }[];
    totals: unknown;
  };
}

async function seen(token: string): Promise<Seen> {
  const { body } = await app.graphql(QUERY, { id: fixture.cheeseAndSweaters }, token);
  expect(body.errors).toBeUndefined();
  return body.data.declaration;
}

/**
 * What the attack of the finding computes: freight and insurance are shared by invoice value, so
 * share / visible invoice = (freight + insurance) / invoice total. Null when the figures it needs
 * are not shown.
 */
function hiddenInvoiceValue(d: Seen): number | null {
  const explanation = d.assessment.items[0]?.lines.find((l) => l.kind === 'CUSTOMS_VALUE')?.basis.explanation ?? '';
  const share = /share of freight and insurance [A-Z]{3} ([\d.]+)/.exec(explanation)?.[1];
  if (!d.freight || !d.insurance || !share) return null;
  const visible = d.goodsItems.reduce((sum, item) => sum + Number(item.invoiceAmount.amount), 0);
  const total = ((Number(d.freight.amount) + Number(d.insurance.amount)) * visible) / Number(share);
  return Math.round(total - visible);
}

describe('an agency that sees only some goods items', () => {
  it('cannot compute the value of the goods outside its chapters', async () => {
    const d = await seen(tokens.LDIR as string);
    expect(d.goodsItems.map((i) => i.commodityCode)).toEqual(['04069099']);
    expect(hiddenInvoiceValue(d)).toBeNull();
    expect(d.freight).toBeNull();
    expect(d.insurance).toBeNull();
    expect(d.versions.map((v) => v.freight)).toEqual([null]);
    expect(d.assessment.totals).toBeNull();
    const explanation = d.assessment.items[0]?.lines.find((l) => l.kind === 'CUSTOMS_VALUE')?.basis.explanation;
    expect(explanation).toMatch(/^Invoice amount USD 800 \+ its share of freight and insurance \(not shown/);
    expect(explanation).not.toMatch(/USD \d+\.\d+ \(allocated/);
  });

  it('sees item numbers without gaps: its items numbered 1 to n', async () => {
    const d = await seen(tokens.LDIR as string);
    expect(d.goodsItems.map((i) => i.itemNumber)).toEqual([1]);
    expect(d.versions.map((v) => v.goodsItems.map((i) => i.itemNumber))).toEqual([[1]]);
    expect(d.assessment.items.map((i) => i.itemNumber)).toEqual([1]);
  });

  it('sees the same numbers in the item feed', async () => {
    await waitForFeedHorizon(app.db.db);
    const FEED = `{ declarationItemFeed(first: 1000) { events { declarationNumber itemNumber commodityCode } } }`;
    const { body } = await app.graphql(FEED, {}, tokens.LDIR);
    const mine = body.data.declarationItemFeed.events.filter(
      (e: { declarationNumber: string }) => e.declarationNumber === fixture.cheeseAndSweaters,
    );
    expect(mine).toEqual([{ declarationNumber: fixture.cheeseAndSweaters, itemNumber: 1, commodityCode: '04069099' }]);
    const all = await app.graphql(FEED, {}, tokens.SKATTEETATEN);
    expect(
      all.body.data.declarationItemFeed.events
        .filter((e: { declarationNumber: string }) => e.declarationNumber === fixture.cheeseAndSweaters)
        .map((e: { itemNumber: number }) => e.itemNumber),
    ).toEqual([1, 2]);
  });
});

const NOK_QUERY = `query($id: String!) { declaration(number: $id) {
  goodsItems { invoiceAmount { amount } }
  assessment { items { lines { kind charge amount { amount }
    basis { baseAmount { amount } exchangeRate { rate unit } quantity { value } rates { id } explanation } } } } } }`;

interface NokLine {
  kind: string;
  charge: boolean;
  amount: { amount: string } | null;
  basis: {
    baseAmount: { amount: string } | null;
    exchangeRate: { rate: string; unit: number } | null;
    quantity: unknown;
    rates: { id: string }[];
    explanation: string;
  };
}

/**
 * The same attack from the NOK amounts of the first item the reader sees: its customs value (the
 * customs-value line, or the base of a percentage charge, or the VAT base less the charges before
 * it) less its invoice amount in NOK is its share of freight and insurance, and the share is
 * allocated by invoice value. Returns every customs value in NOK the lines give away.
 */
function customsValuesGivenAway(lines: NokLine[]): number[] {
  const values: number[] = [];
  const charges = lines.filter((l) => l.charge && l.kind !== 'VAT');
  for (const line of lines) {
    if (line.kind === 'CUSTOMS_VALUE' && line.amount) values.push(Number(line.amount.amount));
    if (line.kind !== 'CUSTOMS_VALUE' && line.kind !== 'VAT' && line.basis.baseAmount)
      values.push(Number(line.basis.baseAmount.amount));
    if (line.kind === 'VAT' && line.basis.baseAmount && charges.every((c) => c.amount))
      values.push(Number(line.basis.baseAmount.amount) - charges.reduce((sum, c) => sum + Number(c.amount?.amount), 0));
  }
  return values;
}

async function nokSeen(token: string) {
  const { body } = await app.graphql(NOK_QUERY, { id: fixture.cheeseAndSweaters }, token);
  expect(body.errors).toBeUndefined();
  return body.data.declaration as {
    goodsItems: { invoiceAmount: { amount: string } }[];
    assessment: { items: { lines: NokLine[] }[] };
  };
}

describe('the NOK amounts of an assessment', () => {
  it('give a partial reader no customs value of its items, and so no share of freight and insurance', async () => {
    const d = await nokSeen(tokens.LDIR as string);
    const lines = d.assessment.items[0]?.lines ?? [];
    expect(lines.map((l) => l.kind)).toContain('CUSTOMS_VALUE');
    expect(customsValuesGivenAway(lines)).toEqual([]);
    // Nor do the sentences quote it; the kind, the rule and the rates applied stay.
    expect(lines.filter((l) => /NOK \d/.test(l.basis.explanation)).map((l) => l.basis.explanation)).toEqual([]);
    expect(lines.every((l) => l.basis.rates.length > 0 || l.kind === 'CUSTOMS_VALUE')).toBe(true);
    expect(lines.find((l) => l.kind === 'CUSTOMS_DUTY')?.basis.explanation).toMatch(
      /^Customs duty, ordinary rate \(TALL, rate \w+, valid from [\d-]+\) on the customs value, not shown/,
    );
  });

  it('give those who see every item the customs value, from which the attack works', async () => {
    const d = await nokSeen(tokens.SKATTEETATEN as string);
    const cheese = d.assessment.items[1]?.lines ?? [];
    const [customsValue] = customsValuesGivenAway(cheese);
    const rate = cheese.find((l) => l.kind === 'CUSTOMS_VALUE')?.basis.exchangeRate;
    expect(customsValue).toBeDefined();
    expect(rate).toBeTruthy();
    const perUnit = Number(rate?.rate) / Number(rate?.unit);
    const invoiceUsd = Number(d.goodsItems[1]?.invoiceAmount.amount);
    const shareUsd = (customsValue as number) / perUnit - invoiceUsd;
    // Freight and insurance USD 110 shared by invoice value over USD 800 seen and the rest.
    expect(Math.round((110 * invoiceUsd) / shareUsd - invoiceUsd)).toBe(800);
  });
});

describe('callers who see every item', () => {
  it('see freight, insurance, the allocation and the real item numbers', async () => {
    for (const token of [tokens.SKATTEETATEN, tokens.business] as string[]) {
      const d = await seen(token);
      expect(d.freight).toEqual({ amount: '100.00' });
      expect(d.insurance).toEqual({ amount: '10.00' });
      expect(d.goodsItems.map((i) => i.itemNumber)).toEqual([1, 2]);
      expect(d.assessment.items.map((i) => i.itemNumber)).toEqual([1, 2]);
      expect(
        hiddenInvoiceValue({
          ...d,
          goodsItems: d.goodsItems.slice(1),
          assessment: { ...d.assessment, items: d.assessment.items.slice(1) },
        }),
      ).toBe(800);
    }
  });
});

describe('an agency that saw every item of an earlier version', () => {
  const AMEND = `mutation($input: AmendDeclarationInput!) { amendDeclaration(input: $input) { __typename } }`;
  const VERSIONS = `query($id: String!) { declaration(number: $id) {
    freight { amount } insurance { amount }
    versions { version freight { amount } insurance { amount } goodsItems { invoiceAmount { amount } }
      assessment { items { lines { kind basis { baseAmount { amount } } } } } } } }`;
  let number: string;

  beforeAll(async () => {
    // Version 1 holds the cheese alone, which LDIR sees whole; version 2 adds pullovers it may not see.
    const cheese = goodsItem({ commodityCode: '04069099', countryOfOrigin: 'FR', supplementaryQuantity: null });
    const input = importDeclaration({ goodsItems: [cheese] });
    const { body } = await app.graphql(SUBMIT, { input }, tokens.business);
    number = body.data.submitDeclaration.declaration.number;
    const amended = await app.graphql(
      AMEND,
      { input: { id: declarationId(number), declaration: { ...input, goodsItems: [cheese, goodsItem()] } } },
      tokens.business,
    );
    expect(amended.body.data?.amendDeclaration?.__typename).toBe('AmendDeclarationSuccess');
  });

  it('sees neither freight nor insurance on any version, nor the base of a customs value', async () => {
    const { body } = await app.graphql(VERSIONS, { id: number }, tokens.LDIR);
    expect(body.errors).toBeUndefined();
    const d = body.data.declaration;
    expect(d.versions).toHaveLength(2);
    expect(d.versions[1].goodsItems).toHaveLength(1);
    expect([d.freight, d.insurance]).toEqual([null, null]);
    expect(d.versions.map((v: { freight: unknown; insurance: unknown }) => [v.freight, v.insurance])).toEqual([
      [null, null],
      [null, null],
    ]);
    const bases = d.versions.flatMap(
      (v: { assessment: { items: { lines: { kind: string; basis: { baseAmount: unknown } }[] }[] } }) =>
        v.assessment.items.flatMap((i) => i.lines.filter((l) => l.kind === 'CUSTOMS_VALUE')),
    );
    expect(bases.length).toBeGreaterThan(0);
    expect(bases.map((l: { basis: { baseAmount: unknown } }) => l.basis.baseAmount)).toEqual(bases.map(() => null));
  });

  it('the declarant still sees freight on every version and the base of each customs value', async () => {
    const { body } = await app.graphql(VERSIONS, { id: number }, tokens.business);
    const d = body.data.declaration;
    expect(d.versions.map((v: { freight: unknown }) => v.freight)).toEqual([
      { amount: '100.00' },
      { amount: '100.00' },
    ]);
    const line = d.versions[1].assessment.items[0].lines.find((l: { kind: string }) => l.kind === 'CUSTOMS_VALUE');
    expect(line.basis.baseAmount).not.toBeNull();
  });
});

describe('reading freight as a partial agency', () => {
  it('reads no goods item rows, in one statement however many declarations the page holds', async () => {
    app.db.clearStatements();
    const { body } = await app.graphql(
      `{ declarations(first: 50) { edges { node { freight { amount } versions { insurance { amount } } } } } }`,
      {},
      tokens.LDIR,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.declarations.edges.length).toBeGreaterThan(1);
    const items = app.db.statements.filter((sql) => /"goods_items"/i.test(sql) && !/exists \(select 1/i.test(sql));
    expect(items).toHaveLength(1);
    expect(items[0]).not.toMatch(/"description"|"documents"|"invoice_amount"/i);
  });
});

describe('the cost a partial agency is told', () => {
  it('does not tell how many items it may not see', async () => {
    const cheese = goodsItem({ commodityCode: '04069099', description: 'Cheese', supplementaryQuantity: null });
    const { body } = await app.graphql(
      SUBMIT,
      { input: importDeclaration({ goodsItems: [...Array.from({ length: 30 }, () => goodsItem()), cheese] }) },
      tokens.business,
    );
    const manyHidden = body.data.submitDeclaration.declaration.number as string;
    const costFor = async (id: string) => {
      const answer = await app.graphql(
        'query($id: String!) { declaration(number: $id) { goodsItems { itemNumber } } }',
        { id },
        tokens.LDIR,
      );
      expect(answer.body.data.declaration.goodsItems).toEqual([{ itemNumber: 1 }]);
      return answer.body.extensions?.cost;
    };
    expect(await costFor(manyHidden)).toEqual(await costFor(fixture.cheeseForPerson));
  });
});
