import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { goodsItem, importDeclaration, ORG_A, ORG_C, SUBMIT } from '../../helpers/factories.js';

/** Payment's part of the release gate, as a declarant meets it over HTTP. */

let app: TestApp;
let nordlys: string;
let registered: string;

beforeAll(async () => {
  app = await startTestApp();
  nordlys = await app.token({ role: 'business', organisationNumber: ORG_A });
  registered = await app.token({ role: 'business', organisationNumber: ORG_C });
  await app.db.db.execute(
    sql`insert into organisations (organisation_number, name, vat_registered) values (${ORG_C}, 'Registrert AS', true)`,
  );
});
afterAll(() => app.close());

const HISTORY = `query($number: String!) { declaration(number: $number) { status statusHistory { kind status actorKind reason } } }`;

async function submitAndRead(token: string, input: Record<string, unknown>) {
  const { body } = await app.graphql(SUBMIT, { input }, token);
  const submitted = body.data?.submitDeclaration;
  expect(submitted?.__typename).toBe('SubmitDeclarationSuccess');
  const read = await app.graphql(HISTORY, { number: submitted.declaration.number }, token);
  return { submitted: submitted.declaration, read: read.body.data.declaration };
}

describe("payment's release check", () => {
  it('keeps goods with duties payable ACCEPTED, saying what is unpaid', async () => {
    const { submitted, read } = await submitAndRead(nordlys, importDeclaration());
    expect(submitted.status).toBe('ACCEPTED');
    expect(read.status).toBe('ACCEPTED');
    expect(read.statusHistory.at(-1)).toMatchObject({
      kind: 'AWAITING_PAYMENT',
      status: 'ACCEPTED',
      actorKind: 'SYSTEM',
    });
    expect(read.statusHistory.at(-1).reason).toMatch(/payable to customs are not paid yet/);
  });

  it('releases at once duty-free goods of a VAT-registered importer: its VAT is reported, not payable here', async () => {
    const laptops = goodsItem({ commodityCode: '84713000', description: 'Laptops', supplementaryQuantity: '3' });
    const input = importDeclaration({
      importer: { organisationNumber: ORG_C, name: 'Registrert AS' },
      goodsItems: [laptops],
    });
    const { submitted, read } = await submitAndRead(registered, input);
    expect(submitted.status).toBe('RELEASED');
    expect(read.statusHistory.map((e: { kind: string }) => e.kind)).toEqual(['SUBMITTED', 'ACCEPTED', 'RELEASED']);
    // The same goods for an importer who is not registered: its VAT is payable, so they wait.
    const unregistered = await submitAndRead(nordlys, importDeclaration({ goodsItems: [laptops] }));
    expect(unregistered.submitted.status).toBe('ACCEPTED');
  });

  it('releases an export, which carries nothing payable', async () => {
    const input = importDeclaration({
      type: 'EXPORT',
      procedureCode: '1000',
      countryOfDispatch: 'NO',
      countryOfDestination: 'US',
      importer: null,
      exporter: { organisationNumber: ORG_A, name: 'Nordlys Import AS' },
    });
    const { body } = await app.graphql(SUBMIT, { input }, nordlys);
    expect(body.data?.submitDeclaration).toMatchObject({ declaration: { status: 'RELEASED' } });
  });

  it('holds goods that could not be assessed until an officer assesses them', async () => {
    const input = importDeclaration({
      invoiceCurrency: 'PLN',
      goodsItems: [goodsItem({ commodityCode: '84713000', description: 'Laptops', supplementaryQuantity: '3' })],
    });
    const { read } = await submitAndRead(nordlys, input);
    expect(read.status).toBe('ACCEPTED');
    expect(read.statusHistory.at(-1)).toMatchObject({ kind: 'AWAITING_PAYMENT' });
    expect(read.statusHistory.at(-1).reason).toMatch(/could not be assessed/);
  });
});
