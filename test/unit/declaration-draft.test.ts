import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/modules/declarations/draft.js';
import { toDraft } from '../../src/modules/declarations/graphql/inputs.js';
import { type ReferenceFacts, validateDraft } from '../../src/modules/declarations/validation.js';
import { Decimal } from '../../src/shared/decimal.js';

const d = (v: string) => new Decimal(v);

function input(overrides: Record<string, unknown> = {}) {
  return {
    type: 'IMPORT',
    clientReference: ' PO-1 ',
    procedureCode: '4000',
    customsOffice: 'no351001',
    transportMode: 'AIR',
    countryOfDispatch: 'cn',
    countryOfDestination: 'NO',
    invoiceCurrency: 'usd',
    importer: { organisationNumber: '310 000 000' },
    goodsItems: [
      {
        commodityCode: '6110.2000',
        description: 'Pullovers',
        countryOfOrigin: 'CN',
        netMass: d('12.50'),
        supplementaryQuantity: d('40'),
        invoiceAmount: d('800'),
      },
    ],
    ...overrides,
  } as Parameters<typeof toDraft>[0];
}

const facts: ReferenceFacts = {
  commodities: {
    inForce: new Map([
      [
        '61102000',
        {
          code: '61102000',
          validFrom: '2022-01-01',
          validTo: null,
          unit: 'pcs',
          exciseCategory: null,
        },
      ],
    ]),
    known: new Set(['61102000']),
  },
  countries: new Set(['CN', 'NO']),
  currencies: new Set(['USD']),
  customsOfficeExists: true,
  procedure: { code: '4000', declarationType: 'IMPORT', description: 'x' },
  representation: { declarant: '310000000', mandates: new Map() },
  importerVatRegistered: false,
  ratesVersion: 1,
  earlierDeclarationId: null,
};

describe('declaration drafts', () => {
  it('normalise codes, spaces and defaults', () => {
    const draft = toDraft(input());
    expect(draft).toMatchObject({
      clientReference: 'PO-1',
      customsOffice: 'NO351001',
      dispatchCountry: 'CN',
      invoiceCurrency: 'USD',
      importer: { organisationNumber: '310000000' },
      goodsItems: [{ commodityCode: '61102000' }],
    });
    expect(draft.freight.toFixed()).toBe('0');
  });

  it('have one fingerprint for the same content written differently, and another for other content', () => {
    const a = fingerprint(toDraft(input()));
    const b = fingerprint(
      toDraft(
        input({
          freight: { amount: d('0.00'), currency: 'USD' },
          goodsItems: [
            {
              commodityCode: '61102000',
              description: 'Pullovers',
              countryOfOrigin: 'cn',
              netMass: d('12.5'),
              supplementaryQuantity: d('40.000'),
              invoiceAmount: d('800.00'),
            },
          ],
        }),
      ),
    );
    const c = fingerprint(toDraft(input({ freight: { amount: d('1'), currency: 'USD' } })));
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('validate clean when everything is right', () => {
    expect(validateDraft(toDraft(input()), facts, '2026-01-01', ['input'])).toEqual([]);
  });

  it('flag an export with an importer, and missing parties', () => {
    const problems = validateDraft(
      toDraft(input({ type: 'EXPORT', countryOfDispatch: 'NO', countryOfDestination: 'CN', procedureCode: '4000' })),
      facts,
      '2026-01-01',
      ['input'],
    );
    expect(problems.map((p) => `${p.path.join('.')}:${p.code}`).sort()).toEqual([
      'input.exporter:REQUIRED',
      'input.importer:PARTY_NOT_FOR_TYPE',
      'input.procedureCode:PROCEDURE_NOT_FOR_TYPE',
    ]);
  });

  it('flag numbers too large for their columns', () => {
    const problems = validateDraft(
      toDraft(
        input({
          goodsItems: [
            {
              commodityCode: '61102000',
              description: 'x',
              countryOfOrigin: 'CN',
              netMass: d('1'),
              supplementaryQuantity: d('1'),
              invoiceAmount: d('12345678901234567'),
            },
          ],
        }),
      ),
      facts,
      '2026-01-01',
      ['input'],
    );
    expect(problems.map((p) => p.code)).toEqual(['OUT_OF_RANGE']);
  });

  it('need a mandate from every other party they name, unless the party gave the declarant one', () => {
    const broker = { declarant: '310000019', mandates: new Map() };
    const named = toDraft(input({ representedParty: '310000000' }));
    const problems = validateDraft(named, { ...facts, representation: broker }, '2026-01-01', ['input']);
    expect(problems.map((p) => `${p.path.join('.')}:${p.code}`)).toEqual([
      'input.importer:MANDATE_MISSING',
      'input.representedParty:MANDATE_MISSING',
    ]);
    const mandate = {
      id: 1,
      grantorOrgnr: '310000000',
      grantorNationalId: null,
      representativeOrgnr: '310000019',
      kind: 'DIRECT' as const,
      validFrom: '2026-01-01',
      validTo: null,
      grantedAt: new Date('2026-01-01T08:00:00Z'),
      revokedAt: null,
    };
    const granted = { declarant: '310000019', mandates: new Map([['org:310000000', mandate]]) };
    expect(validateDraft(named, { ...facts, representation: granted }, '2026-01-01', ['input'])).toEqual([]);
  });
});
