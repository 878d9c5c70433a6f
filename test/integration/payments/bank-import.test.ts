import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BankImportPorts, importBankNotification } from '../../../src/modules/payments/intake/bank-import.js';
import type { PayingParty, ReceivableByKid } from '../../../src/modules/payments/intake/model.js';
import { bankNotificationFiles, suspenseItems } from '../../../src/modules/payments/intake/tables.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';

/**
 * The import's own part (claiming the file, classifying lines, suspense rows) against the real
 * database, with the receivables and ledger behind its ports recorded here: which payment was
 * applied to which receivable, and which amount was booked to suspense.
 */
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/camt054/${name}`, import.meta.url), 'utf8');
const V02 = fixture('nordea-001.02-batch.xml');
const V08 = fixture('dnb-001.08-mixed.xml');
const at = new Date('2026-12-02T08:00:00Z');

const NORDLYS: PayingParty = { organisationNumber: '310000000' };
const FJORDFRAKT: PayingParty = { organisationNumber: '310000019' };
/** KIDs the fake receivables know; a KID's check digit is not this test's business (kid.test.ts). */
const VALID = new Set(['20260000011', '20260000029', '20260000037', '20260000048']);
const RECEIVABLES = new Map<string, ReceivableByKid[]>([
  ['20260000011', [{ receivableId: 11, party: NORDLYS, payable: true }]],
  ['20260000029', [{ receivableId: 7, party: FJORDFRAKT, payable: true }]],
  [
    '20260000048',
    [
      { receivableId: 48, party: NORDLYS, payable: true },
      { receivableId: 49, party: FJORDFRAKT, payable: true },
    ],
  ],
]);

let database: TestDatabase;
const applied: { receivableId: number; amountOre: bigint; reference: string; party: PayingParty }[] = [];
const suspended: { amountOre: bigint; reference: string }[] = [];

const ports: BankImportPorts = {
  isValidKid: (kid) => VALID.has(kid),
  receivablesByKid: async (_tx, kids) =>
    new Map(kids.flatMap((k) => (RECEIVABLES.has(k) ? [[k, RECEIVABLES.get(k) ?? []]] : []))),
  applyBankTransfer: async (_tx, payment) => {
    applied.push(payment);
    return { settledDeclarationIds: [] };
  },
  postToSuspense: async (_tx, line) => {
    suspended.push(line);
    return { entryId: 1000 + suspended.length };
  },
};

const importFile = (text: string) =>
  database.db.transaction((tx) => importBankNotification(tx, { text, importedBy: 'officer-1', at }, ports));

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

describe('importing a camt.054 file', () => {
  it('applies each KID line to its receivable and puts unknown and ambiguous KIDs in suspense', async () => {
    const outcome = await importFile(V02);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.summary).toMatchObject({
      transactions: 4,
      matched: 2,
      suspended: 2,
      skipped: 0,
      creditedOre: 6_187_550n,
    });
    // In lock order: Nordlys before Fjordfrakt, whatever the file's order.
    expect(applied.map((a) => [a.receivableId, a.amountOre, a.reference])).toEqual([
      [11, 3_125_000n, '8601OCR20261201000001-1'],
      [7, 1_250_050n, '8601OCR20261201000001-2'],
    ]);
    const items = await database.db
      .select()
      .from(suspenseItems)
      .where(eq(suspenseItems.fileId, outcome.summary.fileId))
      .orderBy(suspenseItems.id);
    expect(items.map((i) => [i.creditorReference, i.reason, i.amountOre, i.status, i.entryId])).toEqual([
      ['20260000037', 'KID_UNKNOWN', 562_500n, 'OPEN', 1001],
      ['20260000048', 'KID_AMBIGUOUS', 1_250_000n, 'OPEN', 1002],
    ]);
    expect(items[0]?.debtorName).toBe('BERGEN VINIMPORT AS');
    expect(suspended.map((s) => s.amountOre)).toEqual([562_500n, 1_250_000n]);
  });

  it('puts a line without KID or with a bad one in suspense, and skips pending entries and debits', async () => {
    applied.length = 0;
    suspended.length = 0;
    const outcome = await importFile(V08);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.summary).toMatchObject({
      transactions: 5,
      matched: 1,
      suspended: 2,
      skipped: 2,
      creditedOre: 858_975n,
    });
    expect(applied.map((a) => a.receivableId)).toEqual([11]);
    const items = await database.db
      .select()
      .from(suspenseItems)
      .where(eq(suspenseItems.fileId, outcome.summary.fileId));
    expect(items.map((i) => i.reason).sort()).toEqual(['KID_INVALID', 'KID_MISSING']);
    expect(items.find((i) => i.reason === 'KID_MISSING')?.remittance).toBe('Toll for pakke fra USA ref. 2026/118');
  });

  it('records nothing the second time: the same file, or another with the same message id', async () => {
    applied.length = 0;
    suspended.length = 0;
    const before = await database.db.select().from(suspenseItems);
    const again = await importFile(V02);
    expect(again).toMatchObject({ ok: false, problem: { code: 'FILE_DUPLICATE' } });
    const renamed = await importFile(V02.replace('<NtryRef>1</NtryRef>', '<NtryRef>one</NtryRef>'));
    expect(renamed).toMatchObject({ ok: false, problem: { code: 'FILE_DUPLICATE' } });
    expect(applied).toEqual([]);
    expect(suspended).toEqual([]);
    expect(await database.db.select().from(suspenseItems)).toHaveLength(before.length);
  });

  it('records nothing for a malformed file or one whose totals do not add up', async () => {
    const files = await database.db.select().from(bankNotificationFiles);
    const broken = await importFile(V02.replace('CAMT054-20261201-000173', 'CAMT054-X').replace('</Ntfctn>', ''));
    expect(broken).toMatchObject({ ok: false, problem: { code: 'FILE_MALFORMED' } });
    const wrongSum = await importFile(
      V02.replace('CAMT054-20261201-000173', 'CAMT054-Y').replace('<NbOfTxs>3</NbOfTxs>', '<NbOfTxs>2</NbOfTxs>'),
    );
    expect(wrongSum).toMatchObject({ ok: false, problem: { code: 'FILE_TOTALS_MISMATCH' } });
    expect(await database.db.select().from(bankNotificationFiles)).toHaveLength(files.length);
    expect(applied).toEqual([]);
  });

  it('lets only one of two concurrent imports of the same file record anything', async () => {
    const text = V08.replace('DNB-054-2026120207301', 'DNB-054-CONCURRENT');
    const outcomes = await Promise.all([importFile(text), importFile(text)]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok && o.problem.code === 'FILE_DUPLICATE')).toHaveLength(1);
  });
});
