import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, startTestApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ clock: fixedClock('2026-03-10T09:00:00Z') });
});
afterAll(() => app.close());

const CALCULATE = `query($input: CalculateImportDutiesInput!) { calculateImportDuties(input: $input) {
  __typename
  ... on ImportDutyCalculation {
    kind receivedOn vatPayable
    exchangeRate { id currency rate unit date }
    items { itemNumber countryGroup lines { kind amount { amount } charge payable basis { rule explanation baseAmount { amount }
      quantity { value unit } rates { table id value kind countryGroup validFrom } } } }
    totals { payable { amount } vatToReport { amount } total { amount } byKind { kind amount { amount } } }
  }
  ... on ValidationFailed { problems { code path message } }
} }`;

const TRAVELLER = `query($input: CalculateTravellerDutiesInput!) { calculateTravellerDuties(input: $input) {
  __typename
  ... on TravellerDutyCalculation { assessment { arrivedOn coveredGoods { id section } allowanceUsed { amount }
    items { id section lines { kind amount { amount } basis { rule } } } totals { payable { amount } } } }
  ... on ValidationFailed { problems { code path message } }
} }`;

interface Line {
  kind: string;
  amount: { amount: string };
  payable: boolean;
  basis: { rule: string; explanation: string; rates: { id: string; value: string; countryGroup: string | null }[] };
}

const line = (lines: Line[], kind: string) => lines.find((l) => l.kind === kind);

/** One French hard cheese bought for EUR 1,000: the calculation the basis cases read. */
const EUR_CHEESE = {
  importer: 'BUSINESS',
  invoiceCurrency: 'EUR',
  goodsItems: [
    {
      commodityCode: '0406.9099',
      description: 'Hard cheese',
      countryOfOrigin: 'FR',
      netMass: '100',
      invoiceAmount: '1000',
    },
  ],
};

