import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { amountInOre, parseBankNotification } from '../../../src/modules/payments/intake/camt054.js';
import type { BankNotification, FileProblem } from '../../../src/modules/payments/intake/model.js';
import { camt054File } from '../../helpers/camt054-file.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/camt054/${name}`, import.meta.url), 'utf8');
const V02 = fixture('nordea-001.02-batch.xml');
const V08 = fixture('dnb-001.08-mixed.xml');
const V10 = fixture('sparebank-001.10-private.xml');

function parsed(text: string): BankNotification {
  const result = parseBankNotification(text);
  if (!result.ok) throw new Error(`expected a notification, got ${JSON.stringify(result.problem)}`);
  return result.notification;
}

function problemOf(text: string, options?: { maxBytes: number }): FileProblem {
  const result = parseBankNotification(text, options);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problem;
}

const NTRY = ['Document', 'BkToCstmrDbtCdtNtfctn', 'Ntfctn', 0, 'Ntry'] as const;

describe('camt.054.001.02', () => {
  const notification = parsed(V02);

  it('reads the message id, the version and the account', () => {
    expect(notification.messageId).toBe('CAMT054-20261201-000173');
    expect(notification.createdAt).toBe('2026-12-01T06:15:02+01:00');
    expect(notification.version).toBe('001.02');
    expect(notification.notifications).toEqual([{ id: 'NTF-20261201-8601-0001', account: 'NO9386011117947' }]);
  });

  it('reads each transaction of a batch with its KID, øre amount and bank reference (AmtDtls/TxAmt)', () => {
    expect(
      notification.transactions.map((t) => [t.creditorReference, t.amountOre, t.bankReference, t.debtorName]),
    ).toEqual([
      ['20260000011', 3_125_000n, '8601OCR20261201000001-1', 'NORDLYS IMPORT AS'],
      ['20260000029', 1_250_050n, '8601OCR20261201000001-2', 'FJORDFRAKT AS'],
      ['20260000037', 562_500n, '8601OCR20261201000001-3', 'BERGEN VINIMPORT AS'],
      ['20260000048', 1_250_000n, '8601OCR20261201000002-1', 'NORDLYS IMPORT AS'],
    ]);
    const first = notification.transactions[0];
    expect(first).toMatchObject({
      currency: 'NOK',
      direction: 'CREDIT',
      booked: true,
      reversal: false,
      bookingDate: '2026-12-01',
      endToEndId: 'NORDLYS-INV-88121',
    });
    expect(first?.path).toEqual([...NTRY, 0, 'NtryDtls', 0, 'TxDtls', 0]);
  });

  it("takes a lone transaction's amount from its entry when the details give none", () => {
    expect(notification.transactions[3]?.path).toEqual([...NTRY, 1, 'NtryDtls', 0, 'TxDtls', 0]);
    expect(notification.transactions[3]?.amountOre).toBe(1_250_000n);
  });
});

describe('camt.054.001.08 with a namespace prefix and group-header control figures', () => {
  const notification = parsed(V08);

  it('reads KID, free-text and mistyped-KID lines alike; matching decides, not the parser', () => {
    expect(notification.version).toBe('001.08');
    expect(notification.notifications).toEqual([{ id: '20261202-0001', account: '86011117947' }]);
    const [kid, freeText, mistyped] = notification.transactions;
    expect(kid).toMatchObject({
      creditorReference: '20260000011',
      amountOre: 408_975n,
      debtorName: 'Nordlys Import AS',
    });
    expect(freeText).toMatchObject({
      creditorReference: null,
      unstructuredRemittance: 'Toll for pakke fra USA ref. 2026/118',
      amountOre: 300_000n,
    });
    expect(mistyped?.creditorReference).toBe('20260000012');
  });

  it('marks pending entries as not booked and the bank fee as a debit without details', () => {
    const pending = notification.transactions[3];
    expect(pending).toMatchObject({ booked: false, creditorReference: '20260000029', amountOre: 50_000n });
    const fee = notification.transactions[4];
    expect(fee).toMatchObject({ direction: 'DEBIT', booked: true, amountOre: 2_500n, bookingDate: '2026-12-02' });
    expect(fee?.bankReference).toBe('DNB20261202F0001');
    expect(fee?.path).toEqual([...NTRY, 2]);
  });
});

