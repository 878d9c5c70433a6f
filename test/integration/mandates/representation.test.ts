import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, type GraphQLResponse, startTestApp, type TestApp } from '../../helpers/app.js';
import {
  declarationId,
  grantMandate,
  importDeclaration,
  ORG_A,
  ORG_B,
  ORG_C,
  PERSON,
  SUBMIT,
} from '../../helpers/factories.js';

const clock = fixedClock('2026-06-10T09:00:00Z');
let app: TestApp;
const tokens: Record<string, string> = {};

const LIST = `query { declarations(first: 100) { edges { node { number } } } }`;
const AMEND = `
  mutation($input: AmendDeclarationInput!) {
    amendDeclaration(input: $input) {
      __typename
      ... on AmendDeclarationSuccess { changed }
      ... on ValidationFailed { problems { code path } }
    }
  }
`;
const REPRESENTATION = `query($id: String!) { declaration(number: $id) { representation versions { representation } } }`;
const REVOKE = `mutation($id: ID!) { revokeMandate(input: { id: $id }) { __typename } }`;

const problemsOf = (body: GraphQLResponse['body'], field = 'submitDeclaration'): string[] =>
  (body.data?.[field]?.problems ?? []).map((p: { code: string; path: string[] }) => `${p.path.join('.')}: ${p.code}`);
const numbersOf = (body: GraphQLResponse['body']): string[] =>
  body.data.declarations.edges.map((e: { node: { number: string } }) => e.node.number);
const forC = (overrides: Record<string, unknown> = {}) =>
  importDeclaration({ importer: { organisationNumber: ORG_C }, representedParty: ORG_C, ...overrides });

beforeAll(async () => {
  app = await startTestApp({ clock });
  tokens.a = await app.token({ role: 'business', organisationNumber: ORG_A });
  tokens.b = await app.token({ role: 'business', organisationNumber: ORG_B });
  tokens.c = await app.token({ role: 'business', organisationNumber: ORG_C });
  tokens.person = await app.token({ role: 'private', nationalIdentityNumber: PERSON });
});
afterAll(() => app.close());

describe('representation without a mandate', () => {
  it('refuses a declaration naming another business as importer and represented party, at both paths, and stores nothing', async () => {
    const { body } = await app.graphql(SUBMIT, { input: forC() }, tokens.b);
    expect(body.data.submitDeclaration.__typename).toBe('ValidationFailed');
    expect(problemsOf(body)).toEqual(['input.importer: MANDATE_MISSING', 'input.representedParty: MANDATE_MISSING']);
    expect((await app.graphql(LIST, {}, tokens.c)).body.data.declarations.edges).toEqual([]);
    expect((await app.graphql(LIST, {}, tokens.b)).body.data.declarations.edges).toEqual([]);
  });

  it('reports the missing mandate together with the other problems of the declaration', async () => {
    const { body } = await app.graphql(SUBMIT, { input: forC({ invoiceCurrency: 'XYZ' }) }, tokens.b);
    expect(problemsOf(body)).toEqual([
      'input.invoiceCurrency: UNKNOWN_CURRENCY',
      'input.importer: MANDATE_MISSING',
      'input.representedParty: MANDATE_MISSING',
    ]);
  });

  it("refuses a carrier declaring a private person's parcel without the person's mandate", async () => {
    const parcel = importDeclaration({ importer: { nationalIdentityNumber: PERSON, name: 'Kari Nordmann' } });
    const { body } = await app.graphql(SUBMIT, { input: parcel }, tokens.b);
    expect(problemsOf(body)).toEqual(['input.importer: MANDATE_MISSING']);
    // The number is personal data: no problem repeats it.
    expect(JSON.stringify(body)).not.toContain(PERSON);
    expect((await app.graphql(LIST, {}, tokens.person)).body.data.declarations.edges).toEqual([]);
  });

  it('refuses an export naming another exporter', async () => {
    const input = importDeclaration({
      type: 'EXPORT',
      procedureCode: '1000',
      countryOfDispatch: 'NO',
      countryOfDestination: 'CN',
      importer: null,
      exporter: { organisationNumber: ORG_C },
    });
    const { body } = await app.graphql(SUBMIT, { input }, tokens.b);
    expect(problemsOf(body)).toEqual(['input.exporter: MANDATE_MISSING']);
  });

  it('does not count a mandate the party gave someone else, or one the declarant gave the party', async () => {
    await grantMandate(app, tokens.c, ORG_A);
    await grantMandate(app, tokens.b, ORG_C);
    const { body } = await app.graphql(SUBMIT, { input: forC() }, tokens.b);
    expect(problemsOf(body)).toEqual(['input.importer: MANDATE_MISSING', 'input.representedParty: MANDATE_MISSING']);
  });

  it('needs no mandate to declare for oneself', async () => {
    const own = importDeclaration({ importer: { organisationNumber: ORG_B }, representedParty: ORG_B });
    const { body } = await app.graphql(SUBMIT, { input: own }, tokens.b);
    expect(body.data.submitDeclaration.__typename).toBe('SubmitDeclarationSuccess');
    const number = body.data.submitDeclaration.declaration.number;
    expect((await app.graphql(REPRESENTATION, { id: number }, tokens.b)).body.data.declaration).toEqual({
      representation: null,
      versions: [{ representation: null }],
    });
  });
});

