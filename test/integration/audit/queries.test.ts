import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { grantMandate, importDeclaration, ORG_A, ORG_B, SUBMIT } from '../../helpers/factories.js';

let app: TestApp;
const tokens: Record<string, string> = {};
let first: { id: string; number: string };

beforeAll(async () => {
  app = await startTestApp();
  tokens.a = await app.token({ role: 'business', organisationNumber: ORG_A });
  tokens.b = await app.token({ role: 'business', organisationNumber: ORG_B });
  tokens.officer = await app.token({ role: 'officer', employeeId: 'T1001' });
  tokens.auditor = await app.token({ role: 'auditor', employeeId: 'A2001' });
  const submitted = await app.graphql(SUBMIT, { input: importDeclaration() }, tokens.a);
  first = submitted.body.data.submitDeclaration.declaration;
  await app.graphql(SUBMIT, { input: importDeclaration() }, tokens.a);
  await grantMandate(app, tokens.b, ORG_A);
  await app.graphql(
    `mutation($id: ID!) { cancelDeclaration(input: { id: $id, reason: "Sent twice" }) { __typename } }`,
    { id: first.id },
    tokens.a,
  );
});
afterAll(() => app.close());

const TRAIL = `query($filter: AuditTrailFilter, $first: Int, $after: String) {
  auditTrail(filter: $filter, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { sequence mutation principalKind principalId requestId input
      changes { table operation key keys } declarations { number } hash previousHash } } } }`;

async function trail(filter: Record<string, unknown> = {}, token = tokens.auditor) {
  const { body } = await app.graphql(TRAIL, { filter }, token);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.auditTrail.edges.map((edge: { node: Json }) => edge.node);
}

// biome-ignore lint/suspicious/noExplicitAny: test responses are free-form JSON
type Json = any;

describe('the audit trail for auditors', () => {
  it('lists every change newest first, each linked to the hash before it', async () => {
    const entries = await trail();
    expect(entries.map((e: Json) => e.mutation)).toEqual([
      'cancelDeclaration',
      'grantMandate',
      'submitDeclaration',
      'submitDeclaration',
    ]);
    expect(entries.map((e: Json) => e.sequence)).toEqual([4, 3, 2, 1]);
    expect(entries[3].previousHash).toBe('0'.repeat(64));
    for (let i = 0; i < 3; i++) expect(entries[i].previousHash).toBe(entries[i + 1].hash);
    expect(entries[0]).toMatchObject({
      principalKind: 'BUSINESS',
      principalId: ORG_A,
      input: `{"input":{"id":"${first.id}","reason":"Sent twice"}}`,
      declarations: [{ number: first.number }],
    });
    expect(entries[0].changes).toContainEqual({
      table: 'declaration_events',
      operation: 'INSERT',
      key: 'declaration_id',
      keys: [expect.stringMatching(/^\d+$/)],
    });
  });

  it('filters by declaration, principal, mutation, row and time', async () => {
    const ofFirst = await trail({ declaration: first.id });
    expect(ofFirst.map((e: Json) => e.mutation)).toEqual(['cancelDeclaration', 'submitDeclaration']);
    expect(await trail({ principalKind: 'BUSINESS', principalId: ORG_B })).toHaveLength(1);
    expect(await trail({ mutation: 'submitDeclaration' })).toHaveLength(2);
    const mandate = (await trail({ mutation: 'grantMandate' }))[0];
    const mandateId = mandate.changes.find((c: Json) => c.table === 'mandates').keys[0];
    expect((await trail({ entity: { table: 'mandates', key: mandateId } })).map((e: Json) => e.sequence)).toEqual([
      mandate.sequence,
    ]);
    expect(await trail({ from: '2999-01-01T00:00:00Z' })).toEqual([]);
    expect(await trail({ to: '2999-01-01T00:00:00Z' })).toHaveLength(4);
    expect(await trail({ declaration: 'not-an-id' })).toEqual([]);
  });

  it('pages by keyset', async () => {
    const page1 = await app.graphql(TRAIL, { first: 3 }, tokens.auditor);
    const connection = page1.body.data.auditTrail;
    expect(connection.edges.map((e: Json) => e.node.sequence)).toEqual([4, 3, 2]);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    const page2 = await app.graphql(TRAIL, { first: 3, after: connection.pageInfo.endCursor }, tokens.auditor);
    expect(page2.body.data.auditTrail.edges.map((e: Json) => e.node.sequence)).toEqual([1]);
  });

  it('is refused to everyone but auditors', async () => {
    for (const token of [tokens.a, tokens.officer, undefined]) {
      const { body } = await app.graphql(TRAIL, {}, token);
      expect(body.data.auditTrail).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});
