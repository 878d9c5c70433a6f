import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { goodsItem, grantMandate, importDeclaration, ORG_A, SUBMIT } from '../../helpers/factories.js';

let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await startTestApp();
  token = await app.token({ role: 'business', organisationNumber: ORG_A });
});
afterAll(() => app.close());

async function countDeclarations(reference: string): Promise<number> {
  const rows = rowsOf<{ n: number | string }>(
    await app.db.db.execute(sql`select count(*) as n from declarations where client_reference = ${reference}`),
  );
  return Number(rows[0]?.n);
}

describe('idempotent submission on the client reference', () => {
  it('returns the same declaration for the same reference and content, however it is written', async () => {
    const input = importDeclaration({ clientReference: 'IDEM-1', freight: { amount: '100.00', currency: 'USD' } });
    const first = await app.graphql(SUBMIT, { input }, token);
    // Same content: decimals written differently, codes in other case and with the dotted form.
    const again = await app.graphql(
      SUBMIT,
      {
        input: {
          ...input,
          freight: { amount: '100', currency: 'usd' },
          invoiceCurrency: 'usd',
          goodsItems: [goodsItem({ commodityCode: '6110.2000', netMass: '12.50' })],
        },
      },
      token,
    );
    expect(first.body.data.submitDeclaration.replayed).toBe(false);
    expect(again.body.data.submitDeclaration).toMatchObject({
      __typename: 'SubmitDeclarationSuccess',
      replayed: true,
      declaration: { number: first.body.data.submitDeclaration.declaration.number },
    });
    expect(await countDeclarations('IDEM-1')).toBe(1);
  });

  it('answers a reused reference with other content with a conflict and stores nothing', async () => {
    const input = importDeclaration({ clientReference: 'IDEM-2' });
    const first = await app.graphql(SUBMIT, { input }, token);
    const conflict = await app.graphql(
      SUBMIT,
      { input: { ...input, goodsItems: [goodsItem({ invoiceAmount: '801.00' })] } },
      token,
    );
    expect(conflict.body.data.submitDeclaration).toEqual({
      __typename: 'IdempotencyConflict',
      code: 'IDEMPOTENCY_CONFLICT',
      message: expect.stringContaining('IDEM-2'),
      clientReference: 'IDEM-2',
      existingDeclaration: { number: first.body.data.submitDeclaration.declaration.number },
    });
    expect(await countDeclarations('IDEM-2')).toBe(1);
  });

  it('creates exactly one declaration from twenty concurrent identical submissions', async () => {
    const input = importDeclaration({ clientReference: 'IDEM-CONCURRENT' });
    const responses = await Promise.all(Array.from({ length: 20 }, () => app.graphql(SUBMIT, { input }, token)));
    const results = responses.map((r) => r.body.data.submitDeclaration);
    expect(results.every((r) => r.__typename === 'SubmitDeclarationSuccess')).toBe(true);
    expect(new Set(results.map((r) => r.declaration.number)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await countDeclarations('IDEM-CONCURRENT')).toBe(1);
  });

  it('numbers concurrent distinct submissions without gaps or duplicates', async () => {
    const before = rowsOf<{ n: number | string }>(
      await app.db.db.execute(sql`select count(*) as n from declarations where declarant_orgnr = ${ORG_A}`),
    );
    const responses = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        app.graphql(SUBMIT, { input: importDeclaration({ clientReference: `IDEM-SEQ-${i}` }) }, token),
      ),
    );
    const sequences = responses
      .map((r) => Number(r.body.data.submitDeclaration.declaration.number.split('-')[2]))
      .sort((a, b) => a - b);
    const start = Number(before[0]?.n) + 1;
    expect(sequences).toEqual(Array.from({ length: 15 }, (_, i) => start + i));
  });

  it('keeps references apart between declarants', async () => {
    const other = await app.token({ role: 'business', organisationNumber: '310000019' });
    // The other declarant is A's broker here: the declaration names A as importer.
    await grantMandate(app, token, '310000019');
    const input = importDeclaration({ clientReference: 'SHARED-REF' });
    const mine = await app.graphql(SUBMIT, { input }, token);
    const theirs = await app.graphql(SUBMIT, { input }, other);
    expect(mine.body.data.submitDeclaration.replayed).toBe(false);
    expect(theirs.body.data.submitDeclaration.replayed).toBe(false);
    expect(theirs.body.data.submitDeclaration.declaration.number).toMatch(/^310000019-/);
  });
});