describe('camt.054.001.10', () => {
  it('reads Sts/Cd and Dbtr/Pty/Nm, decoding the escaped ampersand', () => {
    const notification = parsed(V10);
    expect(notification.version).toBe('001.10');
    expect(notification.transactions).toHaveLength(1);
    expect(notification.transactions[0]).toMatchObject({
      booked: true,
      debtorName: 'Kari & Ola Nordmann',
      creditorReference: '20260000048',
      amountOre: 81_240n,
      endToEndId: 'E2E-NETTBANK-99172',
      bankReference: 'SB1-2026-12-03-77',
    });
  });
});

describe('a file that is malformed', () => {
  it('is refused when it is not well-formed XML, with the line and column', () => {
    const problem = problemOf(V02.replace('</GrpHdr>', ''));
    expect(problem.code).toBe('FILE_MALFORMED');
    expect(problem.message).toMatch(/line \d+, column \d+/);
  });

  it('is refused when it declares a document type, so no entity can expand', () => {
    const bomb = V10.replace(
      '<Document',
      '<!DOCTYPE Document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<Document',
    ).replace('Kari &amp; Ola Nordmann', '&b;');
    expect(problemOf(bomb)).toMatchObject({ code: 'FILE_MALFORMED', path: ['!DOCTYPE'] });
  });

  it('is refused when it is another message or an unknown camt.054 version', () => {
    expect(problemOf(V10.replaceAll('camt.054.001.10', 'camt.053.001.10'))).toMatchObject({
      code: 'FILE_MALFORMED',
      path: ['Document'],
    });
    expect(problemOf(V10.replaceAll('camt.054.001.10', 'camt.054.001.01')).path).toEqual(['Document']);
    expect(problemOf('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"/>').path).toEqual(['Document']);
  });

  it('names the missing message id', () => {
    expect(problemOf(V10.replace('<MsgId>SB1-20261203-54-0042</MsgId>', ''))).toMatchObject({
      code: 'FILE_MALFORMED',
      path: ['Document', 'BkToCstmrDbtCdtNtfctn', 'GrpHdr', 'MsgId'],
    });
  });

  it('names the amount that is not a number, has no currency or has more decimals than øre', () => {
    const amountPath = [...NTRY, 0, 'NtryDtls', 0, 'TxDtls', 0, 'Amt'];
    expect(
      problemOf(
        V10.replace(
          '<Amt Ccy="NOK">812.40</Amt>\n            <CdtDbtInd>',
          '<Amt Ccy="NOK">8l2.40</Amt>\n            <CdtDbtInd>',
        ),
      ),
    ).toMatchObject({ code: 'FILE_MALFORMED', path: amountPath });
    expect(
      problemOf(
        V10.replace(
          '<Amt Ccy="NOK">812.40</Amt>\n            <CdtDbtInd>',
          '<Amt>812.40</Amt>\n            <CdtDbtInd>',
        ),
      ).path,
    ).toEqual(amountPath);
    const precise = problemOf(V10.replaceAll('812.40', '812.405'));
    expect(precise.code).toBe('FILE_MALFORMED');
    expect(precise.message).toMatch(/more decimals than øre/);
    expect(precise.path).toEqual([...NTRY, 0, 'Amt']);
  });

  it('names a bad booking date and a bad credit/debit indicator', () => {
    expect(problemOf(V10.replace('<BookgDt><Dt>2026-12-03</Dt>', '<BookgDt><Dt>2026-02-30</Dt>')).path).toEqual([
      ...NTRY,
      0,
      'BookgDt',
    ]);
    expect(problemOf(V10.replace('<CdtDbtInd>CRDT</CdtDbtInd>', '<CdtDbtInd>CRED</CdtDbtInd>')).path).toEqual([
      ...NTRY,
      0,
      'CdtDbtInd',
    ]);
  });

  it('is refused above the size bound, before it is parsed', () => {
    expect(problemOf(V10, { maxBytes: 1000 })).toMatchObject({ code: 'FILE_TOO_LARGE', path: [] });
  });
});

