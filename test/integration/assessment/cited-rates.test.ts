import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, startTestApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ clock: fixedClock('2026-03-10T09:00:00Z') });
});
afterAll(() => app.close());

const CALCULATE = `query($input: CalculateImportDutiesInput!) { calculateImportDuties(input: $input) {
  __typename
  ... on ImportDutyCalculation { items { lines { kind basis { rates { table id value kind countryGroup validFrom validTo } } } } }
  ... on ValidationFailed { problems { code path } }
} }`;

const LOOKUP = `query($id: ID!) { rate(id: $id) {
  __typename id validFrom validTo
  ... on DutyRate { commodityCode countryGroup kind value }
  ... on ResearchLevyRate { codePrefix percent }
  ... on ExciseRate { category unit value strengthFrom strengthTo }
  ... on PackagingRate { tax material perUnit }
  ... on VatRate { vatClass percent }
  ... on RuleRate { rule value }
} }`;

interface Cited {
  table: string;
  id: string;
  value: string;
  kind: string;
  countryGroup: string | null;
  validFrom: string;
  validTo: string | null;
}

/** The figure of a looked-up row that the assessment applies as the cited rate's value. */
function figureOf(rate: Record<string, string | null>): string | null {
  switch (rate.__typename) {
    case 'DutyRate':
    case 'ExciseRate':
    case 'RuleRate':
      return rate.value ?? null;
    case 'ResearchLevyRate':
    case 'VatRate':
      return rate.percent ?? null;
    case 'PackagingRate':
      return rate.perUnit ?? null;
    default:
      return null;
  }
}

const TYPE_OF_TABLE: Record<string, string> = {
  DUTY: 'DutyRate',
  RESEARCH_LEVY: 'ResearchLevyRate',
  EXCISE: 'ExciseRate',
  PACKAGING: 'PackagingRate',
  VAT: 'VatRate',
};

