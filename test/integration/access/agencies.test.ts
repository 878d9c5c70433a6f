import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import { type AgencyFixture, seedAgencyFixture } from '../../helpers/agency-fixture.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { declarationId, PERSON } from '../../helpers/factories.js';

let app: TestApp;
let fixture: AgencyFixture;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  fixture = await seedAgencyFixture(app);
  for (const code of ['MATTILSYNET', 'POLICE', 'SKATTEETATEN', 'SSB', 'KYSTVERKET']) {
    tokens[code] = await app.token({ role: 'agency', agencyCode: code });
  }
  tokens.officer = await app.token({ role: 'officer', employeeId: 'T1001' });
  tokens.auditor = await app.token({ role: 'auditor', employeeId: 'A2001' });
  tokens.person = await app.token({ role: 'private', nationalIdentityNumber: PERSON });
});
afterAll(() => app.close());

const LIST = `{ declarations(first: 50) { edges { node { number goodsItems { commodityCode } } } } }`;

async function visible(token: string): Promise<Record<string, string[]>> {
  const { body } = await app.graphql(LIST, {}, token);
  return Object.fromEntries(
    (body.data?.declarations?.edges ?? []).map(
      (e: { node: { number: string; goodsItems: { commodityCode: string }[] } }) => [
        e.node.number,
        e.node.goodsItems.map((i) => i.commodityCode),
      ],
    ),
  );
}

async function accessLogCount(): Promise<number> {
  return Number(rowsOf<{ n: string }>(await app.db.db.execute(sql`select count(*) as n from data_access_log`))[0]?.n);
}

