import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import { assessGoods, type GoodsAssessmentInput, RateBooks } from '../../../src/modules/assessment/service.js';
import { loadRates, readRateFiles } from '../../../src/modules/rates/service.js';
import { fixedClock, startTestApp, type TestApp } from '../../helpers/app.js';
import {
  declarationId,
  goodsItem,
  grantMandate,
  importDeclaration,
  ORG_A,
  ORG_B,
  PERSON,
  SUBMIT,
} from '../../helpers/factories.js';

const clock = fixedClock('2026-04-02T08:00:00Z');
let app: TestApp;
let token: string;

const ASSESSMENT = `query($id: String!) { declaration(number: $id) { version assessment {
  version outcome kind receivedOn problems { code path }
  totals { payable { amount } vatToReport { amount } total { amount } }
  difference { previousVersion payable { amount } settlement }
  items { itemNumber lines { kind amount { amount } payable basis { rule } } } } } }`;

async function submit(input: Record<string, unknown>, as = token) {
  const { body } = await app.graphql(SUBMIT, { input }, as);
  return body.data.submitDeclaration;
}

beforeAll(async () => {
  app = await startTestApp({ clock });
  token = await app.token({ role: 'business', organisationNumber: ORG_A });
  // Nordlys (ORG_A) is registered for VAT.
  await app.db.db.execute(
    sql`insert into organisations (organisation_number, name, vat_registered) values (${ORG_A}, 'Nordlys Import AS', true)`,
  );
});
afterAll(() => app.close());

