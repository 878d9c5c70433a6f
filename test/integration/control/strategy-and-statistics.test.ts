import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import { createRiskRuleBooks, recordControlOutcome, riskSelectionHook } from '../../../src/modules/control/service.js';
import { fixedClock, startTestApp, type TestApp } from '../../helpers/app.js';
import { declarationId, goodsItem, importDeclaration, ORG_A, ORG_C, SUBMIT } from '../../helpers/factories.js';

/**
 * What the selection learns from and reports: the running unit-value sums kept on acceptance, the
 * importer history, and the control strategy report over outcomes the officer's workflow records.
 */
let app: TestApp;
let officer: string;
let auditor: string;
let business: string;
const clock = fixedClock('2026-06-15T10:00:00Z');

const CREATE = `mutation Create($input: CreateRiskRuleInput!) { createRiskRule(input: $input) {
  __typename ... on CreateRiskRuleSuccess { rule { id } } } }`;
const RETIRE = `mutation Retire($input: RetireRiskRuleInput!) { retireRiskRule(input: $input) { __typename } }`;
const CONTROL = `query One($id: ID!) { declaration(id: $id) { control { channel } } }`;
const FIRED = `query One($id: ID!) { declaration(id: $id) { riskAssessment { firedRules { kind inputs { name value } } } } }`;
const AMEND = `mutation Amend($input: AmendDeclarationInput!) { amendDeclaration(input: $input) { __typename } }`;
const CANCEL = `mutation Cancel($input: CancelDeclarationInput!) { cancelDeclaration(input: $input) { __typename } }`;
const REPORT = `query Report($from: Date!, $to: Date!) { controlStrategyReport(from: $from, to: $to) {
  __typename
  ... on ControlStrategyReport { assessed
    byRule { rule { id } fired selected controlled discrepancies hitRate }
    byChannel { channel fired selected controlled discrepancies hitRate }
    randomSample { fired selected controlled discrepancies hitRate } }
  ... on ValidationFailed { problems { code path } } } }`;

async function createRule(terms: Record<string, unknown>): Promise<string> {
  const input = { terms: { name: 'Rule', reason: 'Test', ...terms } };
  const { body } = await app.graphql(CREATE, { input }, officer);
  const id = body.data?.createRiskRule?.rule?.id;
  if (!id) throw new Error(`rule failed: ${JSON.stringify(body)}`);
  return id as string;
}

async function submit(input: Record<string, unknown>, token = business) {
  const { body } = await app.graphql(SUBMIT, { input }, token);
  const number = body.data?.submitDeclaration?.declaration?.number as string | undefined;
  if (!number) throw new Error(`submission failed: ${JSON.stringify(body)}`);
  return { id: declarationId(number), number };
}

async function channelOf(id: string): Promise<string> {
  return (await app.graphql(CONTROL, { id }, officer)).body.data.declaration.control.channel;
}

async function internalId(number: string): Promise<number> {
  const rows = rowsOf<{ id: string | number }>(
    await app.db.db.execute(sql`select id from declarations where number = ${number}`),
  );
  return Number(rows[0]?.id);
}

async function statistic(code: string, origin: string) {
  const rows = rowsOf<{ items: number; value_ore: string; mass_kg: string }>(
    await app.db.db.execute(
      sql`select items, value_ore::text, mass_kg::text from unit_value_statistics where commodity_code = ${code} and origin_country = ${origin}`,
    ),
  );
  return rows[0]
    ? { items: Number(rows[0].items), valueOre: rows[0].value_ore, massKg: Number(rows[0].mass_kg) }
    : null;
}

beforeAll(async () => {
  app = await startTestApp({ clock });
  officer = await app.token({ role: 'officer', employeeId: 'T4001' });
  auditor = await app.token({ role: 'auditor', employeeId: 'A4001' });
  business = await app.token({ role: 'business', organisationNumber: ORG_A });
});
afterAll(() => app.close());