describe('what partner agencies see', () => {
  it('shows an agency reading by chapter only declarations with goods in its chapters, and only those goods', async () => {
    expect(await visible(tokens.MATTILSYNET as string)).toEqual({
      [fixture.cheeseAndSweaters]: ['04069099'],
      [fixture.cheeseForPerson]: ['04069099'],
    });
    expect(await visible(tokens.POLICE as string)).toEqual({ [fixture.shotgunForPerson]: ['93032000'] });
  });

  it('shows an agency that reads all every declaration and every item', async () => {
    const all = await visible(tokens.SKATTEETATEN as string);
    expect(Object.keys(all).sort()).toEqual(Object.values(fixture).sort());
    expect(all[fixture.cheeseAndSweaters]).toEqual(['61102000', '04069099']);
  });

  it('tells an agency nothing about goods outside its chapters through a commodity code filter', async () => {
    const FILTER = `query($prefix: String) { declarations(first: 50, filter: { commodityCodePrefix: $prefix }) { edges { node { number } } } }`;
    // The cheese declaration also holds pullovers (6110), which the Food Safety Authority may not see.
    const hidden = await app.graphql(FILTER, { prefix: '6110' }, tokens.MATTILSYNET);
    expect(hidden.body.data.declarations.edges).toEqual([]);
    const own = await app.graphql(FILTER, { prefix: '0406' }, tokens.MATTILSYNET);
    expect(own.body.data.declarations.edges).toHaveLength(2);
  });

  it('refuses declarations to agencies whose agreement grants no reading of them', async () => {
    for (const code of ['SSB', 'KYSTVERKET']) {
      const { body } = await app.graphql(LIST, {}, tokens[code]);
      expect(body.data.declarations).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('answers an agency asking for a declaration outside its scope exactly as for a missing one', async () => {
    const Q = `query($id: String!) { declaration(number: $id) { number } }`;
    const outside = await app.graphql(Q, { id: fixture.laptops }, tokens.MATTILSYNET);
    const missing = await app.graphql(Q, { id: '310000000-01012020-999' }, tokens.MATTILSYNET);
    expect(outside.body).toEqual(missing.body);
    const ACT = `mutation($id: ID!) { requestControl(input: { declarationId: $id, reason: "x" }) { __typename ... on UserError { code message } } }`;
    const act = await app.graphql(ACT, { id: declarationId(fixture.laptops) }, tokens.MATTILSYNET);
    const actMissing = await app.graphql(ACT, { id: '310000000-01012020-999' }, tokens.MATTILSYNET);
    expect(act.body.data).toEqual(actMissing.body.data);
    expect(act.body.data.requestControl.code).toBe('NOT_FOUND');
  });
});

describe('personal data and the access log', () => {
  const PARTY = `query($id: String!) { declaration(number: $id) { number importer { __typename name address ... on PersonParty { nationalIdentityNumber } } } }`;

  it("withholds a person's data from an agency without the grant, and logs nothing", async () => {
    const before = await accessLogCount();
    const { body } = await app.graphql(PARTY, { id: fixture.cheeseForPerson }, tokens.MATTILSYNET);
    expect(body.data.declaration).toEqual({
      number: fixture.cheeseForPerson,
      importer: { __typename: 'PersonParty', name: null, address: null, nationalIdentityNumber: null },
    });
    const forbidden = (body.errors ?? []).map((e) => `${e.path?.join('.')}:${e.extensions?.code}`);
    expect(forbidden.sort()).toEqual([
      'declaration.importer.address:FORBIDDEN',
      'declaration.importer.name:FORBIDDEN',
      'declaration.importer.nationalIdentityNumber:FORBIDDEN',
    ]);
    expect(await accessLogCount()).toBe(before);
  });

  it('shows it to an agency with the grant and logs each read with the fields read', async () => {
    const before = await accessLogCount();
    const { body } = await app.graphql(PARTY, { id: fixture.shotgunForPerson }, tokens.POLICE);
    expect(body.errors).toBeUndefined();
    expect(body.data.declaration.importer).toEqual({
      __typename: 'PersonParty',
      name: 'Kari Nordmann',
      address: 'Fjellveien 4, 3800 Bø',
      nationalIdentityNumber: PERSON,
    });
    expect(await accessLogCount()).toBe(before + 1);
    const [entry] = rowsOf<{ agency_code: string; fields: string[] | string; subject_national_id: string }>(
      await app.db.db.execute(sql`select * from data_access_log order by id desc limit 1`),
    );
    expect(entry?.agency_code).toBe('POLICE');
    expect(entry?.subject_national_id).toBe(PERSON);
    expect(String(entry?.fields)).toMatch(/address.*name.*nationalIdentityNumber/);
  });

  it('does not log reads of organisations, or reads by officers and the declarant', async () => {
    const before = await accessLogCount();
    await app.graphql(PARTY, { id: fixture.cheeseAndSweaters }, tokens.SKATTEETATEN);
    await app.graphql(PARTY, { id: fixture.shotgunForPerson }, tokens.officer);
    expect(await accessLogCount()).toBe(before);
  });

  it('lets the person see who read their data, and an auditor the whole log', async () => {
    const mine = await app.graphql(
      `{ viewer { dataAccessLog(first: 10) { edges { node { agency { code } declaration { number } fields requestId } } } } }`,
      {},
      tokens.person,
    );
    const entries = mine.body.data.viewer.dataAccessLog.edges.map((e: { node: unknown }) => e.node);
    expect(entries).toContainEqual({
      agency: { code: 'POLICE' },
      declaration: { number: fixture.shotgunForPerson },
      fields: ['address', 'name', 'nationalIdentityNumber'],
      requestId: null,
    });
    // The request id is the auditors' business.
    expect(mine.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const all = await app.graphql(
      `{ dataAccessLog(first: 10, filter: { agencyCode: "POLICE" }) { edges { node { agency { code name } nationalIdentityNumber requestId } } } }`,
      {},
      tokens.auditor,
    );
    expect(all.body.data.dataAccessLog.edges[0].node).toMatchObject({
      agency: { code: 'POLICE', name: expect.any(String) },
      nationalIdentityNumber: PERSON,
    });
    const agency = await app.graphql(
      `{ dataAccessLog(first: 1) { edges { node { agency { code } } } } }`,
      {},
      tokens.POLICE,
    );
    expect(agency.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps the access log append-only', async () => {
    const refusal = (error: unknown) => /append-only/.test(String((error as { cause?: Error }).cause?.message));
    await expect(app.db.db.execute(sql`delete from data_access_log`)).rejects.toSatisfy(refusal);
    await expect(app.db.db.execute(sql`update data_access_log set agency_code = 'X'`)).rejects.toSatisfy(refusal);
  });
});

describe('agency actions at the border', () => {
  const REQUEST = `mutation($id: ID!, $reason: String!) { requestControl(input: { declarationId: $id, reason: $reason }) {
    __typename ... on RequestControlSuccess { changed declaration { statusHistory { kind agency { code } reason } } } ... on UserError { code } } }`;
  const HOLD = `mutation($id: ID!) { placeHold(input: { declarationId: $id, reason: "Sample for residue analysis" }) {
    __typename ... on PlaceHoldSuccess { changed hold { number active agency { code } } declaration { onHold } } ... on UserError { code } } }`;

  it('records a control request in the status history, once', async () => {
    const first = await app.graphql(
      REQUEST,
      { id: declarationId(fixture.cheeseAndSweaters), reason: 'Listeria alert' },
      tokens.MATTILSYNET,
    );
    expect(first.body.data.requestControl.changed).toBe(true);
    expect(first.body.data.requestControl.declaration.statusHistory.at(-1)).toEqual({
      kind: 'CONTROL_REQUESTED',
      agency: { code: 'MATTILSYNET' },
      reason: 'Listeria alert',
    });
    const again = await app.graphql(
      REQUEST,
      { id: declarationId(fixture.cheeseAndSweaters), reason: 'Listeria alert' },
      tokens.MATTILSYNET,
    );
    expect(again.body.data.requestControl.changed).toBe(false);
    const blank = await app.graphql(
      REQUEST,
      { id: declarationId(fixture.cheeseAndSweaters), reason: '  ' },
      tokens.MATTILSYNET,
    );
    expect(blank.body.data.requestControl).toEqual({ __typename: 'ValidationFailed', code: 'VALIDATION_FAILED' });
  });

  it('places a hold that the declarant sees and an officer lifts', async () => {
    const placed = await app.graphql(HOLD, { id: declarationId(fixture.cheeseAndSweaters) }, tokens.MATTILSYNET);
    expect(placed.body.data.placeHold).toMatchObject({
      changed: true,
      hold: { active: true, agency: { code: 'MATTILSYNET' } },
      declaration: { onHold: true },
    });
    const twice = await app.graphql(HOLD, { id: declarationId(fixture.cheeseAndSweaters) }, tokens.MATTILSYNET);
    expect(twice.body.data.placeHold).toMatchObject({
      changed: false,
      hold: { number: placed.body.data.placeHold.hold.number },
    });

    const declarant = await app.token({ role: 'business', organisationNumber: '310000000' });
    const seen = await app.graphql(
      `query($id: String!) { declaration(number: $id) { onHold holds { agency { code } reason active } } }`,
      { id: fixture.cheeseAndSweaters },
      declarant,
    );
    expect(seen.body.data.declaration).toEqual({
      onHold: true,
      holds: [{ agency: { code: 'MATTILSYNET' }, reason: 'Sample for residue analysis', active: true }],
    });

    const RELEASE = `mutation($id: Int!) { releaseHold(input: { holdNumber: $id, reason: "Analysis clean" }) {
      __typename ... on ReleaseHoldSuccess { changed hold { active releasedBy } declaration { onHold } } ... on UserError { code } } }`;
    const byAgency = await app.graphql(RELEASE, { id: placed.body.data.placeHold.hold.number }, tokens.MATTILSYNET);
    expect(byAgency.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const released = await app.graphql(RELEASE, { id: placed.body.data.placeHold.hold.number }, tokens.officer);
    expect(released.body.data.releaseHold).toEqual({
      __typename: 'ReleaseHoldSuccess',
      changed: true,
      hold: { active: false, releasedBy: 'T1001' },
      declaration: { onHold: false },
    });
  });

  it("shows an agency its own holds and requests, not another agency's", async () => {
    const Q = `query($id: String!) { declaration(number: $id) { holds { agency { code } } statusHistory { kind agency { code } } } }`;
    const { body } = await app.graphql(Q, { id: fixture.cheeseAndSweaters }, tokens.SKATTEETATEN);
    expect(body.data.declaration.holds).toEqual([]);
    expect(body.data.declaration.statusHistory.filter((e: { agency: { code: string } | null }) => e.agency)).toEqual(
      [],
    );
    const officer = await app.graphql(Q, { id: fixture.cheeseAndSweaters }, tokens.officer);
    expect(officer.body.data.declaration.holds).toEqual([{ agency: { code: 'MATTILSYNET' } }]);
  });

  it('refuses actions the agreement does not grant', async () => {
    // The police may request control but not hold goods.
    const hold = await app.graphql(HOLD, { id: declarationId(fixture.shotgunForPerson) }, tokens.POLICE);
    expect(hold.body.data).toBeNull();
    expect(hold.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('agreements as data', () => {
  const RECORD = `mutation($input: RecordAgencyAgreementInput!) { recordAgencyAgreement(input: $input) {
    __typename ... on RecordAgencyAgreementSuccess { agreement { grants chapters personalData validFrom capabilities } }
    ... on ValidationFailed { problems { code path } } } }`;

  it('lets officers and auditors read agreements, and an agency its own', async () => {
    const { body } = await app.graphql(
      `{ agency(code: "MATTILSYNET") { name agreement { chapters grants } } }`,
      {},
      tokens.auditor,
    );
    expect(body.data.agency.agreement.grants).toContain('place:hold');
    const own = await app.graphql(
      `{ viewer { agency { code } agreement { agency { code } capabilities } } }`,
      {},
      tokens.POLICE,
    );
    expect(own.body.data.viewer.agency).toEqual({ code: 'POLICE' });
    expect(own.body.data.viewer.agreement).toEqual({
      agency: { code: 'POLICE' },
      capabilities: ['DECLARATIONS', 'PERSONAL_DATA', 'REQUEST_CONTROL'],
    });
    const denied = await app.graphql(`{ agencies { code } }`, {}, tokens.POLICE);
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('applies a changed agreement on the next request, without a restart', async () => {
    const before = await visible(tokens.MATTILSYNET as string);
    expect(Object.keys(before)).toContain(fixture.cheeseAndSweaters);
    const changed = await app.graphql(
      RECORD,
      {
        input: {
          agencyCode: 'MATTILSYNET',
          grants: ['read:declarations:chapters', 'request:control'],
          chapters: ['02', '03'],
          personalData: true,
          reason: 'Test: chapters narrowed',
        },
      },
      tokens.officer,
    );
    expect(changed.body.data.recordAgencyAgreement.__typename).toBe('RecordAgencyAgreementSuccess');
    expect(await visible(tokens.MATTILSYNET as string)).toEqual({});
    const history = await app.graphql(
      `{ agency(code: "MATTILSYNET") { agreementHistory { chapters validTo } } }`,
      {},
      tokens.officer,
    );
    expect(history.body.data.agency.agreementHistory).toHaveLength(2);
  });

  it('closes a version replaced on the same day, so the history has one open version', async () => {
    const terms = { agencyCode: 'HDIR', grants: ['read:declarations:chapters'], chapters: ['22'], personalData: false };
    await app.graphql(RECORD, { input: { ...terms, reason: 'first' } }, tokens.officer);
    await app.graphql(RECORD, { input: { ...terms, chapters: ['22', '24'], reason: 'corrected' } }, tokens.officer);
    const { body } = await app.graphql(
      `{ agency(code: "HDIR") { agreementHistory { validTo reason } agreement { reason } } }`,
      {},
      tokens.officer,
    );
    const open = body.data.agency.agreementHistory.filter((a: { validTo: string | null }) => a.validTo === null);
    expect(open).toEqual([{ validTo: null, reason: 'corrected' }]);
    expect(body.data.agency.agreement.reason).toBe('corrected');
  });

  it('refuses bad terms with every problem at its path, and refuses non-officers', async () => {
    const bad = await app.graphql(
      RECORD,
      {
        input: {
          agencyCode: 'POLICE',
          grants: ['read:everything'],
          chapters: ['9'],
          personalData: false,
          validFrom: '2020-01-01',
          reason: '',
        },
      },
      tokens.officer,
    );
    expect(
      bad.body.data.recordAgencyAgreement.problems.map(
        (p: { code: string; path: string[] }) => `${p.path.join('.')}:${p.code}`,
      ),
    ).toEqual([
      'input.grants.0:UNKNOWN_GRANT',
      'input.chapters.0:INVALID_CHAPTER',
      'input.validFrom:DATE_IN_PAST',
      'input.reason:REQUIRED',
    ]);
    const byAuditor = await app.graphql(
      RECORD,
      { input: { agencyCode: 'POLICE', grants: [], chapters: [], personalData: false, reason: 'x' } },
      tokens.auditor,
    );
    expect(byAuditor.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