describe('assessment of accepted declarations', () => {
  it('assesses an import when it is accepted and stores it with the version, VAT shown for a VAT-registered importer', async () => {
    const declaration = (
      await submit(
        importDeclaration({
          invoiceCurrency: 'NOK',
          freight: { amount: '0', currency: 'NOK' },
          insurance: { amount: '0', currency: 'NOK' },
          goodsItems: [goodsItem({ invoiceAmount: '1000.00' })],
        }),
      )
    ).declaration;
    const { body } = await app.graphql(ASSESSMENT, { id: declaration.number }, token);
    expect(body.data.declaration.assessment).toMatchObject({
      version: 1,
      outcome: 'ASSESSED',
      kind: 'IMPORT',
      receivedOn: '2026-04-02',
      problems: [],
      // 10.7 % of 1,000 = 107.00 payable; VAT 25 % of 1,107 = 276.75 to report.
      totals: { payable: { amount: '107.00' }, vatToReport: { amount: '276.75' }, total: { amount: '383.75' } },
      difference: null,
    });
  });

  it('reassesses an amendment and shows the difference to pay or refund', async () => {
    const input = importDeclaration({
      clientReference: 'AMEND-ME',
      invoiceCurrency: 'NOK',
      freight: { amount: '0', currency: 'NOK' },
      insurance: { amount: '0', currency: 'NOK' },
      goodsItems: [goodsItem({ invoiceAmount: '1000.00' })],
    });
    const first = (await submit(input)).declaration;
    await app.graphql(
      `mutation($input: AmendDeclarationInput!) { amendDeclaration(input: $input) { __typename } }`,
      {
        input: {
          id: declarationId(first.number),
          declaration: { ...input, goodsItems: [goodsItem({ invoiceAmount: '800.00' })] },
        },
      },
      token,
    );
    const { body } = await app.graphql(ASSESSMENT, { id: first.number }, token);
    // 10.7 % of 800 = 85.60: 21.40 less than before.
    expect(body.data.declaration.assessment).toMatchObject({
      version: 2,
      totals: { payable: { amount: '85.60' } },
      difference: { previousVersion: 1, payable: { amount: '-21.40' }, settlement: 'REFUND' },
    });
  });

  it('says which assessment is owed: the current version of a declaration that is not cancelled', async () => {
    const input = importDeclaration({
      clientReference: 'OWED-OR-NOT',
      invoiceCurrency: 'NOK',
      goodsItems: [goodsItem({ invoiceAmount: '1000.00' })],
    });
    const number = (await submit(input)).declaration.number;
    const IN_FORCE = `query($id: String!) { declaration(number: $id) { status assessment { inForce totals { payable { amount } } }
      versions { version assessment { inForce } } } }`;
    const read = async () => (await app.graphql(IN_FORCE, { id: number }, token)).body.data.declaration;
    expect((await read()).assessment.inForce).toBe(true);

    await app.graphql(
      `mutation($input: AmendDeclarationInput!) { amendDeclaration(input: $input) { __typename } }`,
      {
        input: {
          id: declarationId(number),
          declaration: { ...input, goodsItems: [goodsItem({ invoiceAmount: '900.00' })] },
        },
      },
      token,
    );
    const amended = await read();
    expect(amended.versions.map((v: { version: number; assessment: { inForce: boolean } }) => v)).toEqual([
      { version: 1, assessment: { inForce: false } },
      { version: 2, assessment: { inForce: true } },
    ]);

    await app.graphql(
      `mutation($input: CancelDeclarationInput!) { cancelDeclaration(input: $input) { __typename } }`,
      { input: { id: declarationId(number), reason: 'Ordered twice' } },
      token,
    );
    const cancelled = await read();
    // The amounts stay as the record; the flag says none of it is owed.
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.assessment.inForce).toBe(false);
    expect(cancelled.assessment.totals.payable.amount).not.toBe('0.00');
  });

  it("refuses a declaration whose preference the origin does not qualify for, at the item's path", async () => {
    const result = await submit(importDeclaration({ goodsItems: [goodsItem({ preferenceClaimed: 'TEF' })] }));
    expect(result.__typename).toBe('ValidationFailed');
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'PREFERENCE_NOT_APPLICABLE',
        path: ['input', 'goodsItems', '0', 'preferenceClaimed'],
      }),
    ]);
  });

  it('accepts but does not assess a declaration whose currency has no exchange rate: an officer takes it', async () => {
    const declaration = (await submit(importDeclaration({ invoiceCurrency: 'PLN' }))).declaration;
    expect(declaration.status).toBe('ACCEPTED');
    const { body } = await app.graphql(ASSESSMENT, { id: declaration.number }, token);
    expect(body.data.declaration.assessment).toMatchObject({
      outcome: 'NOT_ASSESSED',
      totals: null,
      problems: [{ code: 'EXCHANGE_RATE_MISSING', path: ['invoiceCurrency'] }],
    });
  });

  it('assesses a parcel for a private person as a private import, VAT payable, and lets a VOEC purchase pass', async () => {
    const carrier = await app.token({ role: 'business', organisationNumber: ORG_B });
    await grantMandate(app, await app.token({ role: 'private', nationalIdentityNumber: PERSON }), ORG_B);
    const person = { nationalIdentityNumber: PERSON, name: 'Kari Nordmann' };
    const item = goodsItem({ supplementaryQuantity: '1', invoiceAmount: '500.00' });
    const plain = (
      await submit(
        importDeclaration({
          importer: person,
          invoiceCurrency: 'NOK',
          freight: { amount: '0', currency: 'NOK' },
          insurance: { amount: '0', currency: 'NOK' },
          goodsItems: [item],
        }),
        carrier,
      )
    ).declaration;
    const voec = (
      await submit(
        importDeclaration({
          importer: person,
          voecNumber: 'VOEC2029112',
          invoiceCurrency: 'NOK',
          freight: { amount: '0', currency: 'NOK' },
          insurance: { amount: '0', currency: 'NOK' },
          goodsItems: [item],
        }),
        carrier,
      )
    ).declaration;
    const mine = await app.token({ role: 'private', nationalIdentityNumber: PERSON });
    const a = await app.graphql(ASSESSMENT, { id: plain.number }, mine);
    expect(a.body.data.declaration.assessment).toMatchObject({
      kind: 'PRIVATE_IMPORT',
      totals: { payable: { amount: '191.88' } },
    });
    const b = await app.graphql(ASSESSMENT, { id: voec.number }, mine);
    expect(b.body.data.declaration.assessment.totals.payable.amount).toBe('0.00');
  });

  it('does not assess exports', async () => {
    const declaration = (
      await submit({
        ...importDeclaration({
          type: 'EXPORT',
          procedureCode: '1000',
          countryOfDispatch: 'NO',
          countryOfDestination: 'JP',
          importer: undefined,
        }),
        exporter: { organisationNumber: ORG_A },
      })
    ).declaration;
    const { body } = await app.graphql(ASSESSMENT, { id: declaration.number }, token);
    expect(body.data.declaration.assessment).toBeNull();
  });

  it('gives the same assessment when recomputed from the stored inputs', async () => {
    const rows = rowsOf<{ input: unknown; result: unknown; outcome: string }>(
      await app.db.db.execute(sql`select input, result, outcome from assessments where outcome = 'ASSESSED'`),
    );
    expect(rows.length).toBeGreaterThan(2);
    // One book for every recomputation, as a server keeps one per rates version.
    const rateBooks = new RateBooks(app.db.db);
    for (const row of rows) {
      const input = (typeof row.input === 'string' ? JSON.parse(row.input) : row.input) as GoodsAssessmentInput;
      const stored = typeof row.result === 'string' ? JSON.parse(row.result) : row.result;
      expect(await assessGoods(rateBooks, input)).toEqual(stored);
    }
  });

  it('reads an assessment stored with X-prefixed exchange rate ids as citing the ids exchangeRate returns', async () => {
    const CITED = `query($id: String!) { declaration(number: $id) { assessment {
      exchangeRate { id }
      items { lines { kind basis { explanation exchangeRate { id } exchangeRates { id } } } } } } }`;
    const declaration = (await submit(importDeclaration({ invoiceCurrency: 'EUR' }))).declaration;
    const before = await app.graphql(CITED, { id: declaration.number }, token);
    const stored = before.body.data.declaration.assessment;
    const cited: string = stored.exchangeRate.id;
    expect(cited).toMatch(/^\d+$/);
    expect(JSON.stringify(stored)).toContain(`exchange rate ${cited} `);
    // What an assessment stored before the ids matched holds: the row as X<id>, in its basis and its sentences.
    const rewritten = await app.db.db.execute(sql`update assessments a
      set result = regexp_replace(regexp_replace(a.result::text,
        ${`"id": "${cited}"`}, ${`"id": "X${cited}"`}, 'g'),
        ${`exchange rate ${cited} `}, ${`exchange rate X${cited} `}, 'g')::jsonb
      from declarations d where d.id = a.declaration_id and d.number = ${declaration.number}
      returning a.result::text as result`);
    const [row] = rowsOf<{ result: string }>(rewritten);
    expect(row?.result).toContain(`exchange rate X${cited} `);
    expect(row?.result).toContain(`"id": "X${cited}"`);
    const after = await app.graphql(CITED, { id: declaration.number }, token);
    expect(after.body.data.declaration.assessment).toEqual(stored);
  });

  it('shows assessments to agencies only with the read:assessments grant', async () => {
    const declaration = (
      await submit(
        importDeclaration({ goodsItems: [goodsItem({ commodityCode: '04069099', supplementaryQuantity: null })] }),
      )
    ).declaration;
    const Q = `query($id: String!) { declaration(number: $id) { number assessment { outcome } } }`;
    const food = await app.graphql(
      Q,
      { id: declaration.number },
      await app.token({ role: 'agency', agencyCode: 'MATTILSYNET' }),
    );
    expect(food.body.data.declaration).toEqual({ number: declaration.number, assessment: null });
    expect(food.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const agriculture = await app.graphql(
      Q,
      { id: declaration.number },
      await app.token({ role: 'agency', agencyCode: 'LDIR' }),
    );
    expect(agriculture.body.data.declaration.assessment).toEqual({ outcome: 'ASSESSED' });
  });

  it('shows an agency reading by chapter only the assessed items of its chapters, without totals', async () => {
    const mixed = (
      await submit(
        importDeclaration({
          goodsItems: [goodsItem(), goodsItem({ commodityCode: '04069099', supplementaryQuantity: null })],
        }),
      )
    ).declaration;
    const Q = `query($id: String!) { declaration(number: $id) { assessment { items { itemNumber commodityCode } totals { total { amount } } difference { settlement } } } }`;
    const agriculture = await app.graphql(
      Q,
      { id: mixed.number },
      await app.token({ role: 'agency', agencyCode: 'LDIR' }),
    );
    expect(agriculture.body.data.declaration.assessment).toEqual({
      // Item 2 of the declaration, numbered 1 among the items the agency sees (no gap to give the first away).
      items: [{ itemNumber: 1, commodityCode: '04069099' }],
      totals: null,
      difference: null,
    });
    const declarant = await app.graphql(Q, { id: mixed.number }, token);
    expect(declarant.body.data.declaration.assessment.items).toHaveLength(2);
    expect(declarant.body.data.declaration.assessment.totals).not.toBeNull();
  });
});