describe('the typical unit value', () => {
  it('is kept on acceptance, corrected on amendment, withdrawn on cancellation, and selects a value far below it', async () => {
    const rule = await createRule({
      parameters: { lowUnitValue: { chapters: ['64'], belowPercent: 30, minimumSample: 3 } },
      channel: 'PHYSICAL_CONTROL',
    });
    const shoes = (amount: string) =>
      importDeclaration({
        invoiceCurrency: 'NOK',
        goodsItems: [
          goodsItem({
            commodityCode: '64039900',
            description: 'Shoes',
            countryOfOrigin: 'IT',
            netMass: '10',
            supplementaryQuantity: '20',
            invoiceAmount: amount,
          }),
        ],
      });
    const normal = [];
    for (let i = 0; i < 3; i++) normal.push(await submit(shoes('10000')));
    // Too few before it to judge: none of the first three is selected.
    for (const d of normal) expect(await channelOf(d.id)).toBe('RELEASE');
    const before = await statistic('64039900', 'IT');
    expect(before?.items).toBe(3);
    expect(before?.massKg).toBe(30);

    const cheapInput = shoes('500');
    const cheap = await submit(cheapInput);
    expect(await channelOf(cheap.id)).toBe('PHYSICAL_CONTROL');
    const fired = (await app.graphql(FIRED, { id: cheap.id }, officer)).body.data.declaration.riskAssessment.firedRules;
    expect(fired[0]).toMatchObject({ kind: 'LOW_UNIT_VALUE' });
    expect(fired[0].inputs).toContainEqual({ name: 'item 1 sample', value: '3' });
    expect((await statistic('64039900', 'IT'))?.items).toBe(4);

    // The amendment replaces the version's contribution, it does not add a fifth item.
    const amended = await app.graphql(
      AMEND,
      {
        input: {
          id: cheap.id,
          reason: 'price corrected',
          declaration: { ...cheapInput, goodsItems: shoes('10000').goodsItems },
        },
      },
      business,
    );
    expect(amended.body.data?.amendDeclaration?.__typename, JSON.stringify(amended.body)).toBe(
      'AmendDeclarationSuccess',
    );
    expect(await channelOf(cheap.id)).toBe('RELEASE');
    const after = await statistic('64039900', 'IT');
    expect(after?.items).toBe(4);
    expect(after?.massKg).toBe(40);

    const cancelled = await app.graphql(CANCEL, { input: { id: normal[0]?.id, reason: 'sent twice' } }, business);
    expect(cancelled.body.data?.cancelDeclaration?.__typename).toBe('CancelDeclarationSuccess');
    expect((await statistic('64039900', 'IT'))?.items).toBe(3);
    await app.graphql(RETIRE, { input: { rule, reason: 'done' } }, officer);
  });
});

describe('the new importer', () => {
  it('is selected while its first declaration is younger than the period', async () => {
    const rule = await createRule({ parameters: { newImporter: { periodDays: 30 } }, channel: 'DOCUMENTARY_CONTROL' });
    const newcomer = await app.token({ role: 'business', organisationNumber: ORG_C });
    const own = () =>
      importDeclaration({ invoiceCurrency: 'NOK', importer: { organisationNumber: ORG_C, name: 'Havbris AS' } });
    expect(await channelOf((await submit(own(), newcomer)).id)).toBe('DOCUMENTARY_CONTROL');
    clock.set('2026-07-10T10:00:00Z');
    expect(await channelOf((await submit(own(), newcomer)).id)).toBe('DOCUMENTARY_CONTROL');
    clock.set('2026-07-20T10:00:00Z');
    expect(await channelOf((await submit(own(), newcomer)).id)).toBe('RELEASE');
    clock.set('2026-06-15T10:00:00Z');
    await app.graphql(RETIRE, { input: { rule, reason: 'done' } }, officer);
  });
});