describe('a file whose figures do not add up', () => {
  it("refuses a summary count or sum that is not the entries'", () => {
    const count = problemOf(
      V02.replace('<TtlNtries><NbOfNtries>2</NbOfNtries>', '<TtlNtries><NbOfNtries>3</NbOfNtries>'),
    );
    expect(count).toMatchObject({
      code: 'FILE_TOTALS_MISMATCH',
      path: ['Document', 'BkToCstmrDbtCdtNtfctn', 'Ntfctn', 0, 'TxsSummry', 'TtlNtries', 'NbOfNtries'],
    });
    const sum = problemOf(
      V02.replace(
        '<TtlCdtNtries><NbOfNtries>2</NbOfNtries><Sum>61875.50',
        '<TtlCdtNtries><NbOfNtries>2</NbOfNtries><Sum>61875.60',
      ),
    );
    expect(sum.path.at(-2)).toBe('TtlCdtNtries');
    expect(sum.path.at(-1)).toBe('Sum');
  });

  it("refuses a batch whose count or total is not its transactions'", () => {
    expect(problemOf(V02.replace('<NbOfTxs>3</NbOfTxs>', '<NbOfTxs>4</NbOfTxs>')).path).toEqual([
      ...NTRY,
      0,
      'NtryDtls',
      0,
      'Btch',
      'NbOfTxs',
    ]);
    expect(problemOf(V02.replace('<TtlAmt Ccy="NOK">49375.50', '<TtlAmt Ccy="NOK">49375.00')).path.at(-1)).toBe(
      'TtlAmt',
    );
  });

  it("refuses an entry whose amount is not its transactions' sum", () => {
    // The 001.08 fixture's batch states no total, so the entry's own amount is what disagrees.
    const problem = problemOf(V08.replace('<ns2:Amt Ccy="NOK">3000.00', '<ns2:Amt Ccy="NOK">3000.01'));
    expect(problem).toMatchObject({ code: 'FILE_TOTALS_MISMATCH', path: [...NTRY, 0, 'Amt'] });
    expect(problem.message).toContain('858975');
  });

  it("refuses a group header's transaction count or control sum that is not the file's", () => {
    expect(problemOf(V08.replace('<ns2:NbOfTxs>5</ns2:NbOfTxs>', '<ns2:NbOfTxs>4</ns2:NbOfTxs>')).path).toEqual([
      'Document',
      'BkToCstmrDbtCdtNtfctn',
      'GrpHdr',
      'NbOfTxs',
    ]);
    expect(problemOf(V08.replace('<ns2:CtrlSum>9114.75', '<ns2:CtrlSum>9114.70')).code).toBe('FILE_TOTALS_MISMATCH');
  });
});

describe('amounts', () => {
  it('are whole øre from ISO decimals, trailing zeros beyond øre allowed', () => {
    expect(amountInOre('0.01', [])).toBe(1n);
    expect(amountInOre('1250', [])).toBe(125_000n);
    expect(amountInOre('1250.5', [])).toBe(125_050n);
    expect(amountInOre('1250.50000', [])).toBe(125_050n);
    expect(() => amountInOre('-1', [])).toThrow();
    expect(() => amountInOre('1e3', [])).toThrow();
    expect(() => amountInOre('01.00', [])).toThrow();
  });
});

describe('a large file', () => {
  it('reads 10,000 lines within the import budget', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => ({
      kid: `2026${String(i).padStart(7, '0')}`,
      amountOre: BigInt(10_000 + i),
    }));
    const text = camt054File({ messageId: 'BIG-1', lines });
    const started = performance.now();
    const notification = parsed(text);
    const elapsed = performance.now() - started;
    expect(notification.transactions).toHaveLength(10_000);
    expect(notification.transactions[9_999]?.creditorReference).toBe('20260009999');
    expect(notification.transactions.reduce((s, t) => s + t.amountOre, 0n)).toBe(
      lines.reduce((s, l) => s + l.amountOre, 0n),
    );
    // The whole import (parse, match, apply) has 10 s. Parsing alone takes about 1-2 s on a quiet
    // machine; the bound is the whole budget so that a loaded CI machine does not fail it.
    expect(elapsed).toBeLessThan(10_000);
  });
});