describe('rate(id:), the public lookup of the rate rows an assessment cites', () => {
  it('resolves every rate a wine and cigarettes assessment cites, to the figures its lines applied', async () => {
    const { body } = await app.graphql(CALCULATE, {
      input: {
        importer: 'BUSINESS',
        invoiceCurrency: 'NOK',
        goodsItems: [
          {
            commodityCode: '22042100',
            description: 'Red wine',
            countryOfOrigin: 'FR',
            netMass: '9',
            supplementaryQuantity: '9',
            alcoholStrength: '13',
            invoiceAmount: '1200',
            packaging: { material: 'GLASS_METAL', units: '12' },
          },
          {
            commodityCode: '24022000',
            description: 'Cigarettes',
            countryOfOrigin: 'DE',
            netMass: '2',
            supplementaryQuantity: '2000',
            invoiceAmount: '3000',
          },
        ],
      },
    });
    expect(body.errors).toBeUndefined();
    const calc = body.data.calculateImportDuties;
    expect(calc.__typename).toBe('ImportDutyCalculation');
    const cited: Cited[] = calc.items.flatMap((item: { lines: { basis: { rates: Cited[] } }[] }) =>
      item.lines.flatMap((l) => l.basis.rates),
    );
    const tables = new Set(cited.map((r) => r.table));
    for (const table of ['DUTY', 'EXCISE', 'PACKAGING', 'VAT']) expect(tables).toContain(table);
    // Every cited row is one of the rate tables rate(id:) serves.
    expect(cited.filter((r) => TYPE_OF_TABLE[r.table] === undefined)).toEqual([]);

    for (const rate of cited) {
      const { body: found } = await app.graphql(LOOKUP, { id: rate.id });
      expect(found.errors).toBeUndefined();
      const row = found.data.rate;
      expect(row, rate.id).not.toBeNull();
      expect(row).toMatchObject({
        __typename: TYPE_OF_TABLE[rate.table],
        id: rate.id,
        validFrom: rate.validFrom,
        validTo: rate.validTo,
      });
      expect(figureOf(row), rate.id).toBe(rate.value);
      if (rate.table === 'DUTY') expect(row.countryGroup).toBe(rate.countryGroup);
      if (rate.table === 'DUTY') expect(row.kind).toBe(rate.kind);
      if (rate.table === 'EXCISE') expect(row.unit).toBe(rate.kind);
    }
    const excise = cited.filter((r) => r.table === 'EXCISE');
    const categories = await Promise.all(
      excise.map(async (r) => (await app.graphql(LOOKUP, { id: r.id })).body.data.rate.category),
    );
    expect(categories.sort()).toEqual(['ALCOHOL', 'TOBACCO_CIGARETTES']);
  });

  it('resolves the VOEC limit rule a private import cites', async () => {
    const { body } = await app.graphql(CALCULATE, {
      input: {
        importer: 'PRIVATE_PERSON',
        invoiceCurrency: 'NOK',
        voecNumber: 'VOEC2029112',
        goodsItems: [
          {
            commodityCode: '61102000',
            description: 'Pullover',
            countryOfOrigin: 'CN',
            netMass: '1',
            supplementaryQuantity: '1',
            invoiceAmount: '500',
          },
        ],
      },
    });
    expect(body.errors).toBeUndefined();
    const rules = (body.data.calculateImportDuties.items ?? [])
      .flatMap((item: { lines: { basis: { rates: Cited[] } }[] }) => item.lines.flatMap((l) => l.basis.rates))
      .filter((r: Cited) => r.table === 'VOEC');
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      const { body: found } = await app.graphql(LOOKUP, { id: rule.id });
      expect(found.data.rate).toMatchObject({ __typename: 'RuleRate', id: rule.id, rule: 'VOEC_ITEM_VALUE_LIMIT' });
      expect(found.data.rate.value).toBe(rule.value);
    }
  });

  it('answers null for an id that names no row or is malformed, without an error', async () => {
    for (const id of ['D999999999', 'V0', 'D012', 'X1', '1', 'D', 'Dabc', '', 'D1 ', 'D99999999999999999999']) {
      const { body } = await app.graphql(LOOKUP, { id });
      expect(body.errors, id).toBeUndefined();
      expect(body.data.rate, id).toBeNull();
    }
  });

  it('reads the cited rows one request asks in one statement per table', async () => {
    const { body } = await app.graphql(CALCULATE, {
      input: {
        importer: 'BUSINESS',
        invoiceCurrency: 'NOK',
        goodsItems: [
          {
            commodityCode: '22030000',
            description: 'Beer',
            countryOfOrigin: 'DE',
            netMass: '10',
            supplementaryQuantity: '10',
            alcoholStrength: '4.5',
            invoiceAmount: '400',
          },
          {
            commodityCode: '22083000',
            description: 'Whisky',
            countryOfOrigin: 'GB',
            netMass: '1',
            supplementaryQuantity: '1',
            alcoholStrength: '40',
            invoiceAmount: '300',
          },
          {
            commodityCode: '0406.9099',
            description: 'Hard cheese',
            countryOfOrigin: 'FR',
            netMass: '5',
            invoiceAmount: '500',
          },
        ],
      },
    });
    expect(body.errors).toBeUndefined();
    const cited: Cited[] = body.data.calculateImportDuties.items.flatMap(
      (item: { lines: { basis: { rates: Cited[] } }[] }) => item.lines.flatMap((l) => l.basis.rates),
    );
    const ids = [...new Set(cited.map((r) => r.id))];
    const tables = new Set(cited.map((r) => r.table));
    expect(ids.length).toBeGreaterThan(tables.size);
    const query = `{ ${ids.map((id, i) => `r${i}: rate(id: ${JSON.stringify(id)}) { id }`).join(' ')} none: rate(id: "V0") { id } }`;
    app.db.clearStatements();
    const { body: found } = await app.graphql(query);
    expect(found.errors).toBeUndefined();
    expect(ids.map((_id, i) => found.data[`r${i}`]?.id)).toEqual(ids);
    expect(found.data.none).toBeNull();
    expect(app.db.statements.length).toBe(tables.size);
  });
});
