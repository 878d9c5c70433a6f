import { readFileSync } from 'node:fs';
import { isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../../src/composition/schema.js';
import { verifyChains } from '../../../src/modules/audit/service.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { grantMandate, importDeclaration, ORG_A, ORG_B, PERSON, SUBMIT } from '../../helpers/factories.js';
import { lastSeq, type TrailRow, trailSince } from './helpers.js';

let app: TestApp;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  tokens.a = await app.token({ role: 'business', organisationNumber: ORG_A });
  tokens.b = await app.token({ role: 'business', organisationNumber: ORG_B });
  tokens.person = await app.token({ role: 'private', nationalIdentityNumber: PERSON });
  tokens.officer = await app.token({ role: 'officer', employeeId: 'T1001' });
  tokens.secondOfficer = await app.token({ role: 'officer', employeeId: 'T1002' });
  tokens.food = await app.token({ role: 'agency', agencyCode: 'MATTILSYNET' });
});
afterAll(() => app.close());

async function submit(input = importDeclaration()): Promise<{ id: string; number: string }> {
  const { body } = await app.graphql(SUBMIT, { input }, tokens.a);
  const declaration = body.data?.submitDeclaration?.declaration;
  if (!declaration) throw new Error(`submission failed: ${JSON.stringify(body)}`);
  return declaration;
}

