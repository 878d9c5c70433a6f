import type { DeclarationDraft, GoodsItemDraft, PartyDraft } from '../modules/declarations/model.js';
import { Decimal } from '../shared/decimal.js';

/** Demo declarations as drafts: what an ERP's input becomes once trimmed and normalised. */
export interface DemoDeclaration {
  readonly declarant: string;
  readonly draft: DeclarationDraft;
  readonly amendment?: { reason: string; draft: DeclarationDraft };
  readonly cancel?: string;
}

const d = (value: string) => new Decimal(value);

type Header = Omit<DeclarationDraft, 'goodsItems'>;
type ItemFacts = Pick<
  GoodsItemDraft,
  'commodityCode' | 'description' | 'originCountry' | 'netMassKg' | 'invoiceAmount'
> &
  Partial<GoodsItemDraft>;

const party = (facts: Partial<PartyDraft>): PartyDraft => ({
  organisationNumber: null,
  nationalIdentityNumber: null,
  name: null,
  address: null,
  ...facts,
});

const item = (facts: ItemFacts): GoodsItemDraft => ({
  preferenceClaimed: null,
  supplementaryQuantity: null,
  alcoholStrength: null,
  documents: [],
  vehicle: null,
  packaging: null,
  ...facts,
});

const NORDLYS = '310000000';
const BROKER = '310000019';
const EXPORTER = '310000027';
const WINE_IMPORTER = '310000035';
const CARRIER = '310000051';
const KARI = '01819012365';

function importHeader(clientReference: string, currency: string, importer: string): Header {
  return {
    type: 'IMPORT',
    clientReference,
    procedureCode: '4000',
    customsOffice: 'NO351001',
    transportMode: 'AIR',
    dispatchCountry: 'CN',
    destinationCountry: 'NO',
    invoiceCurrency: currency,
    invoiceDate: null,
    freight: d('150'),
    insurance: d('20'),
    importer: party({ organisationNumber: importer, name: 'Nordlys Import AS' }),
    exporter: null,
    representedParty: null,
    voecNumber: null,
  };
}

const sweaters = (quantity: number, amount: string) =>
  item({
    commodityCode: '61102000',
    description: 'Cotton knitted pullovers',
    originCountry: 'CN',
    netMassKg: d((quantity * 0.35).toFixed(3)),
    supplementaryQuantity: d(String(quantity)),
    invoiceAmount: d(amount),
  });

