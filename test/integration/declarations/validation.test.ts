import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import { fixedClock, startTestApp, type TestApp } from '../../helpers/app.js';
import { goodsItem, importDeclaration, ORG_A, SUBMIT } from '../../helpers/factories.js';

let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await startTestApp({ clock: fixedClock('2026-05-20T09:00:00Z') });
  token = await app.token({ role: 'business', organisationNumber: ORG_A });
});
afterAll(() => app.close());

async function tableCounts(): Promise<Record<string, number>> {
  const rows = rowsOf<Record<string, number | string>>(
    await app.db.db.execute(sql`select
      (select count(*) from declarations) as declarations,
      (select count(*) from declaration_versions) as versions,
      (select count(*) from goods_items) as items,
      (select count(*) from declaration_events) as events,
      (select count(*) from declaration_number_sequences) as sequences`),
  );
  return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
}

function problemsOf(body: { data?: { submitDeclaration?: { problems?: { code: string; path: string[] }[] } } }) {
  return (body.data?.submitDeclaration?.problems ?? []).map((p) => `${p.path.join('.')}: ${p.code}`).sort();
}

describe('validation of a submitted declaration', () => {
  it('reports every problem at once, each with its path and code, and writes nothing', async () => {
    const before = await tableCounts();
    const input = importDeclaration({
      clientReference: 'BAD-1',
      procedureCode: '1000',
      customsOffice: 'NO999999',
      countryOfDispatch: 'XX',
      invoiceCurrency: 'ABC',
      invoiceDate: '2026-06-01',
      freight: { amount: '-5', currency: 'ABC' },
      importer: { organisationNumber: ORG_A },
      exporter: { organisationNumber: ORG_A },
      goodsItems: [
        goodsItem({ commodityCode: '9999.9999' }),
        goodsItem({ commodityCode: '22083000', supplementaryQuantity: '10', netMass: '0', invoiceAmount: '-1' }),
        goodsItem({ commodityCode: '61102000', countryOfOrigin: 'ZZ', supplementaryQuantity: null, description: '' }),
        goodsItem({
          documents: [{ code: 'N380', reference: 'INV-1', issuedOn: '2027-01-01' }],
          invoiceAmount: '10.001',
        }),
        goodsItem({ commodityCode: '61102000', supplementaryQuantity: null }),
      ],
    });
    const { body } = await app.graphql(SUBMIT, { input }, token);
    expect(body.data.submitDeclaration.__typename).toBe('ValidationFailed');
    expect(body.data.submitDeclaration.code).toBe('VALIDATION_FAILED');
    expect(problemsOf(body)).toEqual(
      [
        'input.procedureCode: PROCEDURE_NOT_FOR_TYPE',
        'input.customsOffice: UNKNOWN_CUSTOMS_OFFICE',
        'input.countryOfDispatch: UNKNOWN_COUNTRY',
        'input.invoiceCurrency: UNKNOWN_CURRENCY',
        'input.invoiceDate: DATE_IN_FUTURE',
        'input.freight.amount: NEGATIVE',
        'input.exporter: PARTY_NOT_FOR_TYPE',
        'input.goodsItems.0.commodityCode: UNKNOWN_COMMODITY_CODE',
        'input.goodsItems.1.netMass: NOT_POSITIVE',
        'input.goodsItems.1.invoiceAmount: NOT_POSITIVE',
        'input.goodsItems.1.alcoholStrength: ALCOHOL_STRENGTH_REQUIRED',
        'input.goodsItems.2.supplementaryQuantity: SUPPLEMENTARY_QUANTITY_REQUIRED',
        'input.goodsItems.2.description: REQUIRED',
        'input.goodsItems.2.countryOfOrigin: UNKNOWN_COUNTRY',
        'input.goodsItems.3.invoiceAmount: TOO_MANY_DECIMALS',
        'input.goodsItems.3.documents.0.issuedOn: DATE_IN_FUTURE',
        'input.goodsItems.4.supplementaryQuantity: SUPPLEMENTARY_QUANTITY_REQUIRED',
      ].sort(),
    );
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses malformed codes and numbers as the request is read, every one at its path, and writes nothing', async () => {
    const before = await tableCounts();
    const input = importDeclaration({
      clientReference: 'BAD-SCALARS',
      countryOfDispatch: 'NOR',
      invoiceCurrency: 'EURO',
      // Well-formed, so that only the invoice currency is refused.
      freight: { amount: '100', currency: 'USD' },
      insurance: { amount: '10', currency: 'USD' },
      importer: { organisationNumber: '310000001' },
      goodsItems: [goodsItem({ commodityCode: '123' })],
    });
    const { status, body } = await app.graphql(SUBMIT, { input }, token);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    const where = (body.errors ?? []).map((e: { message: string }) => e.message.match(/at "([^"]+)"/)?.[1]).sort();
    expect(where).toEqual([
      'input.countryOfDispatch',
      'input.goodsItems[0].commodityCode',
      'input.importer.organisationNumber',
      'input.invoiceCurrency',
    ]);
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses more than 999 goods items', async () => {
    const items = Array.from({ length: 1000 }, () => goodsItem());
    const { body } = await app.graphql(SUBMIT, { input: importDeclaration({ goodsItems: items }) }, token);
    expect(problemsOf(body)).toEqual(['input.goodsItems: TOO_MANY_GOODS_ITEMS']);
  });

  it('accepts exactly 999 goods items', async () => {
    const items = Array.from({ length: 999 }, (_, i) => goodsItem({ description: `Item ${i + 1}` }));
    const { body } = await app.graphql(SUBMIT, { input: importDeclaration({ goodsItems: items }) }, token);
    expect(body.data.submitDeclaration.__typename).toBe('SubmitDeclarationSuccess');
    expect(body.data.submitDeclaration.declaration.goodsItems).toHaveLength(999);
  });

  it('requires exactly one identifier on a party and never echoes a national identity number', async () => {
    const both = await app.graphql(
      SUBMIT,
      { input: importDeclaration({ importer: { organisationNumber: ORG_A, nationalIdentityNumber: '01819012366' } }) },
      token,
    );
    expect(problemsOf(both.body)).toEqual([
      'input.importer.nationalIdentityNumber: INVALID_NATIONAL_IDENTITY_NUMBER',
      'input.importer: PARTY_IDENTIFIER_REQUIRED',
    ]);
    expect(JSON.stringify(both.body)).not.toContain('01819012366');
    const none = await app.graphql(SUBMIT, { input: importDeclaration({ importer: { name: 'Nobody' } }) }, token);
    expect(problemsOf(none.body)).toEqual(['input.importer: PARTY_IDENTIFIER_REQUIRED']);
  });

  it('rejects a commodity code that is not in force on the date, naming the date', async () => {
    await app.db.db.execute(
      sql`insert into commodity_codes (code, valid_from, valid_to, description, unit, vat_class) values ('01019099', '2020-01-01', '2021-12-31', 'Old code', 'kg', 'general')`,
    );
    const { body } = await app.graphql(
      SUBMIT,
      { input: importDeclaration({ goodsItems: [goodsItem({ commodityCode: '01019099' })] }) },
      token,
    );
    expect(body.data.submitDeclaration.problems).toEqual([
      expect.objectContaining({
        code: 'COMMODITY_CODE_NOT_VALID_ON_DATE',
        message: expect.stringContaining('2026-05-20'),
      }),
    ]);
  });

  it('turns malformed scalars into request errors that name the variable path', async () => {
    const { status, body } = await app.graphql(
      SUBMIT,
      { input: importDeclaration({ freight: { amount: 12.5, currency: 'USD' } }) },
      token,
    );
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain('input.freight.amount');
  });

  it('does not let public callers or other roles submit', async () => {
    const anonymous = await app.graphql(SUBMIT, { input: importDeclaration() });
    expect(anonymous.body.data).toBeNull();
    expect(anonymous.body.errors?.[0]).toMatchObject({
      path: ['submitDeclaration'],
      extensions: { code: 'FORBIDDEN' },
    });
    const officerToken = await app.token({ role: 'officer', employeeId: 'T1' });
    const officer = await app.graphql(SUBMIT, { input: importDeclaration() }, officerToken);
    expect(officer.body.errors?.[0]).toMatchObject({ path: ['submitDeclaration'], extensions: { code: 'FORBIDDEN' } });
  });
});
