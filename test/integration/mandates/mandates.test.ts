import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, type GraphQLResponse, startTestApp, type TestApp } from '../../helpers/app.js';
import { GRANT_MANDATE, grantMandate, ORG_A, ORG_B, ORG_C, PERSON } from '../../helpers/factories.js';

const clock = fixedClock('2026-06-10T09:00:00Z');
let app: TestApp;
const tokens: Record<string, string> = {};

const REVOKE = `
  mutation($id: ID!) {
    revokeMandate(input: { id: $id }) {
      __typename
      ... on RevokeMandateSuccess { changed mandate { id inForce revokedAt revokedBy } }
      ... on UserError { code message }
    }
  }
`;
const LIST = `
  query($filter: MandateFilter) {
    mandates(first: 50, filter: $filter) {
      edges { node { id kind inForce grantorOrganisation { organisationNumber } grantorNationalIdentityNumber
        representative { organisationNumber } } }
    }
  }
`;
type Edge = { node: { id: string } };
const idsOf = (body: { data?: { mandates?: { edges: Edge[] } } }) =>
  (body.data?.mandates?.edges ?? []).map((e) => e.node.id).sort();
const grant = (input: Record<string, unknown>, token: string | undefined) =>
  app.graphql(GRANT_MANDATE, { input }, token);
const problemsOf = (body: GraphQLResponse['body']): string[] =>
  (body.data?.grantMandate?.problems ?? []).map(
    (p: { code: string; path: string[] }) => `${p.path.join('.')}: ${p.code}`,
  );

let aToB: string;
let personToB: string;
let cToA: string;

beforeAll(async () => {
  app = await startTestApp({ clock });
  tokens.a = await app.token({ role: 'business', organisationNumber: ORG_A });
  tokens.b = await app.token({ role: 'business', organisationNumber: ORG_B });
  tokens.c = await app.token({ role: 'business', organisationNumber: ORG_C });
  tokens.person = await app.token({ role: 'private', nationalIdentityNumber: PERSON });
  tokens.officer = await app.token({ role: 'officer', employeeId: 'T1001' });
  tokens.auditor = await app.token({ role: 'auditor', employeeId: 'A2001' });
  tokens.agency = await app.token({ role: 'agency', agencyCode: 'SKATTEETATEN' });
  tokens.readOnly = await app.token({ role: 'business', organisationNumber: ORG_A, scopes: ['declarations:read'] });
  aToB = await grantMandate(app, tokens.a, ORG_B, 'INDIRECT');
  personToB = await grantMandate(app, tokens.person, ORG_B);
  cToA = await grantMandate(app, tokens.c, ORG_A);
});
afterAll(() => app.close());

