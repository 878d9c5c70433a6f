import { encodeGlobalID } from '@pothos/plugin-relay';
/** Builders of valid inputs; a test overrides only what it is about. */

/** The global id of a declaration, as `node`, `declaration(id:)` and the mutations take it. */
export const declarationId = (number: string): string => encodeGlobalID('Declaration', number);

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
  // Freight and insurance default to the invoice currency, whichever a test gives.
  const currency = typeof overrides.invoiceCurrency === 'string' ? overrides.invoiceCurrency : 'USD';
  return {
    type: 'IMPORT',
    clientReference: `REF-${Math.random().toString(36).slice(2, 10)}`,
    procedureCode: '4000',
    customsOffice: 'NO351001',
    transportMode: 'AIR',
    countryOfDispatch: 'CN',
    countryOfDestination: 'NO',
    invoiceCurrency: 'USD',
    freight: { amount: '100', currency },
    insurance: { amount: '10', currency },
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
      ... on UserError { code message }
      ... on ValidationFailed { problems { code path message } }
      ... on IdempotencyConflict { clientReference existingDeclaration { number } }
    }
  }
`;

export const GRANT_MANDATE = `
  mutation Grant($input: GrantMandateInput!) {
    grantMandate(input: $input) {
      __typename
      ... on GrantMandateSuccess {
        replayed
        mandate { id kind validFrom validTo inForce revokedAt grantedBy representative { organisationNumber } }
      }
      ... on UserError { code message }
      ... on ValidationFailed { problems { code path message } }
    }
  }
`;

/**
 * The grantor behind `grantorToken` (a business or a private person) gives `representative` a
 * mandate, as a test's precondition for declaring on the grantor's behalf; fails loudly otherwise.
 */
export async function grantMandate(
  app: { graphql(query: string, variables: Record<string, unknown>, token?: string): Promise<{ body: Json }> },
  grantorToken: string | undefined,
  representative: string,
  kind: 'DIRECT' | 'INDIRECT' = 'DIRECT',
): Promise<string> {
  if (!grantorToken) throw new Error('a mandate is granted by a business or person, with their token');
  const { body } = await app.graphql(GRANT_MANDATE, { input: { representative, kind } }, grantorToken);
  const id = body.data?.grantMandate?.mandate?.id;
  if (!id) throw new Error(`granting the mandate failed: ${JSON.stringify(body)}`);
  return id as string;
}

// biome-ignore lint/suspicious/noExplicitAny: test responses are free-form JSON
type Json = any;
