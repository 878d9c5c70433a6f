import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLResponse, startTestApp, type TestApp } from '../../helpers/app.js';
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

let app: TestApp;
const tokens: Record<string, string> = {};
let ownNumber: string;
let ownId: string;
let brokeredNumber: string;
let personalNumber: string;

const LIST = `query { declarations(first: 100) { edges { node { number } } } }`;
const numbersOf = (body: GraphQLResponse['body']): string[] =>
  body.data.declarations.edges.map((e: { node: { number: string } }) => e.node.number).sort();

beforeAll(async () => {
  app = await startTestApp();
  tokens.a = await app.token({ role: 'business', organisationNumber: ORG_A });
  tokens.b = await app.token({ role: 'business', organisationNumber: ORG_B });
  tokens.c = await app.token({ role: 'business', organisationNumber: ORG_C });
  tokens.person = await app.token({ role: 'private', nationalIdentityNumber: PERSON });
  tokens.officer = await app.token({ role: 'officer', employeeId: 'T1001' });
  // B declares for C as its customs broker, and for the person as their carrier: both gave B a mandate.
  await grantMandate(app, tokens.c, ORG_B);
  await grantMandate(app, tokens.person, ORG_B);

  const own = await app.graphql(SUBMIT, { input: importDeclaration() }, tokens.a);
  ownNumber = own.body.data.submitDeclaration.declaration.number;
  ownId = own.body.data.submitDeclaration.declaration.id;
  // B declares as a broker for C, with C as importer.
  const brokered = await app.graphql(
    SUBMIT,
    { input: importDeclaration({ importer: { organisationNumber: ORG_C }, representedParty: ORG_C }) },
    tokens.b,
  );
  brokeredNumber = brokered.body.data.submitDeclaration.declaration.number;
  // A carrier (B) declares a parcel for a private person.
  const personal = await app.graphql(
    SUBMIT,
    { input: importDeclaration({ importer: { nationalIdentityNumber: PERSON } }) },
    tokens.b,
  );
  personalNumber = personal.body.data.submitDeclaration.declaration.number;
});
afterAll(() => app.close());