describe('granting a mandate', () => {
  it('records the grantor, the representative, the kind and the period', async () => {
    const { body } = await grant({ representative: '310000043', kind: 'DIRECT', validTo: '2026-12-31' }, tokens.a);
    expect(body.data.grantMandate).toMatchObject({
      __typename: 'GrantMandateSuccess',
      replayed: false,
      mandate: {
        kind: 'DIRECT',
        validFrom: '2026-06-10',
        validTo: '2026-12-31',
        inForce: true,
        revokedAt: null,
        grantedBy: ORG_A,
        representative: { organisationNumber: '310000043' },
      },
    });
  });

  it('is idempotent: the same grant again returns the first mandate and stores nothing', async () => {
    const again = await grant({ representative: ORG_B, kind: 'INDIRECT' }, tokens.a);
    expect(again.body.data.grantMandate).toMatchObject({ replayed: true, mandate: { id: aToB } });
    const explicit = await grant({ representative: ORG_B, kind: 'INDIRECT', validFrom: '2026-06-10' }, tokens.a);
    expect(explicit.body.data.grantMandate).toMatchObject({ replayed: true, mandate: { id: aToB } });
    const own = await app.graphql(
      LIST,
      { filter: { side: 'GIVEN', representativeOrganisationNumber: ORG_B } },
      tokens.a,
    );
    expect(idsOf(own.body)).toEqual([aToB]);
  });

  it('serialises concurrent identical grants into one mandate', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => grant({ representative: '310000051', kind: 'DIRECT' }, tokens.c)),
    );
    const ids = new Set(results.map((r) => r.body.data.grantMandate.mandate.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.body.data.grantMandate.replayed === false)).toHaveLength(1);
  });

  it('refuses other terms that overlap an unrevoked mandate between the same two parties, and changes nothing', async () => {
    const { body } = await grant({ representative: ORG_B, kind: 'DIRECT' }, tokens.a);
    expect(body.data.grantMandate.__typename).toBe('ValidationFailed');
    expect(problemsOf(body)).toEqual(['input.validFrom: MANDATE_OVERLAPS']);
    const later = await grant({ representative: ORG_B, kind: 'DIRECT', validFrom: '2027-01-01' }, tokens.a);
    expect(problemsOf(later.body)).toEqual(['input.validFrom: MANDATE_OVERLAPS']);
    const own = await app.graphql(LIST, { filter: { representativeOrganisationNumber: ORG_B } }, tokens.a);
    expect(idsOf(own.body)).toEqual([aToB]);
  });

  it('reports every problem of the input at its path', async () => {
    const { body } = await grant(
      { representative: '310000043', kind: 'DIRECT', validFrom: '2026-06-01', validTo: '2026-05-01' },
      tokens.a,
    );
    expect(body.data.grantMandate.code).toBe('VALIDATION_FAILED');
    expect(problemsOf(body)).toEqual(['input.validFrom: DATE_IN_PAST', 'input.validTo: INVALID_PERIOD']);
    // An organisation number with a wrong check digit is refused as the request is read.
    const malformed = await grant({ representative: '310000001', kind: 'DIRECT' }, tokens.a);
    expect(malformed.body.errors?.[0]?.message).toContain('at "input.representative"');
    const self = await grant({ representative: ORG_A, kind: 'DIRECT' }, tokens.a);
    expect(problemsOf(self.body)).toEqual(['input.representative: REPRESENTATIVE_IS_GRANTOR']);
  });

  it('is for the grantor with a token for writing: officers, agencies, the public and read-only tokens are refused', async () => {
    for (const token of [tokens.officer, tokens.auditor, tokens.agency, tokens.readOnly, undefined]) {
      const { body } = await app.graphql(GRANT_MANDATE, { input: { representative: ORG_C, kind: 'DIRECT' } }, token);
      expect(body.errors?.[0]).toMatchObject({ path: ['grantMandate'], extensions: { code: 'FORBIDDEN' } });
    }
  });
});