describe('representation under a mandate', () => {
  let mandateCToB: string;
  let declared: string;
  let clientReference: string;

  it('accepts the declaration once the party has granted the declarant a mandate, and shows it to the party', async () => {
    mandateCToB = await grantMandate(app, tokens.c, ORG_B, 'INDIRECT');
    const input = forC();
    clientReference = input.clientReference as string;
    const { body } = await app.graphql(SUBMIT, { input }, tokens.b);
    expect(body.data.submitDeclaration.__typename).toBe('SubmitDeclarationSuccess');
    declared = body.data.submitDeclaration.declaration.number;
    expect(numbersOf((await app.graphql(LIST, {}, tokens.c)).body)).toEqual([declared]);
    // The declaration was made under the indirect mandate, and says so.
    expect((await app.graphql(REPRESENTATION, { id: declared }, tokens.c)).body.data.declaration).toEqual({
      representation: 'INDIRECT',
      versions: [{ representation: 'INDIRECT' }],
    });
  });

  it("accepts a carrier's parcel for a person who granted the carrier a mandate", async () => {
    await grantMandate(app, tokens.person, ORG_B);
    const parcel = importDeclaration({ importer: { nationalIdentityNumber: PERSON } });
    const { body } = await app.graphql(SUBMIT, { input: parcel }, tokens.b);
    expect(body.data.submitDeclaration.__typename).toBe('SubmitDeclarationSuccess');
    expect(numbersOf((await app.graphql(LIST, {}, tokens.person)).body)).toHaveLength(1);
    const number = body.data.submitDeclaration.declaration.number;
    const read = await app.graphql(REPRESENTATION, { id: number }, tokens.person);
    expect(read.body.data.declaration.representation).toBe('DIRECT');
  });

  it('checks the mandate again on amendment: a revoked one no longer carries new submissions or amendments', async () => {
    clock.set('2026-06-11T09:00:00Z');
    expect((await app.graphql(REVOKE, { id: mandateCToB }, tokens.c)).body.data.revokeMandate.__typename).toBe(
      'RevokeMandateSuccess',
    );
    const fresh = await app.graphql(SUBMIT, { input: forC() }, tokens.b);
    expect(problemsOf(fresh.body)).toEqual([
      'input.importer: MANDATE_MISSING',
      'input.representedParty: MANDATE_MISSING',
    ]);
    const amended = await app.graphql(
      AMEND,
      {
        input: {
          id: declarationId(declared),
          declaration: forC({ clientReference, freight: { amount: '250', currency: 'USD' } }),
        },
      },
      tokens.b,
    );
    expect(problemsOf(amended.body, 'amendDeclaration')).toEqual([
      'input.declaration.importer: MANDATE_MISSING',
      'input.declaration.representedParty: MANDATE_MISSING',
    ]);
    // What was declared under the mandate stays, at its first version, with the kind it was made under.
    const { body } = await app.graphql(
      `query($id: String!) { declaration(number: $id) { version representation } }`,
      { id: declared },
      tokens.c,
    );
    expect(body.data.declaration).toEqual({ version: 1, representation: 'INDIRECT' });
  });

  it('counts a mandate only within its days', async () => {
    const d = await app.token({ role: 'business', organisationNumber: '310000043' });
    const forD = () =>
      importDeclaration({ importer: { organisationNumber: '310000043' }, representedParty: '310000043' });
    const grant = async (validFrom: string, validTo: string) => {
      const { body } = await app.graphql(
        `mutation($input: GrantMandateInput!) { grantMandate(input: $input) { __typename } }`,
        { input: { representative: ORG_B, kind: 'DIRECT', validFrom, validTo } },
        d,
      );
      expect(body.data.grantMandate.__typename).toBe('GrantMandateSuccess');
    };
    await grant('2026-06-12', '2026-06-12');
    const before = await app.graphql(SUBMIT, { input: forD() }, tokens.b);
    expect(problemsOf(before.body)).toEqual([
      'input.importer: MANDATE_MISSING',
      'input.representedParty: MANDATE_MISSING',
    ]);
    clock.set('2026-06-12T21:59:00Z'); // 23:59 in Oslo: still the last day
    const during = await app.graphql(SUBMIT, { input: forD() }, tokens.b);
    expect(during.body.data.submitDeclaration.__typename).toBe('SubmitDeclarationSuccess');
    clock.set('2026-06-12T22:01:00Z'); // the next day in Oslo
    const after = await app.graphql(SUBMIT, { input: forD() }, tokens.b);
    expect(problemsOf(after.body)).toEqual([
      'input.importer: MANDATE_MISSING',
      'input.representedParty: MANDATE_MISSING',
    ]);
  });
});
