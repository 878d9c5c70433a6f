import type { DeclarationInput } from '../modules/declarations/graphql/inputs.js';
import { Decimal } from '../shared/decimal.js';

type Input = typeof DeclarationInput.$inferInput;

export interface DemoDeclaration {
  readonly declarant: string;
  readonly input: Input;
  readonly amendment?: { reason: string; input: Input };
  readonly cancel?: string;
}

const d = (value: string) => new Decimal(value);

const NORDLYS = '310000000';
const BROKER = '310000019';
const EXPORTER = '310000027';
const WINE_IMPORTER = '310000035';
const CARRIER = '310000051';
const KARI = '01819012365';

function importHeader(clientReference: string, currency: string, importer: string): Omit<Input, 'goodsItems'> {
  return {
    type: 'IMPORT',
    clientReference,
    procedureCode: '4000',
    customsOffice: 'NO351001',
    transportMode: 'AIR',
    countryOfDispatch: 'CN',
    countryOfDestination: 'NO',
    invoiceCurrency: currency,
    freight: d('150'),
    insurance: d('20'),
    importer: { organisationNumber: importer, name: 'Nordlys Import AS' },
  };
}

const sweaters = (quantity: number, amount: string) => ({
  commodityCode: '6110.2000',
  description: 'Cotton knitted pullovers',
  countryOfOrigin: 'CN',
  netMass: d((quantity * 0.35).toFixed(3)),
  supplementaryQuantity: d(String(quantity)),
  invoiceAmount: d(amount),
});

/** The demo declarations: a spread of goods, parties, statuses, an amendment and a cancellation. */
export function demoDeclarations(): DemoDeclaration[] {
  const shoes = {
    commodityCode: '64039900',
    description: 'Leather shoes',
    countryOfOrigin: 'IT',
    netMass: d('32'),
    supplementaryQuantity: d('40'),
    invoiceAmount: d('3200'),
  };
  const shoesV1: Input = {
    ...importHeader('DEMO-IMP-0004', 'EUR', NORDLYS),
    countryOfDispatch: 'IT',
    transportMode: 'ROAD',
    customsOffice: 'NO105001',
    goodsItems: [shoes],
  };
  const fixed: DemoDeclaration[] = [
    {
      declarant: NORDLYS,
      input: { ...importHeader('DEMO-IMP-0001', 'USD', NORDLYS), goodsItems: [sweaters(200, '2400')] },
    },
    {
      declarant: NORDLYS,
      input: {
        ...importHeader('DEMO-IMP-0002', 'EUR', NORDLYS),
        countryOfDispatch: 'FR',
        transportMode: 'ROAD',
        customsOffice: 'NO105001',
        goodsItems: [
          {
            commodityCode: '04069099',
            description: 'Comté cheese, wheels',
            countryOfOrigin: 'FR',
            netMass: d('120'),
            invoiceAmount: d('1800'),
          },
        ],
      },
    },
    {
      declarant: NORDLYS,
      input: {
        ...importHeader('DEMO-IMP-0003', 'GBP', NORDLYS),
        countryOfDispatch: 'GB',
        goodsItems: [
          {
            commodityCode: '22083000',
            description: 'Single malt Scotch whisky, 70 cl bottles',
            countryOfOrigin: 'GB',
            netMass: d('26.4'),
            supplementaryQuantity: d('16.8'),
            alcoholStrength: d('40'),
            invoiceAmount: d('480'),
          },
          {
            commodityCode: '84713000',
            description: 'Laptop computers',
            countryOfOrigin: 'CN',
            netMass: d('18'),
            supplementaryQuantity: d('10'),
            invoiceAmount: d('6500'),
          },
        ],
      },
    },
    {
      declarant: NORDLYS,
      input: shoesV1,
      amendment: {
        reason: "Corrected quantity after the supplier's credit note",
        input: {
          ...shoesV1,
          goodsItems: [{ ...shoes, supplementaryQuantity: d('36'), netMass: d('28.8'), invoiceAmount: d('2880') }],
        },
      },
    },
    {
      declarant: NORDLYS,
      input: { ...importHeader('DEMO-IMP-0005', 'USD', NORDLYS), goodsItems: [sweaters(20, '240')] },
      cancel: 'Ordered twice by mistake',
    },
    {
      declarant: BROKER,
      input: {
        ...importHeader('DEMO-BRK-0001', 'EUR', WINE_IMPORTER),
        importer: { organisationNumber: WINE_IMPORTER, name: 'Bergen Vinimport AS' },
        representedParty: WINE_IMPORTER,
        countryOfDispatch: 'FR',
        transportMode: 'SEA',
        customsOffice: 'NO504001',
        goodsItems: [
          {
            commodityCode: '22042100',
            description: 'Red wine, Bordeaux, 75 cl bottles',
            countryOfOrigin: 'FR',
            netMass: d('1170'),
            supplementaryQuantity: d('900'),
            alcoholStrength: d('13.5'),
            invoiceAmount: d('5400'),
          },
        ],
      },
    },
    {
      declarant: CARRIER,
      input: {
        ...importHeader('DEMO-PST-0001', 'USD', CARRIER),
        importer: { nationalIdentityNumber: KARI, name: 'Kari Nordmann', address: 'Fjellveien 4, 3800 Bø' },
        countryOfDispatch: 'US',
        transportMode: 'POST',
        customsOffice: 'NO400001',
        freight: d('25'),
        insurance: d('0'),
        goodsItems: [
          {
            commodityCode: '62014000',
            description: 'Winter coat, synthetic',
            countryOfOrigin: 'US',
            netMass: d('1.2'),
            supplementaryQuantity: d('1'),
            invoiceAmount: d('180'),
          },
        ],
      },
    },
    {
      declarant: EXPORTER,
      input: {
        type: 'EXPORT',
        clientReference: 'DEMO-EXP-0001',
        procedureCode: '1000',
        customsOffice: 'NO351001',
        transportMode: 'AIR',
        countryOfDispatch: 'NO',
        countryOfDestination: 'JP',
        invoiceCurrency: 'NOK',
        exporter: { organisationNumber: EXPORTER, name: 'Polar Eksport AS' },
        goodsItems: [
          {
            commodityCode: '03021400',
            description: 'Fresh Atlantic salmon, gutted, on ice',
            countryOfOrigin: 'NO',
            netMass: d('5000'),
            invoiceAmount: d('450000'),
          },
        ],
      },
    },
  ];
  // A longer history for Nordlys, so that paging through declarations has pages to turn.
  const history: DemoDeclaration[] = Array.from({ length: 40 }, (_, i) => ({
    declarant: NORDLYS,
    input: {
      ...importHeader(`DEMO-IMP-1${String(i + 1).padStart(3, '0')}`, 'USD', NORDLYS),
      goodsItems: [sweaters(10 + i, String(120 + i * 12))],
    },
  }));
  return [...history, ...fixed];
}