async function run(query: string, variables: Record<string, unknown>, token: string | undefined) {
  const { body } = await app.graphql(query, variables, token);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/**
 * One call of each Mutation field that changes something, and the table it must be seen writing.
 * A Mutation field missing here fails the walk below: add its case when you add the field.
 */
const CASES: Record<string, { table: string; act: () => Promise<unknown> }> = {
  submitDeclaration: { table: 'declarations', act: () => submit() },
  amendDeclaration: {
    table: 'declaration_versions',
    act: async () => {
      const declared = importDeclaration();
      const { id } = await submit(declared);
      return run(
        `mutation($input: AmendDeclarationInput!) { amendDeclaration(input: $input) { __typename } }`,
        { input: { id, reason: 'Wrong description', declaration: { ...declared, transportMode: 'SEA' } } },
        tokens.a,
      );
    },
  },
  cancelDeclaration: {
    table: 'declaration_events',
    act: async () => {
      const { id } = await submit();
      return run(
        `mutation($id: ID!) { cancelDeclaration(input: { id: $id, reason: "Sent twice" }) { __typename } }`,
        { id },
        tokens.a,
      );
    },
  },
  requestControl: {
    table: 'declaration_events',
    act: async () => run(REQUEST_CONTROL, { id: await cheese() }, tokens.food),
  },
  placeHold: { table: 'declaration_holds', act: async () => run(PLACE_HOLD, { id: await cheese() }, tokens.food) },
  releaseHold: {
    table: 'declaration_holds',
    act: async () => {
      const placed = (await run(PLACE_HOLD, { id: await cheese() }, tokens.food)) as Json;
      return run(
        `mutation($n: Int!) { releaseHold(input: { holdNumber: $n, reason: "Analysis clean" }) { __typename } }`,
        { n: placed.placeHold.hold.number },
        tokens.officer,
      );
    },
  },
  grantMandate: { table: 'mandates', act: () => grantMandate(app, tokens.b, ORG_A) },
  revokeMandate: {
    table: 'mandates',
    act: async () => {
      const id = await grantMandate(app, tokens.person, ORG_B);
      return run(`mutation($id: ID!) { revokeMandate(input: { id: $id }) { __typename } }`, { id }, tokens.person);
    },
  },
  importBankNotification: {
    table: 'suspense_items',
    act: () =>
      run(
        `mutation($input: ImportBankNotificationInput!) { importBankNotification(input: $input) { __typename } }`,
        {
          input: {
            file: readFileSync(new URL('../../fixtures/camt054/dnb-001.08-mixed.xml', import.meta.url), 'utf8'),
          },
        },
        tokens.officer,
      ),
  },
  createRiskRule: { table: 'risk_rules', act: () => createRule() },
  changeRiskRule: {
    table: 'risk_rule_versions',
    act: async () =>
      run(
        `mutation($input: ChangeRiskRuleInput!) { changeRiskRule(input: $input) { __typename } }`,
        { input: { rule: await createRule(), terms: { ...RULE_TERMS, weight: 20, reason: 'Heavier' } } },
        tokens.officer,
      ),
  },
  retireRiskRule: {
    table: 'risk_rule_versions',
    act: async () =>
      run(
        `mutation($input: RetireRiskRuleInput!) { retireRiskRule(input: $input) { __typename } }`,
        { input: { rule: await createRule(), reason: 'Found nothing' } },
        tokens.officer,
      ),
  },
  proposePenalty: { table: 'penalties', act: () => proposePenalty() },
  approvePenalty: {
    table: 'penalties',
    act: async () => {
      const proposed = (await proposePenalty()) as Json;
      return run(
        `mutation($n: Int!) { approvePenalty(input: { penaltyNumber: $n }) { __typename } }`,
        { n: proposed.proposePenalty.penalty.number },
        tokens.secondOfficer,
      );
    },
  },
  recordAgencyAgreement: {
    table: 'agency_agreements',
    act: () =>
      run(
        `mutation($input: RecordAgencyAgreementInput!) { recordAgencyAgreement(input: $input) { __typename } }`,
        {
          input: {
            agencyCode: 'KYSTVERKET',
            grants: ['read:declarations:chapters'],
            chapters: ['03'],
            personalData: false,
            reason: 'Audit test',
          },
        },
        tokens.officer,
      ),
  },
};

const RULE_TERMS = {
  name: 'New importers',
  parameters: { newImporter: { periodDays: 30 } },
  weight: 10,
  reason: 'Audit test',
};

async function createRule(): Promise<string> {
  const created = (await run(
    `mutation($input: CreateRiskRuleInput!) { createRiskRule(input: $input) {
      __typename ... on CreateRiskRuleSuccess { rule { id } } } }`,
    { input: { terms: RULE_TERMS } },
    tokens.officer,
  )) as Json;
  return created.createRiskRule.rule.id;
}

async function proposePenalty(): Promise<unknown> {
  const { id } = await submit();
  return run(
    `mutation($input: ProposePenaltyInput!) { proposePenalty(input: $input) {
      __typename ... on ProposePenaltySuccess { penalty { number } } } }`,
    {
      input: {
        declarationId: id,
        kind: 'ADDITIONAL_DUTY',
        dutyAdvantage: { amount: '10000.00', currency: 'NOK' },
        reason: 'Wrong code',
      },
    },
    tokens.officer,
  );
}

const REQUEST_CONTROL = `mutation($id: ID!) { requestControl(input: { declarationId: $id, reason: "Listeria alert" }) { __typename } }`;
const PLACE_HOLD = `mutation($id: ID!) { placeHold(input: { declarationId: $id, reason: "Residue sample" }) {
  __typename ... on PlaceHoldSuccess { hold { number } } } }`;

/** A fresh declaration with cheese, which the Food Safety Authority may act on. */
async function cheese(): Promise<string> {
  const item = {
    commodityCode: '04069099',
    description: 'Cheese',
    countryOfOrigin: 'FR',
    netMass: '12.5',
    invoiceAmount: '800.00',
  };
  return (await submit(importDeclaration({ goodsItems: [item] }))).id;
}

// biome-ignore lint/suspicious/noExplicitAny: test responses are free-form JSON
type Json = any;

function mutationFields(): string[] {
  const mutation = buildSchema().getMutationType();
  if (!mutation || !isObjectType(mutation)) throw new Error('the schema has no Mutation type');
  return Object.keys(mutation.getFields()).sort();
}

describe('the audit trail of every mutation', () => {
  it('has a case for every Mutation field of the schema', () => {
    expect(Object.keys(CASES).sort()).toEqual(mutationFields());
  });

  for (const field of mutationFields()) {
    it(`writes a trail row for ${field}, in the same transaction, naming what it wrote`, async () => {
      const testCase = CASES[field];
      if (!testCase) throw new Error(`no audit case for the mutation ${field}: add one to CASES`);
      const before = await lastSeq(app);
      await testCase.act();
      const rows: TrailRow[] = await trailSince(app, before);
      const own = rows.filter((row) => row.mutation === field);
      expect(own.length).toBeGreaterThan(0);
      const last = own.at(-1) as TrailRow;
      expect(last.requestId).toMatch(/\S/);
      expect(last.principalKind).toMatch(/^(business|private|officer|agency)$/);
      const tables = (last.changes as { table: string }[]).map((change) => change.table);
      expect(tables).toContain(testCase.table);
    });
  }

  it('never keeps a national identity number in clear', async () => {
    const before = await lastSeq(app);
    const person = { nationalIdentityNumber: PERSON, name: 'Kari Nordmann', address: 'Fjellveien 4, 3800 Bø' };
    await grantMandate(app, tokens.person, ORG_A);
    await submit(importDeclaration({ importer: person }));
    const rows = await trailSince(app, before);
    expect(rows.map((row) => row.principalKind)).toEqual(['private', 'business']);
    expect(JSON.stringify(rows)).not.toContain(PERSON);
    expect(rows[0]?.principalId).not.toContain(PERSON);
  });

  it('writes no row for a mutation answered with a user error or that changed nothing', async () => {
    const { id } = await submit();
    const before = await lastSeq(app);
    const invalid = await app.graphql(SUBMIT, { input: importDeclaration({ goodsItems: [] }) }, tokens.a);
    expect(invalid.body.data.submitDeclaration.__typename).toBe('ValidationFailed');
    const CANCEL = `mutation($id: ID!) { cancelDeclaration(input: { id: $id }) { __typename ... on CancelDeclarationSuccess { changed } } }`;
    const first = await run(CANCEL, { id }, tokens.a);
    expect((first as Json).cancelDeclaration.changed).toBe(true);
    const again = await run(CANCEL, { id }, tokens.a);
    expect((again as Json).cancelDeclaration.changed).toBe(false);
    const rows = await trailSince(app, before);
    expect(rows.map((row) => row.mutation)).toEqual(['cancelDeclaration']);
    expect(rows[0]?.input).toEqual({ input: { id } });
  });

  it('leaves a chain that verifies', async () => {
    const reports = await verifyChains(app.db.db);
    expect(reports.map((report) => report.broken)).toEqual([undefined, undefined]);
    expect(reports[0]?.verified).toBeGreaterThan(9);
  });
});