describe('reading mandates', () => {
  it('shows a business those it gave and received, apart or together, and a person those they gave', async () => {
    const given = await app.graphql(LIST, { filter: { side: 'GIVEN' } }, tokens.a);
    expect(given.body.data.mandates.edges.map((e: Edge) => e.node.id)).toContain(aToB);
    expect(idsOf(given.body)).not.toContain(cToA);
    const received = await app.graphql(LIST, { filter: { side: 'RECEIVED' } }, tokens.a);
    expect(idsOf(received.body)).toEqual([cToA]);
    const both = await app.graphql(LIST, {}, tokens.a);
    expect(idsOf(both.body)).toEqual(expect.arrayContaining([aToB, cToA]));
    const broker = await app.graphql(LIST, { filter: { side: 'RECEIVED' } }, tokens.b);
    expect(idsOf(broker.body)).toEqual([aToB, personToB].sort());
    const person = await app.graphql(LIST, {}, tokens.person);
    expect(idsOf(person.body)).toEqual([personToB]);
    expect(person.body.data.mandates.edges[0].node).toMatchObject({
      grantorOrganisation: null,
      grantorNationalIdentityNumber: PERSON,
      representative: { organisationNumber: ORG_B },
    });
  });

  it('shows officers and auditors every mandate, and agencies and the public none', async () => {
    for (const token of [tokens.officer, tokens.auditor]) {
      const all = await app.graphql(LIST, {}, token);
      expect(idsOf(all.body)).toEqual(expect.arrayContaining([aToB, personToB, cToA]));
      const fromC = await app.graphql(LIST, { filter: { grantorOrganisationNumber: ORG_C } }, token);
      expect(
        fromC.body.data.mandates.edges.every((e: { node: { grantorOrganisation: unknown } }) =>
          JSON.stringify(e.node.grantorOrganisation).includes(ORG_C),
        ),
      ).toBe(true);
      // An officer has no side of a mandate.
      expect(idsOf((await app.graphql(LIST, { filter: { side: 'GIVEN' } }, token)).body)).toEqual([]);
    }
    for (const token of [tokens.agency, undefined]) {
      const { body } = await app.graphql(LIST, {}, token);
      expect(body.data?.mandates ?? null).toBeNull();
      expect(body.errors?.[0]).toMatchObject({ path: ['mandates'], extensions: { code: 'FORBIDDEN' } });
    }
  });

  it('answers a business outside a mandate by node exactly as for a missing one', async () => {
    const q = `query($id: ID!) { node(id: $id) { id ... on Mandate { kind } } }`;
    const other = await app.token({ role: 'business', organisationNumber: '310000043' });
    const theirs = await app.graphql(q, { id: personToB }, other);
    const missing = await app.graphql(q, { id: encodeGlobalID('Mandate', '999999') }, other);
    expect(theirs.body.data).toEqual({ node: null });
    expect(theirs.body.data).toEqual(missing.body.data);
    const malformed = await app.graphql(q, { id: encodeGlobalID('Mandate', 'x') }, tokens.officer);
    expect(malformed.body).toMatchObject({ data: { node: null } });
    expect(malformed.body.errors).toBeUndefined();
    const own = await app.graphql(q, { id: personToB }, tokens.b);
    expect(own.body.data.node).toEqual({ id: personToB, kind: 'DIRECT' });
  });

  it('pages newest first with cursors', async () => {
    const first = await app.graphql(
      `{ mandates(first: 1) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
      {},
      tokens.officer,
    );
    const page = first.body.data.mandates;
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await app.graphql(
      `query($after: String) { mandates(first: 100, after: $after) { edges { node { id } } } }`,
      { after: page.pageInfo.endCursor },
      tokens.officer,
    );
    const ids = next.body.data.mandates.edges.map((e: Edge) => e.node.id);
    expect(ids).not.toContain(page.edges[0].node.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
  });
});

describe('revoking a mandate', () => {
  it('is for the grantor only: the representative may not, and others do not find it', async () => {
    const representative = await app.graphql(REVOKE, { id: cToA }, tokens.a);
    expect(representative.body.data.revokeMandate.code).toBe('NOT_PERMITTED');
    const stranger = await app.graphql(REVOKE, { id: cToA }, tokens.b);
    expect(stranger.body.data.revokeMandate.code).toBe('NOT_FOUND');
    const malformed = await app.graphql(REVOKE, { id: 'not-an-id' }, tokens.c);
    expect(malformed.body.data.revokeMandate.code).toBe('NOT_FOUND');
    const still = await app.graphql(LIST, { filter: { side: 'RECEIVED', inForce: true } }, tokens.a);
    expect(idsOf(still.body)).toEqual([cToA]);
  });

  it('ends the mandate from now, keeps it on record, and is harmless twice', async () => {
    clock.set('2026-06-10T10:00:00Z');
    const first = await app.graphql(REVOKE, { id: cToA }, tokens.c);
    expect(first.body.data.revokeMandate).toMatchObject({
      __typename: 'RevokeMandateSuccess',
      changed: true,
      mandate: { id: cToA, inForce: false, revokedAt: '2026-06-10T10:00:00.000Z', revokedBy: ORG_C },
    });
    const again = await app.graphql(REVOKE, { id: cToA }, tokens.c);
    expect(again.body.data.revokeMandate).toMatchObject({
      changed: false,
      mandate: { revokedAt: '2026-06-10T10:00:00.000Z' },
    });
    const history = await app.graphql(LIST, { filter: { side: 'RECEIVED', inForce: false } }, tokens.a);
    expect(idsOf(history.body)).toEqual([cToA]);
    // Revoked, it no longer stands in the way of new terms.
    const renewed = await grant({ representative: ORG_A, kind: 'INDIRECT' }, tokens.c);
    expect(renewed.body.data.grantMandate).toMatchObject({
      replayed: false,
      mandate: { kind: 'INDIRECT', inForce: true },
    });
  });
});
