import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import { fixedClock, startTestApp, type TestApp } from '../../helpers/app.js';
import { goodsItem, importDeclaration, ORG_A, SUBMIT } from '../../helpers/factories.js';

const clock = fixedClock('2026-04-02T08:00:00Z');
let app: TestApp;
let token: string;

async function submit(input: Record<string, unknown>) {
  const { body } = await app.graphql(SUBMIT, { input }, token);
  return body.data.submitDeclaration;
}

beforeAll(async () => {
  app = await startTestApp({ clock });
  token = await app.token({ role: 'business', organisationNumber: ORG_A });
  // Nordlys (ORG_A) is registered for VAT: its VAT is reported, not payable.
  await app.db.db.execute(
    sql`insert into organisations (organisation_number, name, vat_registered) values (${ORG_A}, 'Nordlys Import AS', true)`,
  );
});
afterAll(() => app.close());

describe('freight and insurance each in their own currency', () => {
  const READ = `query($id: String!) { declaration(number: $id) {
    invoiceCurrency freight { amount currency } insurance { amount currency }
    versions { freight { amount currency } insurance { amount currency } }
    assessment { totals { payable { amount } vatToReport { amount } total { amount } }
      items { lines { kind amount { amount } basis { exchangeRate { currency } exchangeRates { currency rate } } } } } } }`;

  it('stores each with its currency, reads it back so, and converts each at its own rate', async () => {
    // Rates on 2026-04-02: EUR 11.45, USD 10.35 NOK. Invoice EUR 1000 × 11.45 = NOK 11450.00.
    // Freight NOK 500.50; insurance USD 20 × 10.35 = NOK 207.00; share 707.50; customs value 12157.50.
    // Duty 10.7 % × 12157.50 = 1300.8525 → 1300.85 payable; VAT 25 % × (12157.50 + 1300.85 = 13458.35)
    // = 3364.5875 → 3364.59, reported by the VAT-registered importer; total 4665.44.
    const declaration = (
      await submit(
        importDeclaration({
          invoiceCurrency: 'EUR',
          freight: { amount: '500.50', currency: 'NOK' },
          insurance: { amount: '20', currency: 'USD' },
          goodsItems: [goodsItem({ invoiceAmount: '1000.00' })],
        }),
      )
    ).declaration;
    const { body } = await app.graphql(READ, { id: declaration.number }, token);
    const d = body.data.declaration;
    expect([d.invoiceCurrency, d.freight, d.insurance]).toEqual([
      'EUR',
      { amount: '500.50', currency: 'NOK' },
      { amount: '20.00', currency: 'USD' },
    ]);
    expect(d.versions).toEqual([{ freight: d.freight, insurance: d.insurance }]);
    expect(d.assessment.totals).toEqual({
      payable: { amount: '1300.85' },
      vatToReport: { amount: '3364.59' },
      total: { amount: '4665.44' },
    });
    const value = d.assessment.items[0].lines[0];
    expect(value).toEqual({
      kind: 'CUSTOMS_VALUE',
      amount: { amount: '12157.50' },
      basis: {
        exchangeRate: { currency: 'EUR' },
        exchangeRates: [
          { currency: 'EUR', rate: '11.45' },
          { currency: 'USD', rate: '10.35' },
        ],
      },
    });
  });

  it('keeps a declaration in one currency as it was stored: no currency of its own, the invoice currency read back', async () => {
    const declaration = (await submit(importDeclaration({ invoiceCurrency: 'USD' }))).declaration;
    const rows = rowsOf<{ freight_currency: string | null; insurance_currency: string | null }>(
      await app.db.db.execute(
        sql`select v.freight_currency, v.insurance_currency from declaration_versions v
          join declarations d on d.id = v.declaration_id where d.number = ${declaration.number}`,
      ),
    );
    expect(rows).toEqual([{ freight_currency: null, insurance_currency: null }]);
    const { body } = await app.graphql(READ, { id: declaration.number }, token);
    expect([body.data.declaration.freight, body.data.declaration.insurance]).toEqual([
      { amount: '100.00', currency: 'USD' },
      { amount: '10.00', currency: 'USD' },
    ]);
  });

  it('reports an unknown freight currency at its input path', async () => {
    const { body } = await app.graphql(
      SUBMIT,
      { input: importDeclaration({ invoiceCurrency: 'EUR', freight: { amount: '10', currency: 'XYZ' } }) },
      token,
    );
    expect(body.data.submitDeclaration.problems).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_CURRENCY', path: ['input', 'freight', 'currency'] }),
    ]);
  });
});

describe('calculateImportDuties with freight and insurance in their own currencies', () => {
  const CALCULATE = `query($input: CalculateImportDutiesInput!) { calculateImportDuties(input: $input) {
    __typename
    ... on ImportDutyCalculation { items { lines { kind amount { amount } } } totals { payable { amount } } }
    ... on ValidationFailed { problems { code path } } } }`;
  const input = (freightCurrency: string) => ({
    importer: 'BUSINESS',
    invoiceCurrency: 'EUR',
    freight: { amount: '500.50', currency: freightCurrency },
    insurance: { amount: '20', currency: 'USD' },
    goodsItems: [goodsItem({ invoiceAmount: '1000.00' })],
  });

  it('previews what the declaration will be assessed at', async () => {
    // As the declaration above: customs value 12157.50, duty 1300.85, VAT 3364.59, here payable
    // (a business not registered for VAT): 1300.85 + 3364.59 = 4665.44.
    const { body } = await app.graphql(CALCULATE, { input: input('NOK') });
    expect(body.data.calculateImportDuties).toEqual({
      __typename: 'ImportDutyCalculation',
      items: [
        {
          lines: [
            { kind: 'CUSTOMS_VALUE', amount: { amount: '12157.50' } },
            { kind: 'CUSTOMS_DUTY', amount: { amount: '1300.85' } },
            { kind: 'VAT', amount: { amount: '3364.59' } },
          ],
        },
      ],
      totals: { payable: { amount: '4665.44' } },
    });
  });

  it('reports a missing exchange rate for the freight currency at its input path', async () => {
    // The development rates hold no UAE dirham.
    const { body } = await app.graphql(CALCULATE, { input: input('AED') });
    expect(body.data.calculateImportDuties).toEqual({
      __typename: 'ValidationFailed',
      problems: [{ code: 'EXCHANGE_RATE_MISSING', path: ['input', 'freight', 'currency'] }],
    });
  });
});
