import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { declarationId, goodsItem, importDeclaration, ORG_A, SUBMIT } from '../../helpers/factories.js';

/**
 * Risk rules through the API: officers create, change and retire them; each accepted declaration
 * is assessed with the rules in force; the declarant sees its channel and the documents asked of
 * it, never the rules or the score.
 */
let app: TestApp;
let officer: string;
let auditor: string;
let business: string;

const CREATE = `mutation Create($input: CreateRiskRuleInput!) { createRiskRule(input: $input) {
  __typename
  ... on CreateRiskRuleSuccess { rule { id kind } version { version change name weight channel validFrom recordedBy }
    warnings { code path } }
  ... on ValidationFailed { problems { code path } } } }`;
const CHANGE = `mutation Change($input: ChangeRiskRuleInput!) { changeRiskRule(input: $input) {
  __typename
  ... on ChangeRiskRuleSuccess { version { version change weight channel reason } }
  ... on ValidationFailed { problems { code path } }
  ... on UserError { code } } }`;
const RETIRE = `mutation Retire($input: RetireRiskRuleInput!) { retireRiskRule(input: $input) {
  __typename ... on RetireRiskRuleSuccess { changed version { version change } } ... on UserError { code } } }`;
const RULE = `query Rule($id: ID!) { riskRule(id: $id) { kind retired versions { version change weight channel recordedBy reason
  parameters { __typename ... on MissingDocumentParameters { documentCode chapters } } } } }`;
const CONTROL = `query One($id: ID!) { declaration(id: $id) { status control { channel documentsRequested { code itemNumbers } } } }`;
const HISTORY = `query One($id: ID!) { declaration(id: $id) { status statusHistory { kind status actorKind reason } } }`;
const ASSESSMENT = `query One($id: ID!) { declaration(id: $id) { riskAssessment { score channel randomSample
  firedRules { kind itemNumbers weight channel inputs { name value } rule { id } ruleVersion { version } } } } }`;

const terms = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  name: 'Test rule',
  parameters,
  channel: 'DOCUMENTARY_CONTROL',
  reason: 'Risk analysis 2026-12',
  ...extra,
});

async function createRule(parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const { body } = await app.graphql(CREATE, { input: { terms: terms(parameters, extra) } }, officer);
  return body.data?.createRiskRule;
}

async function retire(id: string) {
  const { body } = await app.graphql(RETIRE, { input: { rule: id, reason: 'test done' } }, officer);
  expect(body.data?.retireRiskRule?.changed).toBe(true);
}

async function submit(input: Record<string, unknown>): Promise<string> {
  const { body } = await app.graphql(SUBMIT, { input }, business);
  const number = body.data?.submitDeclaration?.declaration?.number;
  if (!number) throw new Error(`submission failed: ${JSON.stringify(body)}`);
  return declarationId(number);
}

beforeAll(async () => {
  app = await startTestApp();
  officer = await app.token({ role: 'officer', employeeId: 'T2001' });
  auditor = await app.token({ role: 'auditor', employeeId: 'A3001' });
  business = await app.token({ role: 'business', organisationNumber: ORG_A });
});
afterAll(() => app.close());