describe('rates as data', () => {
  it('loads a rate change from open-data files and applies it to the next assessment, without a restart', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'rates-'));
    const file = path.join(folder, 'tollsatser.json');
    // Pullovers from China: 12,50 % from 2026-04-02 instead of 10.7 %.
    await writeFile(
      file,
      JSON.stringify({
        tollsatser: [
          { varenummer: '6110.2000', landgruppe: 'TALL', sats: '12,50', satstype: 'P', fomdato: '2026-04-02' },
        ],
      }),
    );
    const records = await readRateFiles([file]);
    await app.db.db.transaction((tx) => loadRates(tx, records));

    const declaration = (
      await submit(
        importDeclaration({
          invoiceCurrency: 'NOK',
          freight: { amount: '0', currency: 'NOK' },
          insurance: { amount: '0', currency: 'NOK' },
          goodsItems: [goodsItem({ invoiceAmount: '1000.00' })],
        }),
      )
    ).declaration;
    const { body } = await app.graphql(ASSESSMENT, { id: declaration.number }, token);
    expect(body.data.declaration.assessment.totals.payable.amount).toBe('125.00');
    // The earlier rate was closed the day before the new one starts.
    const [old] = rowsOf<{ valid_to: string | Date }>(
      await app.db.db.execute(
        sql`select valid_to from duty_rates where commodity_code = '61102000' and country_group = 'TALL' and valid_from = '2022-01-01'`,
      ),
    );
    expect(String(old?.valid_to instanceof Date ? old.valid_to.toISOString().slice(0, 10) : old?.valid_to)).toBe(
      '2026-04-01',
    );
  });

  it('reads øresats rates in øre and refuses a bad file whole', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'rates-'));
    const good = path.join(folder, 'good.json');
    await writeFile(
      good,
      JSON.stringify({
        tollsatser: [
          {
            varenummer: '02013000',
            landgruppe: 'TALL',
            sats: '5950',
            satstype: 'K',
            øresats: true,
            fomdato: '2026-05-01',
          },
        ],
      }),
    );
    const records = await readRateFiles([good]);
    expect(records.dutyRates?.[0]).toMatchObject({ kind: 'PER_KG', value: '59.5' });
    const bad = path.join(folder, 'bad.json');
    await writeFile(
      bad,
      JSON.stringify({
        tollsatser: [{ varenummer: '123', landgruppe: 'TALL', sats: '1', satstype: 'P', fomdato: '2026-05-01' }],
      }),
    );
    await expect(readRateFiles([good, bad])).rejects.toThrow(/bad\.json: tollsats 1: varenummer/);
  });
});
