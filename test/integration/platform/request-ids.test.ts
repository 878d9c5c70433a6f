import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import { type AgencyFixture, seedAgencyFixture } from '../../helpers/agency-fixture.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;
let fixture: AgencyFixture;

beforeAll(async () => {
  app = await startTestApp();
  fixture = await seedAgencyFixture(app);
});
afterAll(() => app.close());

const PARTY = `query($id: String!) { declaration(number: $id) { number importer { name ... on PersonParty { nationalIdentityNumber } } } }`;

async function readPersonAs(token: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query: PARTY, variables: { id: fixture.shotgunForPerson } }),
  });
  const body = (await response.json()) as { errors?: unknown; data: { declaration: { importer: unknown } } };
  expect(body.errors).toBeUndefined();
  expect(body.data.declaration.importer).toMatchObject({ name: 'Kari Nordmann' });
  return response.headers.get('x-request-id') ?? '';
}

async function lastAccessLogEntry() {
  const [row] = rowsOf<{ request_id: string; correlation_id: string | null }>(
    await app.db.db.execute(sql`select request_id, correlation_id from data_access_log order by id desc limit 1`),
  );
  return row;
}

describe('request ids in the access log of personal-data reads', () => {
  it("records the server's request id, never one the client chose", async () => {
    const police = await app.token({ role: 'agency', agencyCode: 'POLICE' });
    const requestId = await readPersonAs(police, { 'x-request-id': 'forged-0001' });
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await lastAccessLogEntry()).toEqual({ request_id: requestId, correlation_id: 'forged-0001' });
  });

  it("keeps the client's correlation id apart, and none when it sent none or an insane one", async () => {
    const police = await app.token({ role: 'agency', agencyCode: 'POLICE' });
    const labelled = await readPersonAs(police, { 'x-correlation-id': 'police-case-17' });
    expect(await lastAccessLogEntry()).toEqual({ request_id: labelled, correlation_id: 'police-case-17' });
    const none = await readPersonAs(police, {});
    expect(await lastAccessLogEntry()).toEqual({ request_id: none, correlation_id: null });
    const insane = await readPersonAs(police, { 'x-correlation-id': 'x'.repeat(500) });
    expect(await lastAccessLogEntry()).toEqual({ request_id: insane, correlation_id: null });
  });

  it('shows auditors both ids, labelled', async () => {
    const police = await app.token({ role: 'agency', agencyCode: 'POLICE' });
    const requestId = await readPersonAs(police, { 'x-correlation-id': 'police-case-18' });
    const auditor = await app.token({ role: 'auditor', employeeId: 'A2001' });
    const { body } = await app.graphql(
      `{ dataAccessLog(first: 1, filter: { agencyCode: "POLICE" }) { edges { node { requestId correlationId } } } }`,
      {},
      auditor,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.dataAccessLog.edges[0].node).toEqual({ requestId, correlationId: 'police-case-18' });
  });
});
