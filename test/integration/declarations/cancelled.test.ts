import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { declarationId, goodsItem, importDeclaration, ORG_A, SUBMIT } from '../../helpers/factories.js';

let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await startTestApp();
  token = await app.token({ role: 'business', organisationNumber: ORG_A });
});
afterAll(() => app.close());

const CANCEL = `mutation($input: CancelDeclarationInput!) { cancelDeclaration(input: $input) { __typename } }`;
const AMEND = `mutation($input: AmendDeclarationInput!) { amendDeclaration(input: $input) {
  __typename ... on AmendDeclarationSuccess { changed } ... on InvalidStatus { code currentStatus } } }`;

async function cancelled(clientReference: string) {
  const input = importDeclaration({ clientReference });
  const submitted = await app.graphql(SUBMIT, { input }, token);
  const { id, number } = submitted.body.data.submitDeclaration.declaration;
  const cancel = await app.graphql(CANCEL, { input: { id, reason: 'Ordered twice' } }, token);
  expect(cancel.body.data.cancelDeclaration.__typename).toBe('CancelDeclarationSuccess');
  return { input, id: id as string, number: number as string };
}

describe('a cancelled declaration', () => {
  it('refuses an amendment with INVALID_STATUS, also one that repeats its content', async () => {
    const { input, id } = await cancelled('CANCELLED-AMEND');
    const same = await app.graphql(AMEND, { input: { id, declaration: input } }, token);
    expect(same.body.data.amendDeclaration).toEqual({
      __typename: 'InvalidStatus',
      code: 'INVALID_STATUS',
      currentStatus: 'CANCELLED',
    });
    const other = await app.graphql(
      AMEND,
      { input: { id, declaration: { ...input, goodsItems: [goodsItem({ invoiceAmount: '1.00' })] } } },
      token,
    );
    expect(other.body.data.amendDeclaration).toEqual({
      __typename: 'InvalidStatus',
      code: 'INVALID_STATUS',
      currentStatus: 'CANCELLED',
    });
  });

  it('keeps its reference: the same content replays the cancelled declaration, other content conflicts', async () => {
    const { input, number } = await cancelled('CANCELLED-REFERENCE');
    const replay = await app.graphql(SUBMIT, { input }, token);
    expect(replay.body.data.submitDeclaration).toMatchObject({
      __typename: 'SubmitDeclarationSuccess',
      replayed: true,
      declaration: { number, status: 'CANCELLED' },
    });
    const reused = await app.graphql(
      SUBMIT,
      { input: { ...input, goodsItems: [goodsItem({ invoiceAmount: '2.00' })] } },
      token,
    );
    expect(reused.body.data.submitDeclaration).toMatchObject({
      __typename: 'IdempotencyConflict',
      code: 'IDEMPOTENCY_CONFLICT',
      clientReference: 'CANCELLED-REFERENCE',
      existingDeclaration: { number },
    });
  });

  it('is found by its global id and by its number alike', async () => {
    const { id, number } = await cancelled('CANCELLED-LOOKUP');
    const Q = `query($id: ID, $number: String) { declaration(id: $id, number: $number) { number status } }`;
    expect((await app.graphql(Q, { id }, token)).body.data.declaration).toEqual({ number, status: 'CANCELLED' });
    expect((await app.graphql(Q, { number }, token)).body.data.declaration).toEqual({ number, status: 'CANCELLED' });
    expect((await app.graphql(Q, { id: declarationId(number) }, token)).body.data.declaration.number).toBe(number);
    // The number is not a global id, and giving both or neither is refused.
    expect((await app.graphql(Q, { id: number }, token)).body.data.declaration).toBeNull();
    const both = await app.graphql(Q, { id, number }, token);
    expect(both.body.errors?.[0]?.extensions?.reason).toBe('ONE_ARGUMENT_REQUIRED');
  });
});