describe('the control strategy report', () => {
  it('counts per rule, per channel and for the random sample what was selected, controlled and found', async () => {
    clock.set('2026-08-03T10:00:00Z');
    const documents = await createRule({
      parameters: { missingDocument: { chapters: ['61'], documentCode: 'Y900' } },
      channel: 'DOCUMENTARY_CONTROL',
    });
    const random = await createRule({
      parameters: { randomSelection: { perTenThousand: 10000, seed: 'report' } },
      weight: 1,
    });
    const pullovers = [];
    for (let i = 0; i < 3; i++) pullovers.push(await submit(importDeclaration({ invoiceCurrency: 'NOK' })));
    const coats = await submit(
      importDeclaration({
        invoiceCurrency: 'NOK',
        goodsItems: [goodsItem({ commodityCode: '62014000', description: 'Coats' })],
      }),
    );
    expect(await channelOf(coats.id)).toBe('RELEASE');

    const decide = async (number: string, outcome: 'NO_FINDINGS' | 'DISCREPANCY') => {
      const declaration = await internalId(number);
      // As the officer's workflow will: in the transaction that records the control result.
      await app.db.db.transaction((tx) =>
        recordControlOutcome(tx, { declarationId: declaration, outcome, decidedBy: 'T4001', at: clock.now() }),
      );
    };
    await decide(pullovers[0]?.number ?? '', 'DISCREPANCY');
    await decide(pullovers[1]?.number ?? '', 'NO_FINDINGS');

    // A gate asking again: the control holds the goods until its outcome is recorded.
    const selection = riskSelectionHook(createRiskRuleBooks());
    const blockers = async (number: string) =>
      selection.blockersNow(app.db.db, { declarationId: await internalId(number), version: 1 });
    expect(await blockers(pullovers[0]?.number ?? '')).toEqual([]);
    expect(await blockers(pullovers[2]?.number ?? '')).toEqual([
      expect.objectContaining({ kind: 'CONTROL', code: 'DOCUMENTARY_CONTROL' }),
    ]);
    expect(await blockers(coats.number)).toEqual([]);

    const { body } = await app.graphql(REPORT, { from: '2026-08-01', to: '2026-08-31' }, auditor);
    const report = body.data.controlStrategyReport;
    expect(report.assessed).toBe(4);
    expect(report.byRule).toEqual([
      { rule: { id: documents }, fired: 3, selected: 3, controlled: 2, discrepancies: 1, hitRate: 0.5 },
      { rule: { id: random }, fired: 4, selected: 3, controlled: 2, discrepancies: 1, hitRate: 0.5 },
    ]);
    expect(report.byChannel).toEqual([
      { channel: 'RELEASE', fired: 1, selected: 0, controlled: 0, discrepancies: 0, hitRate: null },
      { channel: 'DOCUMENTARY_CONTROL', fired: 3, selected: 3, controlled: 2, discrepancies: 1, hitRate: 0.5 },
      { channel: 'PHYSICAL_CONTROL', fired: 0, selected: 0, controlled: 0, discrepancies: 0, hitRate: null },
    ]);
    expect(report.randomSample).toEqual({ fired: 4, selected: 3, controlled: 2, discrepancies: 1, hitRate: 0.5 });

    const earlier = await app.graphql(REPORT, { from: '2026-07-01', to: '2026-07-31' }, officer);
    expect(
      earlier.body.data.controlStrategyReport.byRule.map((r: { rule: { id: string } }) => r.rule.id),
    ).not.toContain(documents);

    const wrong = await app.graphql(REPORT, { from: '2026-08-31', to: '2026-08-01' }, officer);
    expect(wrong.body.data.controlStrategyReport).toEqual({
      __typename: 'ValidationFailed',
      problems: [{ code: 'INVALID_PERIOD', path: ['to'] }],
    });
    const forbidden = await app.graphql(REPORT, { from: '2026-08-01', to: '2026-08-31' }, business);
    expect(forbidden.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});