describe('selection on acceptance', () => {
  it('sends restricted goods from a restriction group to documentary control and asks for the permit', async () => {
    const created = await createRule({
      restrictedGoods: { chapters: ['61'], restrictionGroup: 'RCN', agency: 'MATTILSYNET', permitDocumentCode: 'X002' },
    });
    expect(created).toMatchObject({
      __typename: 'CreateRiskRuleSuccess',
      warnings: [],
      version: { version: 1, change: 'CREATED' },
    });

    const fromChina = await submit(
      importDeclaration({ goodsItems: [goodsItem(), goodsItem({ commodityCode: '62014000' })] }),
    );
    const seen = await app.graphql(CONTROL, { id: fromChina }, business);
    expect(seen.body.data.declaration.control).toEqual({
      channel: 'DOCUMENTARY_CONTROL',
      documentsRequested: [{ code: 'X002', itemNumbers: [1] }],
    });
    const history = await app.graphql(HISTORY, { id: fromChina }, business);
    expect(history.body.data.declaration.status).toBe('UNDER_CONTROL');
    expect(history.body.data.declaration.statusHistory.at(-1)).toEqual({
      kind: 'SELECTED_FOR_CONTROL',
      status: 'UNDER_CONTROL',
      actorKind: 'SYSTEM',
      reason: expect.stringMatching(/^DOCUMENTARY_CONTROL: /),
    });

    const assessed = await app.graphql(ASSESSMENT, { id: fromChina }, officer);
    const assessment = assessed.body.data.declaration.riskAssessment;
    expect(assessment).toMatchObject({ channel: 'DOCUMENTARY_CONTROL', score: 0, randomSample: false });
    expect(assessment.firedRules).toEqual([
      expect.objectContaining({
        kind: 'RESTRICTED_GOODS',
        itemNumbers: [1],
        channel: 'DOCUMENTARY_CONTROL',
        weight: null,
        rule: { id: created.rule.id },
        ruleVersion: { version: 1 },
        inputs: expect.arrayContaining([{ name: 'restriction group', value: 'RCN' }]),
      }),
    ]);
    // Auditors read it too.
    const audited = await app.graphql(ASSESSMENT, { id: fromChina }, auditor);
    expect(audited.body.data.declaration.riskAssessment.channel).toBe('DOCUMENTARY_CONTROL');

    const fromVietnam = await submit(importDeclaration({ goodsItems: [goodsItem({ countryOfOrigin: 'VN' })] }));
    const released = await app.graphql(CONTROL, { id: fromVietnam }, business);
    expect(released.body.data.declaration.control).toEqual({ channel: 'RELEASE', documentsRequested: [] });
    await retire(created.rule.id);
  });

  it('never shows the declarant the rules, their inputs or the score', async () => {
    const created = await createRule({ randomSelection: { perTenThousand: 10000, seed: 'everyone' } });
    const id = await submit(importDeclaration());
    const { body } = await app.graphql(ASSESSMENT, { id }, business);
    expect(body.data?.declaration?.riskAssessment ?? null).toBeNull();
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const rules = await app.graphql('{ riskRules { id } }', {}, business);
    expect(rules.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const officerView = await app.graphql(ASSESSMENT, { id }, officer);
    expect(officerView.body.data.declaration.riskAssessment).toMatchObject({
      randomSample: true,
      channel: 'DOCUMENTARY_CONTROL',
    });
    await retire(created.rule.id);
  });
});

describe('what an agency sees', () => {
  it('sees the control of a declaration it asked to control, and of no other', async () => {
    const agency = await app.token({ role: 'agency', agencyCode: 'MATTILSYNET' });
    const cheese = () =>
      importDeclaration({
        goodsItems: [
          goodsItem({
            commodityCode: '04069099',
            description: 'Cheese',
            countryOfOrigin: 'FR',
            supplementaryQuantity: null,
          }),
        ],
      });
    const asked = await submit(cheese());
    const other = await submit(cheese());
    const request = await app.graphql(
      `mutation($id: ID!) { requestControl(input: { declarationId: $id, reason: "Listeria alert" }) { __typename } }`,
      { id: asked },
      agency,
    );
    expect(request.body.data.requestControl.__typename).toBe('RequestControlSuccess');
    const seen = await app.graphql(CONTROL, { id: asked }, agency);
    expect(seen.body.data.declaration.control).toEqual({ channel: 'RELEASE', documentsRequested: [] });
    const unseen = await app.graphql(CONTROL, { id: other }, agency);
    expect(unseen.body.data.declaration).toMatchObject({ control: null });
    const assessment = await app.graphql(ASSESSMENT, { id: asked }, agency);
    expect(assessment.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});

describe('versions and retirement', () => {
  it('keeps every version with who changed it, applies the newest, and stops applying a retired rule', async () => {
    const created = await createRule(
      { missingDocument: { chapters: ['61'], documentCode: 'Y900' } },
      { weight: 20, channel: null },
    );
    const id = created.rule.id;
    const light = await submit(importDeclaration());
    expect((await app.graphql(CONTROL, { id: light }, business)).body.data.declaration.control.channel).toBe('RELEASE');

    const changed = await app.graphql(
      CHANGE,
      {
        input: {
          rule: id,
          terms: terms(
            { missingDocument: { chapters: ['61'], documentCode: 'Y900' } },
            { channel: 'PHYSICAL_CONTROL', reason: 'Seizures up' },
          ),
        },
      },
      officer,
    );
    expect(changed.body.data.changeRiskRule).toMatchObject({
      version: { version: 2, change: 'CHANGED', channel: 'PHYSICAL_CONTROL', weight: null },
    });
    const heavy = await submit(importDeclaration());
    expect((await app.graphql(CONTROL, { id: heavy }, business)).body.data.declaration.control).toEqual({
      channel: 'PHYSICAL_CONTROL',
      documentsRequested: [{ code: 'Y900', itemNumbers: [1] }],
    });
    const withDocument = await submit(
      importDeclaration({ goodsItems: [goodsItem({ documents: [{ code: 'Y900', reference: 'CERT-1' }] })] }),
    );
    expect((await app.graphql(CONTROL, { id: withDocument }, business)).body.data.declaration.control.channel).toBe(
      'RELEASE',
    );

    await retire(id);
    const again = await app.graphql(RETIRE, { input: { rule: id, reason: 'twice' } }, officer);
    expect(again.body.data.retireRiskRule).toMatchObject({
      changed: false,
      version: { version: 3, change: 'RETIRED' },
    });
    const after = await submit(importDeclaration());
    expect((await app.graphql(CONTROL, { id: after }, business)).body.data.declaration.control.channel).toBe('RELEASE');

    const history = await app.graphql(RULE, { id }, auditor);
    expect(history.body.data.riskRule).toMatchObject({ kind: 'MISSING_DOCUMENT', retired: true });
    expect(history.body.data.riskRule.versions).toEqual([
      expect.objectContaining({ version: 3, change: 'RETIRED', recordedBy: 'T2001', reason: 'test done' }),
      expect.objectContaining({ version: 2, change: 'CHANGED', channel: 'PHYSICAL_CONTROL', reason: 'Seizures up' }),
      expect.objectContaining({
        version: 1,
        change: 'CREATED',
        weight: 20,
        parameters: { __typename: 'MissingDocumentParameters', documentCode: 'Y900', chapters: ['61'] },
      }),
    ]);
    const changeRetired = await app.graphql(
      CHANGE,
      { input: { rule: id, terms: terms({ missingDocument: { chapters: ['61'], documentCode: 'Y900' } }) } },
      officer,
    );
    expect(changeRetired.body.data.changeRiskRule).toMatchObject({ code: 'INVALID_STATUS' });
  });
});

describe('bad input', () => {
  it('refuses malformed terms with a code at each path, and stores nothing', async () => {
    const cases: [Record<string, unknown>, Record<string, unknown>, { code: string; path: string[] }][] = [
      [{ newImporter: { periodDays: 30 } }, { weight: 10 }, { code: 'EFFECT_REQUIRED', path: ['input', 'weight'] }],
      [{ newImporter: { periodDays: 30 } }, { channel: null }, { code: 'EFFECT_REQUIRED', path: ['input', 'weight'] }],
      [
        { newImporter: { periodDays: 0 } },
        {},
        { code: 'OUT_OF_RANGE', path: ['input', 'parameters', 'newImporter', 'periodDays'] },
      ],
      [
        { lowUnitValue: { belowPercent: 100, minimumSample: 5 } },
        {},
        { code: 'OUT_OF_RANGE', path: ['input', 'parameters', 'lowUnitValue', 'belowPercent'] },
      ],
      [
        { randomSelection: { perTenThousand: 10001, seed: 'x' } },
        {},
        { code: 'OUT_OF_RANGE', path: ['input', 'parameters', 'randomSelection', 'perTenThousand'] },
      ],
      [
        { missingDocument: { chapters: ['6'], documentCode: 'Y900' } },
        {},
        { code: 'INVALID_CHAPTER', path: ['input', 'parameters', 'missingDocument', 'chapters', '0'] },
      ],
      [
        { missingDocument: { documentCode: 'Y900' } },
        {},
        { code: 'REQUIRED', path: ['input', 'parameters', 'missingDocument', 'chapters'] },
      ],
      [
        {
          restrictedGoods: {
            chapters: ['61'],
            restrictionGroup: 'TALL',
            agency: 'MATTILSYNET',
            permitDocumentCode: 'X002',
          },
        },
        {},
        { code: 'NOT_A_RESTRICTION_GROUP', path: ['input', 'parameters', 'restrictedGoods', 'restrictionGroup'] },
      ],
      [
        { countryRoute: {} },
        {},
        { code: 'REQUIRED', path: ['input', 'parameters', 'countryRoute', 'originCountries'] },
      ],
      [
        { newImporter: { periodDays: 30 } },
        { validFrom: '2026-07-01', validTo: '2026-06-30' },
        { code: 'INVALID_PERIOD', path: ['input', 'validTo'] },
      ],
      [
        { newImporter: { periodDays: 30 } },
        { validFrom: '2026-01-01' },
        { code: 'DATE_IN_PAST', path: ['input', 'validFrom'] },
      ],
    ];
    for (const [parameters, extra, problem] of cases) {
      const result = await createRule(parameters, extra);
      expect(result, JSON.stringify(parameters)).toMatchObject({ __typename: 'ValidationFailed' });
      expect(result.problems).toContainEqual(problem);
    }
    const rules = await app.graphql('{ riskRules(activeOn: "2026-06-15") { id } }', {}, officer);
    expect(rules.body.data.riskRules).toEqual([]);
  });

  it('lets GraphQL refuse a field the kind does not have, and two kinds at once', async () => {
    const unknownField = await app.graphql(
      CREATE,
      { input: { terms: terms({ newImporter: { periodDays: 30, chapters: ['61'] } }) } },
      officer,
    );
    expect(unknownField.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const twoKinds = await app.graphql(
      CREATE,
      {
        input: { terms: terms({ newImporter: { periodDays: 30 }, randomSelection: { perTenThousand: 1, seed: 'x' } }) },
      },
      officer,
    );
    expect(twoKinds.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('stores a rule that can never match with a warning for each unknown name', async () => {
    const created = await createRule({
      restrictedGoods: {
        commodityCodes: ['99999999'],
        restrictionGroup: 'RXX',
        agency: 'NOBODY',
        permitDocumentCode: 'X002',
      },
    });
    expect(created.__typename).toBe('CreateRiskRuleSuccess');
    expect(created.warnings).toEqual([
      { code: 'UNKNOWN_COMMODITY_CODE', path: ['input', 'parameters', 'restrictedGoods', 'commodityCodes', '0'] },
      { code: 'UNKNOWN_AGENCY', path: ['input', 'parameters', 'restrictedGoods', 'agency'] },
      { code: 'UNKNOWN_COUNTRY_GROUP', path: ['input', 'parameters', 'restrictedGoods', 'restrictionGroup'] },
    ]);
    const route = await createRule({ countryRoute: { originCountries: ['QQ'] } });
    expect(route.warnings).toEqual([
      { code: 'UNKNOWN_COUNTRY', path: ['input', 'parameters', 'countryRoute', 'originCountries', '0'] },
    ]);
    await retire(created.rule.id);
    await retire(route.rule.id);
  });

  it('refuses rule management to officers without control:write and to everyone else', async () => {
    const reader = await app.token({ role: 'officer', employeeId: 'T2002', scopes: ['declarations:read'] });
    for (const token of [reader, auditor, business]) {
      const { body } = await app.graphql(
        CREATE,
        { input: { terms: terms({ newImporter: { periodDays: 30 } }) } },
        token,
      );
      expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    }
  });
});