/** The demo declarations: a spread of goods, parties, statuses, an amendment and a cancellation. */
export function demoDeclarations(): DemoDeclaration[] {
  const shoes = item({
    commodityCode: '64039900',
    description: 'Leather shoes',
    originCountry: 'IT',
    netMassKg: d('32'),
    supplementaryQuantity: d('40'),
    invoiceAmount: d('3200'),
  });
  const shoesV1: DeclarationDraft = {
    ...importHeader('DEMO-IMP-0004', 'EUR', NORDLYS),
    dispatchCountry: 'IT',
    transportMode: 'ROAD',
    customsOffice: 'NO105001',
    goodsItems: [shoes],
  };
  const fixed: DemoDeclaration[] = [
    {
      declarant: NORDLYS,
      draft: { ...importHeader('DEMO-IMP-0001', 'USD', NORDLYS), goodsItems: [sweaters(200, '2400')] },
    },
    {
      declarant: NORDLYS,
      draft: {
        ...importHeader('DEMO-IMP-0002', 'EUR', NORDLYS),
        dispatchCountry: 'FR',
        transportMode: 'ROAD',
        customsOffice: 'NO105001',
        goodsItems: [
          item({
            commodityCode: '04069099',
            description: 'Comté cheese, wheels',
            originCountry: 'FR',
            netMassKg: d('120'),
            invoiceAmount: d('1800'),
          }),
        ],
      },
    },
    {
      declarant: NORDLYS,
      draft: {
        ...importHeader('DEMO-IMP-0003', 'GBP', NORDLYS),
        dispatchCountry: 'GB',
        goodsItems: [
          item({
            commodityCode: '22083000',
            description: 'Single malt Scotch whisky, 70 cl bottles',
            originCountry: 'GB',
            netMassKg: d('26.4'),
            supplementaryQuantity: d('16.8'),
            alcoholStrength: d('40'),
            invoiceAmount: d('480'),
          }),
          item({
            commodityCode: '84713000',
            description: 'Laptop computers',
            originCountry: 'CN',
            netMassKg: d('18'),
            supplementaryQuantity: d('10'),
            invoiceAmount: d('6500'),
          }),
        ],
      },
    },
    {
      declarant: NORDLYS,
      draft: shoesV1,
      amendment: {
        reason: "Corrected quantity after the supplier's credit note",
        draft: {
          ...shoesV1,
          goodsItems: [{ ...shoes, supplementaryQuantity: d('36'), netMassKg: d('28.8'), invoiceAmount: d('2880') }],
        },
      },
    },
    {
      declarant: NORDLYS,
      draft: { ...importHeader('DEMO-IMP-0005', 'USD', NORDLYS), goodsItems: [sweaters(20, '240')] },
      cancel: 'Ordered twice by mistake',
    },
    {
      declarant: BROKER,
      draft: {
        ...importHeader('DEMO-BRK-0001', 'EUR', WINE_IMPORTER),
        importer: party({ organisationNumber: WINE_IMPORTER, name: 'Bergen Vinimport AS' }),
        representedParty: WINE_IMPORTER,
        dispatchCountry: 'FR',
        transportMode: 'SEA',
        customsOffice: 'NO504001',
        goodsItems: [
          item({
            commodityCode: '22042100',
            description: 'Red wine, Bordeaux, 75 cl bottles',
            originCountry: 'FR',
            netMassKg: d('1170'),
            supplementaryQuantity: d('900'),
            alcoholStrength: d('13.5'),
            invoiceAmount: d('5400'),
          }),
        ],
      },
    },
    {
      declarant: CARRIER,
      draft: {
        ...importHeader('DEMO-PST-0001', 'USD', CARRIER),
        importer: party({ nationalIdentityNumber: KARI, name: 'Kari Nordmann', address: 'Fjellveien 4, 3800 Bø' }),
        dispatchCountry: 'US',
        transportMode: 'POST',
        customsOffice: 'NO400001',
        freight: d('25'),
        insurance: d('0'),
        goodsItems: [
          item({
            commodityCode: '62014000',
            description: 'Winter coat, synthetic',
            originCountry: 'US',
            netMassKg: d('1.2'),
            supplementaryQuantity: d('1'),
            invoiceAmount: d('180'),
          }),
        ],
      },
    },
    {
      declarant: EXPORTER,
      draft: {
        type: 'EXPORT',
        clientReference: 'DEMO-EXP-0001',
        procedureCode: '1000',
        customsOffice: 'NO351001',
        transportMode: 'AIR',
        dispatchCountry: 'NO',
        destinationCountry: 'JP',
        invoiceCurrency: 'NOK',
        invoiceDate: null,
        freight: d('0'),
        insurance: d('0'),
        importer: null,
        exporter: party({ organisationNumber: EXPORTER, name: 'Polar Eksport AS' }),
        representedParty: null,
        voecNumber: null,
        goodsItems: [
          item({
            commodityCode: '03021400',
            description: 'Fresh Atlantic salmon, gutted, on ice',
            originCountry: 'NO',
            netMassKg: d('5000'),
            invoiceAmount: d('450000'),
          }),
        ],
      },
    },
  ];
  // A longer history for Nordlys, so that paging through declarations has pages to turn.
  const history: DemoDeclaration[] = Array.from({ length: 40 }, (_, i) => ({
    declarant: NORDLYS,
    draft: {
      ...importHeader(`DEMO-IMP-1${String(i + 1).padStart(3, '0')}`, 'USD', NORDLYS),
      goodsItems: [sweaters(10 + i, String(120 + i * 12))],
    },
  }));
  return [...history, ...fixed];
}