describe('calculateImportDuties, public and explained', () => {
  it('cites the exchange rate by the id the public exchangeRate query returns', async () => {
    const CITED = `query($input: CalculateImportDutiesInput!) { calculateImportDuties(input: $input) {
      ... on ImportDutyCalculation { exchangeRate { id } items { lines { kind basis { exchangeRate { id } } } } } } }`;
    const { body } = await app.graphql(CITED, { input: EUR_CHEESE });
    expect(body.errors).toBeUndefined();
    const published = await app.graphql(`{ exchangeRate(currency: "EUR", date: "2026-03-10") { id rate } }`);
    expect(published.body.data.exchangeRate.rate).toBe('11.45');
    const id = published.body.data.exchangeRate.id;
    const calc = body.data.calculateImportDuties;
    expect(calc.exchangeRate.id).toBe(id);
    const customsValue = calc.items[0].lines.find((l: { kind: string }) => l.kind === 'CUSTOMS_VALUE');
    expect(customsValue.basis.exchangeRate.id).toBe(id);
  });

  it('gives each base amount in its own currency: the customs value in the invoice currency, the rest in NOK', async () => {
    const BASES = `query($input: CalculateImportDutiesInput!) { calculateImportDuties(input: $input) {
      ... on ImportDutyCalculation { items { lines { kind basis { baseAmount { amount currency } } } } } } }`;
    const { body } = await app.graphql(BASES, { input: EUR_CHEESE });
    expect(body.errors).toBeUndefined();
    const bases = Object.fromEntries(
      body.data.calculateImportDuties.items[0].lines.map(
        (l: { kind: string; basis: { baseAmount: { amount: string; currency: string } | null } }) => [
          l.kind,
          l.basis.baseAmount,
        ],
      ),
    );
    // EUR 1,000 converted at 11.45 is the NOK 11,450.00 that the duty's 277 % is applied to.
    expect(bases.CUSTOMS_VALUE).toEqual({ amount: '1000', currency: 'EUR' });
    expect(bases.CUSTOMS_DUTY).toEqual({ amount: '11450.00', currency: 'NOK' });
    expect(bases.VAT).toEqual({ amount: '43189.40', currency: 'NOK' });
  });

  it('assesses cheese from France at the ordinary rate, with research levy and food VAT, from the stored rates', async () => {
    // EUR 1,000 at 11.45 (2026 development rate) = NOK 11,450.00 customs value.
    // Duty 277 % = 31,716.50; research levy 0.20 % = 22.90; VAT 15 % of (11,450 + 31,716.50 + 22.90) = 6,478.41.
    const { body } = await app.graphql(CALCULATE, { input: EUR_CHEESE });
    const calc = body.data.calculateImportDuties;
    expect(calc.__typename).toBe('ImportDutyCalculation');
    expect(calc.exchangeRate).toMatchObject({ currency: 'EUR', rate: '11.45', unit: 1, date: '2026-03-10' });
    const lines = calc.items[0].lines as Line[];
    expect(line(lines, 'CUSTOMS_VALUE')?.amount.amount).toBe('11450.00');
    expect(line(lines, 'CUSTOMS_DUTY')).toMatchObject({
      amount: { amount: '31716.50' },
      basis: { rule: 'DUTY_ORDINARY' },
    });
    expect(line(lines, 'CUSTOMS_DUTY')?.basis.rates[0]).toMatchObject({ value: '277', countryGroup: 'TALL' });
    expect(line(lines, 'RESEARCH_LEVY')?.amount.amount).toBe('22.90');
    expect(line(lines, 'VAT')).toMatchObject({ amount: { amount: '6478.41' }, payable: true });
    expect(calc.totals).toMatchObject({
      payable: { amount: '38217.81' },
      vatToReport: { amount: '0.00' },
      total: { amount: '38217.81' },
    });
  });

  it('shows VAT but does not charge it to a VAT-registered business', async () => {
    const { body } = await app.graphql(CALCULATE, {
      input: {
        importer: 'VAT_REGISTERED_BUSINESS',
        invoiceCurrency: 'NOK',
        goodsItems: [
          {
            commodityCode: '61102000',
            description: 'Pullovers',
            countryOfOrigin: 'CN',
            netMass: '4',
            supplementaryQuantity: '10',
            invoiceAmount: '1000',
          },
        ],
      },
    });
    // Pullovers from China: 10.7 % duty = 107.00; VAT 25 % of 1,107.00 = 276.75, reported, not paid.
    expect(body.data.calculateImportDuties).toMatchObject({
      vatPayable: false,
      totals: { payable: { amount: '107.00' }, vatToReport: { amount: '276.75' }, total: { amount: '383.75' } },
    });
  });

  it('lets a VOEC purchase under the limit pass, and taxes a private import from the first krone otherwise', async () => {
    const item = {
      commodityCode: '61102000',
      description: 'Pullover',
      countryOfOrigin: 'CN',
      netMass: '0.4',
      supplementaryQuantity: '1',
      invoiceAmount: '500',
    };
    const voec = await app.graphql(CALCULATE, {
      input: { importer: 'PRIVATE_PERSON', invoiceCurrency: 'NOK', voecNumber: 'VOEC2029112', goodsItems: [item] },
    });
    expect(voec.body.data.calculateImportDuties.totals.payable.amount).toBe('0.00');
    const plain = await app.graphql(CALCULATE, {
      input: { importer: 'PRIVATE_PERSON', invoiceCurrency: 'NOK', goodsItems: [item] },
    });
    // 500 × 10.7 % = 53.50 duty; VAT 25 % of 553.50 = 138.38 (138.375 half-up).
    expect(plain.body.data.calculateImportDuties.totals.payable.amount).toBe('191.88');
  });

  it("uses the traveller's allowance on the goods that save the most, and the wine quota", async () => {
    const { body } = await app.graphql(TRAVELLER, {
      input: {
        awayOver24Hours: true,
        age: 40,
        goods: [
          { id: 'jacket', description: 'Jacket', amount: '5000', currency: 'NOK' },
          { id: 'camera', description: 'Camera', amount: '4000', currency: 'NOK' },
          { id: 'scarf', description: 'Scarf', amount: '1000', currency: 'NOK' },
        ],
        alcohol: [{ id: 'wine', kind: 'WINE', litres: '1.5', strength: '13' }],
      },
    });
    const assessment = body.data.calculateTravellerDuties.assessment;
    // The NOK 6,000 allowance covers 5,000 + 1,000; the camera (4,000) pays 25 % VAT = 1,000.00.
    expect(
      [...assessment.coveredGoods].sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id)),
    ).toEqual([
      { id: 'jacket', section: 'GOODS' },
      { id: 'scarf', section: 'GOODS' },
    ]);
    expect(assessment.totals.payable.amount).toBe('1000.00');
    expect(assessment.items.find((i: { id: string }) => i.id === 'wine').lines.map((l: Line) => l.kind)).toEqual([
      'ALCOHOL_QUOTA',
    ]);
  });

  it('reports a preference the origin does not qualify for, a missing exchange rate and a missing quantity, each at its path', async () => {
    const { body } = await app.graphql(CALCULATE, {
      input: {
        importer: 'BUSINESS',
        invoiceCurrency: 'PLN',
        goodsItems: [
          {
            commodityCode: '61102000',
            description: 'Pullovers',
            countryOfOrigin: 'CN',
            netMass: '1',
            preferenceClaimed: 'TEF',
            supplementaryQuantity: '3',
            invoiceAmount: '100',
          },
          {
            commodityCode: '22042100',
            description: 'Wine',
            countryOfOrigin: 'FR',
            netMass: '1',
            invoiceAmount: '100',
            alcoholStrength: '12',
          },
        ],
      },
    });
    const problems = body.data.calculateImportDuties.problems.map(
      (p: { code: string; path: string[] }) => `${p.path.join('.')}:${p.code}`,
    );
    expect(problems).toEqual([
      'input.invoiceCurrency:EXCHANGE_RATE_MISSING',
      'input.goodsItems.0.preferenceClaimed:PREFERENCE_NOT_APPLICABLE',
      'input.goodsItems.1.supplementaryQuantity:QUANTITY_REQUIRED',
    ]);
  });

  it('refuses a commodity code that is not in force on the date', async () => {
    const { body } = await app.graphql(CALCULATE, {
      input: {
        importer: 'BUSINESS',
        invoiceCurrency: 'NOK',
        receivedOn: '2021-06-01',
        goodsItems: [
          {
            commodityCode: '61102000',
            description: 'Pullover',
            countryOfOrigin: 'CN',
            netMass: '0.4',
            supplementaryQuantity: '1',
            invoiceAmount: '1',
          },
        ],
      },
    });
    expect(body.data.calculateImportDuties.problems[0]).toMatchObject({
      code: 'COMMODITY_CODE_NOT_VALID_ON_DATE',
      path: ['input', 'goodsItems', '0', 'commodityCode'],
    });
  });

  it('refuses a code of the published tariff that has no rates loaded, with its own problem code, never a guess', async () => {
    // 0406.9082 (Camembert) is in the published tariff; the open data holds no unit, VAT class or ordinary duty for it.
    const { body } = await app.graphql(CALCULATE, {
      input: {
        importer: 'BUSINESS',
        invoiceCurrency: 'NOK',
        goodsItems: [
          {
            commodityCode: '04069082',
            description: 'Camembert',
            countryOfOrigin: 'FR',
            netMass: '10',
            invoiceAmount: '1000',
          },
          {
            commodityCode: '04069099',
            description: 'Hard cheese',
            countryOfOrigin: 'FR',
            netMass: '10',
            invoiceAmount: '1000',
          },
        ],
      },
    });
    expect(body.data.calculateImportDuties.__typename).toBe('ValidationFailed');
    expect(body.data.calculateImportDuties.problems).toEqual([
      {
        code: 'RATES_NOT_LOADED',
        path: ['input', 'goodsItems', '0', 'commodityCode'],
        message: 'No rates are loaded for commodity code 04069082: it cannot be assessed until they are.',
      },
    ]);
  });

  it('takes the goods items a declaration takes: the same item submitted and calculated is assessed alike', async () => {
    // An item as an ERP submits it, documents included: the calculation accepts it unchanged.
    const item = {
      commodityCode: '0406.9099',
      description: 'Hard cheese',
      countryOfOrigin: 'FR',
      netMass: '100',
      invoiceAmount: '1000',
      documents: [{ code: 'N380', reference: 'INV-1' }],
    };
    const { body } = await app.graphql(CALCULATE, {
      input: { importer: 'BUSINESS', invoiceCurrency: 'EUR', goodsItems: [item] },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.calculateImportDuties.totals.payable.amount).toBe('38217.81');
  });

  it('reports a traveller problem as ValidationFailed at its input path, with no fake error object', async () => {
    const { body } = await app.graphql(TRAVELLER, {
      input: {
        awayOver24Hours: true,
        age: 40,
        alcohol: [{ id: 'w', kind: 'WINE', litres: '1', strength: '13' }],
        arrivedOn: '1999-01-01',
      },
    });
    expect(body.errors).toBeUndefined();
    const result = body.data.calculateTravellerDuties;
    expect(result.__typename).toBe('ValidationFailed');
    expect(result.problems.length).toBeGreaterThan(0);
    for (const problem of result.problems) expect(problem.path[0]).toBe('input');
  });
});
