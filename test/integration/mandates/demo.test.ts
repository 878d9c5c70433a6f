import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../../src/seed/seed.js';
import { runningClock, startTestApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;
const clock = runningClock();

beforeAll(async () => {
  app = await startTestApp({ clock });
  await seedDemoData(app.db.db, clock);
}, 120_000);
afterAll(() => app.close());

const MANDATES = `{ mandates(first: 10, filter: { side: RECEIVED, inForce: true }) {
  edges { node { kind grantorOrganisation { organisationNumber } grantorNationalIdentityNumber } } } }`;
const DECLARATION = `query($ref: String) { declarations(first: 5, filter: { clientReference: $ref }) {
  edges { node { number status representedParty { organisationNumber } } } } }`;

describe('the demo data', () => {
  it("seeds the mandates the demo broker and carrier declare under, and their clients' declarations", async () => {
    const broker = await app.token({ role: 'business', organisationNumber: '310000019' });
    const { body } = await app.graphql(MANDATES, {}, broker);
    const grantors = body.data.mandates.edges.map(
      (e: { node: { kind: string; grantorOrganisation: { organisationNumber: string } } }) =>
        `${e.node.grantorOrganisation.organisationNumber}:${e.node.kind}`,
    );
    expect(grantors.sort()).toEqual(['310000000:INDIRECT', '310000035:DIRECT']);
    const brokered = await app.graphql(DECLARATION, { ref: 'DEMO-BRK-0001' }, broker);
    expect(brokered.body.data.declarations.edges).toEqual([
      { node: expect.objectContaining({ representedParty: { organisationNumber: '310000035' } }) },
    ]);

    const carrier = await app.token({ role: 'business', organisationNumber: '310000051' });
    const carried = await app.graphql(MANDATES, {}, carrier);
    expect(carried.body.data.mandates.edges).toEqual([
      { node: { kind: 'DIRECT', grantorOrganisation: null, grantorNationalIdentityNumber: '01819012365' } },
    ]);
    expect(
      (await app.graphql(DECLARATION, { ref: 'DEMO-PST-0001' }, carrier)).body.data.declarations.edges,
    ).toHaveLength(1);
  });

  it('seeds again without duplicating a mandate', async () => {
    await seedDemoData(app.db.db, clock);
    const officer = await app.token({ role: 'officer', employeeId: 'T1001' });
    const { body } = await app.graphql(`{ mandates(first: 50) { edges { node { id } } } }`, {}, officer);
    expect(body.data.mandates.edges).toHaveLength(3);
  });
});