describe('row scope: whose declarations a caller sees', () => {
  it('shows a business the declarations where it is declarant, importer or represented party, and no others', async () => {
    expect(numbersOf((await app.graphql(LIST, {}, tokens.a)).body)).toEqual([ownNumber]);
    expect(numbersOf((await app.graphql(LIST, {}, tokens.b)).body)).toEqual([brokeredNumber, personalNumber].sort());
    expect(numbersOf((await app.graphql(LIST, {}, tokens.c)).body)).toEqual([brokeredNumber]);
  });

  it('shows a private person the declarations where they are the importer', async () => {
    expect(numbersOf((await app.graphql(LIST, {}, tokens.person)).body)).toEqual([personalNumber]);
  });

  it('shows an officer every declaration', async () => {
    expect(numbersOf((await app.graphql(LIST, {}, tokens.officer)).body)).toEqual(
      [ownNumber, brokeredNumber, personalNumber].sort(),
    );
  });

  it('answers another business asking by number, global id, node or nodes exactly as for a missing one', async () => {
    const missing = `${ORG_A}-01012020-999`;
    const Q = `query($id: ID, $number: String) { declaration(id: $id, number: $number) { number } }`;
    for (const [theirsArgs, absentArgs] of [
      [{ number: ownNumber }, { number: missing }],
      [{ id: ownId }, { id: declarationId(missing) }],
    ]) {
      const theirs = await app.graphql(Q, theirsArgs, tokens.b);
      const absent = await app.graphql(Q, absentArgs, tokens.b);
      expect(theirs.body).toEqual(absent.body);
      expect(theirs.body.data.declaration).toBeNull();
    }
    const node = await app.graphql(`query($id: ID!) { node(id: $id) { id } }`, { id: ownId }, tokens.b);
    expect(node.body).toEqual({ data: { node: null }, extensions: expect.anything() });
    const nodes = await app.graphql(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
      { ids: [ownId, ownId] },
      tokens.b,
    );
    expect(nodes.body.data.nodes).toEqual([null, null]);
  });

  it("gives nothing away through a cursor made from another business's declaration", async () => {
    // A cursor is a position, not a permission: one built at A's newest declaration pages through
    // B's own declarations only.
    const officerPage = await app.graphql(
      `{ declarations(first: 1) { edges { cursor node { number } } } }`,
      {},
      tokens.officer,
    );
    const cursor = officerPage.body.data.declarations.edges[0].cursor;
    const { body } = await app.graphql(
      `query($after: String) { declarations(first: 10, after: $after) { edges { node { number } } } }`,
      { after: cursor },
      tokens.c,
    );
    const visible = body.data.declarations.edges.map((e: { node: { number: string } }) => e.node.number);
    expect(visible.every((n: string) => n === brokeredNumber)).toBe(true);
  });

  it('shows a person the parties of earlier versions only where they were the party', async () => {
    const other = '15079010003';
    const carrierToken = tokens.b as string;
    await grantMandate(app, await app.token({ role: 'private', nationalIdentityNumber: other }), ORG_B);
    const first = importDeclaration({ importer: { nationalIdentityNumber: other, name: 'Ola Nordmann' } });
    const { body } = await app.graphql(SUBMIT, { input: first }, carrierToken);
    const number = body.data.submitDeclaration.declaration.number;
    // The carrier corrects the importer: the parcel was Kari's.
    await app.graphql(
      `mutation($input: AmendDeclarationInput!) { amendDeclaration(input: $input) { __typename } }`,
      {
        input: {
          id: declarationId(number),
          declaration: { ...first, importer: { nationalIdentityNumber: PERSON, name: 'Kari Nordmann' } },
        },
      },
      carrierToken,
    );
    const Q = `query($id: String!) { declaration(number: $id) { importer { name } versions { version importer { name } } } }`;
    const kari = await app.graphql(Q, { id: number }, tokens.person);
    expect(kari.body.data.declaration).toEqual({
      importer: { name: 'Kari Nordmann' },
      versions: [
        { version: 1, importer: null },
        { version: 2, importer: { name: 'Kari Nordmann' } },
      ],
    });
    const carrier = await app.graphql(Q, { id: number }, carrierToken);
    expect(carrier.body.data.declaration.versions[0].importer).toEqual({ name: 'Ola Nordmann' });
  });

  it('needs a token issued for writing declarations to submit one', async () => {
    const readOnly = await app.token({ role: 'business', organisationNumber: ORG_A, scopes: ['declarations:read'] });
    const { body } = await app.graphql(SUBMIT, { input: importDeclaration() }, readOnly);
    expect(body.errors?.[0]).toMatchObject({ path: ['submitDeclaration'], extensions: { code: 'FORBIDDEN' } });
  });

  it('finds nothing of another business by filtering on its reference', async () => {
    const { body } = await app.graphql(
      `query($f: DeclarationFilter) { declarations(filter: $f) { edges { node { number } } } }`,
      { f: { clientReference: 'anything' } },
      tokens.c,
    );
    expect(body.data.declarations.edges).toEqual([]);
  });

  it("treats a mutation on another business's declaration as on a missing one", async () => {
    const CANCEL = `mutation($id: ID!) { cancelDeclaration(input: { id: $id }) { __typename ... on UserError { code message } } }`;
    const theirs = await app.graphql(CANCEL, { id: declarationId(ownNumber) }, tokens.b);
    const absent = await app.graphql(CANCEL, { id: declarationId(`${ORG_A}-01012020-999`) }, tokens.b);
    expect(theirs.body.data).toEqual(absent.body.data);
    expect(theirs.body.data.cancelDeclaration.code).toBe('NOT_FOUND');
  });

  it('lets a party that sees a declaration read it but not change it', async () => {
    const CANCEL = `mutation($id: ID!) { cancelDeclaration(input: { id: $id }) { __typename ... on UserError { code } } }`;
    const { body } = await app.graphql(CANCEL, { id: declarationId(brokeredNumber) }, tokens.c);
    expect(body.data.cancelDeclaration).toEqual({ __typename: 'NotPermitted', code: 'NOT_PERMITTED' });
  });

  it('refuses the public the declaration fields altogether', async () => {
    const list = await app.graphql(LIST);
    expect(list.body.data).toEqual({ declarations: null });
    expect(list.body.errors?.[0]).toMatchObject({ path: ['declarations'], extensions: { code: 'FORBIDDEN' } });
    const one = await app.graphql(`query($id: String!) { declaration(number: $id) { number } }`, { id: ownNumber });
    expect(one.body.data).toEqual({ declaration: null });
    expect(one.body.errors?.[0]).toMatchObject({ path: ['declaration'], extensions: { code: 'FORBIDDEN' } });
    // node answers null for the public, as for anything it cannot see.
    const node = await app.graphql(`query($id: ID!) { node(id: $id) { id } }`, { id: ownId });
    expect(node.body.data).toEqual({ node: null });
  });
});
