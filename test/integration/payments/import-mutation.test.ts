import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, startTestApp, type TestApp } from '../../helpers/app.js';
import { ORG_A } from '../../helpers/factories.js';

/** importBankNotification over HTTP, as an officer's tool would call it. */
const V08 = readFileSync(new URL('../../fixtures/camt054/dnb-001.08-mixed.xml', import.meta.url), 'utf8');
const IMPORT = `
  mutation($input: ImportBankNotificationInput!) {
    importBankNotification(input: $input) {
      __typename
      ... on ImportBankNotificationSuccess { messageId transactions matched suspended skipped credited { amount currency } }
      ... on ValidationFailed { problems { code path } }
    }
  }
`;

let app: TestApp;
let officer: string;

beforeAll(async () => {
  app = await startTestApp({ clock: fixedClock('2026-12-02T08:00:00Z') });
  officer = await app.token({ role: 'officer', employeeId: 'K1' });
});
afterAll(() => app.close());

const send = (file: string, token: string | undefined = officer) => app.graphql(IMPORT, { input: { file } }, token);

describe('importBankNotification', () => {
  it('imports the file for an officer: no KID here is a receivable yet, so every credit waits in suspense', async () => {
    const { body } = await send(V08);
    expect(body.errors).toBeUndefined();
    expect(body.data?.importBankNotification).toEqual({
      __typename: 'ImportBankNotificationSuccess',
      messageId: 'DNB-054-2026120207301',
      transactions: 5,
      matched: 0,
      suspended: 3,
      skipped: 2,
      credited: { amount: '8589.75', currency: 'NOK' },
    });
  });

  it('answers FILE_DUPLICATE the second time and records nothing', async () => {
    const { body } = await send(V08);
    expect(body.data?.importBankNotification).toEqual({
      __typename: 'ValidationFailed',
      problems: [
        { code: 'FILE_DUPLICATE', path: ['input', 'file', 'Document', 'BkToCstmrDbtCdtNtfctn', 'GrpHdr', 'MsgId'] },
      ],
    });
  });

  it('answers FILE_MALFORMED and FILE_TOTALS_MISMATCH with the path of the element', async () => {
    const renamed = V08.replace('DNB-054-2026120207301', 'DNB-054-OTHER');
    const malformed = await send(renamed.replace('<ns2:Amt Ccy="NOK">4089.75', '<ns2:Amt Ccy="NOK">4089.755'));
    expect(malformed.body.data?.importBankNotification.problems[0].code).toBe('FILE_MALFORMED');
    const mismatch = await send(renamed.replace('<ns2:NbOfTxs>5</ns2:NbOfTxs>', '<ns2:NbOfTxs>6</ns2:NbOfTxs>'));
    expect(mismatch.body.data?.importBankNotification.problems).toEqual([
      {
        code: 'FILE_TOTALS_MISMATCH',
        path: ['input', 'file', 'Document', 'BkToCstmrDbtCdtNtfctn', 'GrpHdr', 'NbOfTxs'],
      },
    ]);
    // Nothing of either was recorded: the corrected file imports.
    const { body } = await send(renamed);
    expect(body.data?.importBankNotification.__typename).toBe('ImportBankNotificationSuccess');
  });

  it('is refused to a business', async () => {
    const business = await app.token({ role: 'business', organisationNumber: ORG_A });
    const { body } = await send(V08.replace('DNB-054-2026120207301', 'DNB-054-BIZ'), business);
    expect(body.data?.importBankNotification ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
