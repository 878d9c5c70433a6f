/** Builders of valid inputs; a test overrides only what it is about. */

export const ORG_A = '310000000';
export const ORG_B = '310000019';
export const ORG_C = '310000027';
export const PERSON = '01819012365';

export interface ItemOverrides {
  [field: string]: unknown;
}

export function goodsItem(overrides: ItemOverrides = {}): Record<string, unknown> {
  return {
    commodityCode: '61102000',
    description: 'Cotton pullovers',
    countryOfOrigin: 'CN',
    netMass: '12.5',
    supplementaryQuantity: '40',
    invoiceAmount: '800.00',
    ...overrides,
  };
}

export function importDeclaration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'IMPORT',
    clientReference: `REF-${Math.random().toString(36).slice(2, 10)}`,
    procedureCode: '4000',
    customsOffice: 'NO351001',
    transportMode: 'AIR',
    countryOfDispatch: 'CN',
    countryOfDestination: 'NO',
    invoiceCurrency: 'USD',
    freight: '100',
    insurance: '10',
    importer: { organisationNumber: ORG_A, name: 'Nordlys Import AS' },
    goodsItems: [goodsItem()],
    ...overrides,
  };
}

export const SUBMIT = `
  mutation Submit($input: DeclarationInput!) {
    submitDeclaration(input: $input) {
      __typename
      ... on SubmitDeclarationSuccess {
        replayed
        declaration { id number status version clientReference goodsItems { itemNumber commodityCode } }
      }
      ... on Error { code message }
      ... on ValidationFailed { problems { code path message } }
      ... on IdempotencyConflict { clientReference existingDeclaration { number } }
    }
  }
`;
