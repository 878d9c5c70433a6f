import { encodeGlobalID } from '@pothos/plugin-relay';
import {
  type GraphQLField,
  type GraphQLObjectType,
  getNamedType,
  isCompositeType,
  isIntrospectionType,
  isObjectType,
  isRequiredArgument,
  isUnionType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyKinds } from '../../../scripts/access-matrix.js';
import { type Audience, audienceName } from '../../../src/auth/audiences.js';
import { audiencesFor } from '../../../src/auth/enforce.js';
import { accessMatrix, matrixColumns } from '../../../src/auth/matrix.js';
import { ACCESS_POLICY } from '../../../src/composition/policy.js';
import { buildSchema } from '../../../src/composition/schema.js';
import { type AgencyFixture, seedAgencyFixture } from '../../helpers/agency-fixture.js';
import { fixedClock, startTestApp, type TestApp } from '../../helpers/app.js';
import { declarationId, goodsItem, importDeclaration, ORG_A, ORG_B, PERSON, SUBMIT } from '../../helpers/factories.js';
import { seedRiskRules } from '../../helpers/risk-rules.js';

/**
 * The matrix test: every field reachable from the root, queried as every role and a sample of
 * agencies, must be allowed or refused exactly as the policy says, and exactly as the published
 * matrix says. Expectations come from a hand-written list of the audiences each caller belongs
 * to, not from the code that enforces them.
 */
const schema = buildSchema();
let app: TestApp;
let fixture: AgencyFixture;
// Statistics are asked for the month the fixture's declarations are received in.
const clock = fixedClock('2026-06-15T10:00:00Z');
const month = '2026-06';

interface Caller {
  name: string;
  column: string;
  token?: string;
  audiences: string[];
  declarations: {
    any: keyof AgencyFixture;
    organisation?: keyof AgencyFixture;
    person?: keyof AgencyFixture;
    unassessed?: keyof AgencyFixture;
  };
}

const AGENCY = ['everyone', 'agency()'];
const CALLERS: Caller[] = [
  { name: 'public', column: 'public', audiences: ['everyone'], declarations: { any: 'cheeseAndSweaters' } },
  {
    name: 'business A',
    column: 'business',
    audiences: ['everyone', 'business', 'business[declarations:write]'],
    declarations: { any: 'cheeseAndSweaters', organisation: 'cheeseAndSweaters' },
  },
  {
    name: 'business B',
    column: 'business',
    audiences: ['everyone', 'business', 'business[declarations:write]'],
    declarations: { any: 'cheeseForPerson', person: 'cheeseForPerson' },
  },
  {
    name: 'private',
    column: 'private',
    audiences: ['everyone', 'private', 'private[declarations:write]'],
    declarations: { any: 'cheeseForPerson', person: 'cheeseForPerson' },
  },
  {
    name: 'officer',
    column: 'officer',
    audiences: ['everyone', 'officer', 'officer[agreements:write]', 'officer[control:write]'],
    declarations: {
      any: 'cheeseAndSweaters',
      organisation: 'cheeseAndSweaters',
      person: 'shotgunForPerson',
      unassessed: 'laptops',
    },
  },
  {
    name: 'auditor',
    column: 'auditor',
    audiences: ['everyone', 'auditor', 'auditor[audit:read]'],
    declarations: { any: 'cheeseAndSweaters', organisation: 'cheeseAndSweaters', person: 'shotgunForPerson' },
  },
  {
    name: 'MATTILSYNET',
    column: 'agency:declarations+placeHold+requestControl',
    audiences: [
      ...AGENCY,
      'agency(declarations)',
      'agency(declarations+requestControl)',
      'agency(declarations+placeHold)',
    ],
    declarations: { any: 'cheeseAndSweaters', organisation: 'cheeseAndSweaters', person: 'cheeseForPerson' },
  },
  {
    name: 'POLICE',
    column: 'agency:declarations+personalData+requestControl',
    audiences: [
      ...AGENCY,
      'agency(declarations)',
      'agency(declarations+personalData)',
      'agency(declarations+requestControl)',
    ],
    declarations: { any: 'shotgunForPerson', person: 'shotgunForPerson' },
  },
  {
    name: 'SKATTEETATEN',
    column: 'agency:assessments+declarations+personalData',
    audiences: [
      ...AGENCY,
      'agency(declarations)',
      'agency(declarations+personalData)',
      'agency(assessments)',
      'agency(declarations+assessments)',
    ],
    declarations: { any: 'cheeseAndSweaters', organisation: 'cheeseAndSweaters', person: 'shotgunForPerson' },
  },
  {
    name: 'SSB',
    column: 'agency:statistics',
    audiences: [...AGENCY, 'agency(statistics)'],
    declarations: { any: 'cheeseAndSweaters' },
  },
  { name: 'KYSTVERKET', column: 'agency:none', audiences: AGENCY, declarations: { any: 'cheeseAndSweaters' } },
];

function expected(caller: Caller, type: string, field: string): boolean {
  // '__type__' asks for the type's default audience.
  const audiences: readonly Audience[] =
    (field === '__type__' ? ACCESS_POLICY[type]?.default : audiencesFor(ACCESS_POLICY, type, field)) ??
    (type === 'Query' ? [] : []);
  return audiences.some((a) => caller.audiences.includes(audienceName(a)));
}

/** Where each type is reached from the root; `%` marks the selection of the type's fields. */
function pathsFor(caller: Caller): Record<string, string[]> {
  const any = fixture[caller.declarations.any];
  const org = caller.declarations.organisation ? fixture[caller.declarations.organisation] : any;
  const person = caller.declarations.person ? fixture[caller.declarations.person] : any;
  const unassessed = caller.declarations.unassessed ? fixture[caller.declarations.unassessed] : any;
  const decl = (inner: string, id = any) => `declaration(number: "${id}") { ${inner} }`;
  const goods = `calculateImportDuties(input: ${CALCULATE_GOODS}) { ... on ImportDutyCalculation`;
  const traveller = `calculateTravellerDuties(input: ${CALCULATE_TRAVELLER}) { ... on TravellerDutyCalculation`;
  const preview = `previewAdditionalDuty(input: ${PREVIEW_PENALTY}) { ... on PenaltyCalculation`;
  const stats = `tradeStatistics(fromMonth: "${month}", toMonth: "${month}", groupBy: [CHAPTER])`;
  const report = `controlStrategyReport(from: "${month}-01", to: "${month}-30") { ... on ControlStrategyReport`;
  const parameters = (type: string) => `riskRules { versions { parameters { ... on ${type} { % } } } }`;
  return {
    Commodity: ['commodities(first: 2) { edges { node { % } } }'],
    CommodityConnection: ['commodities(first: 2) { % }'],
    CommodityEdge: ['commodities(first: 2) { edges { % } }'],
    PageInfo: ['commodities(first: 2) { pageInfo { % } }'],
    TariffSection: ['tariffChapter(code: "04") { section { % } }'],
    TariffChapter: ['tariffChapter(code: "04") { % }'],
    TariffHeading: ['tariffHeading(code: "0406") { % }'],
    Country: ['countries { % }'],
    Currency: ['currencies { % }'],
    CustomsOffice: ['customsOffices { % }'],
    ExchangeRate: ['exchangeRates(currency: "EUR") { % }'],
    ProcedureCode: ['procedureCodes { % }'],
    // Every rate table holds a row 1 on a newly seeded database.
    DutyRate: ['rate(id: "D1") { ... on DutyRate { % } }'],
    ResearchLevyRate: ['rate(id: "L1") { ... on ResearchLevyRate { % } }'],
    ExciseRate: ['rate(id: "E1") { ... on ExciseRate { % } }'],
    PackagingRate: ['rate(id: "P1") { ... on PackagingRate { % } }'],
    VatRate: ['rate(id: "V1") { ... on VatRate { % } }'],
    RuleRate: ['rate(id: "R1") { ... on RuleRate { % } }'],
    Viewer: ['viewer { % }'],
    // Payments: the fixture's declarations are payable, so their receivables and entries exist.
    Receivable: ['receivables(first: 2, selection: ALL) { edges { node { % } } }', decl('receivables { % }', org)],
    ReceivableConnection: ['receivables(first: 2) { % }'],
    ReceivableEdge: ['receivables(first: 2, selection: ALL) { edges { % } }'],
    ReceivableLine: [decl('receivables { lines { % } }', org)],
    ReceivableEvent: [decl('receivables { history { % } }', org)],
    AccountStatement: ['accountStatement(from: "2000-01-01", to: "2099-12-31") { % }'],
    StatementMovement: ['accountStatement(from: "2000-01-01", to: "2099-12-31") { movements { % } }'],
    LedgerEntry: ['ledgerJournal(first: 2) { edges { node { % } } }'],
    LedgerEntryConnection: ['ledgerJournal(first: 2) { % }'],
    LedgerEntryEdge: ['ledgerJournal(first: 2) { edges { % } }'],
    LedgerPosting: ['ledgerJournal(first: 2) { edges { node { postings { % } } } }'],
    LedgerReconciliation: ['ledgerReconciliation { % }'],
    LedgerReconciliationCheck: ['ledgerReconciliation { checks { % } }'],
    Organisation: ['viewer { organisation { % } }', decl('declarant { % }')],
    Declaration: [decl('%')],
    DeclarationConnection: ['declarations(first: 3) { % }'],
    DeclarationEdge: ['declarations(first: 3) { edges { % } }'],
    DeclarationVersion: [decl('versions { % }')],
    GoodsItem: [decl('goodsItems { % }')],
    GoodsItemDocument: [decl('goodsItems { documents { % } }')],
    Money: [decl('freight { % }')],
    OrganisationParty: [decl('importer { ... on OrganisationParty { % } }', org)],
    PersonParty: [decl('importer { ... on PersonParty { % } }', person)],
    DeclarationStatusChange: [decl('statusHistory { % }')],
    Hold: [decl('holds { % }')],
    DeclarationItemFeedPage: ['declarationItemFeed(first: 5) { % }'],
    DeclarationItemEvent: ['declarationItemFeed(first: 5) { events { % } }'],
    TradeStatisticsCell: [`${stats} { % }`],
    Agency: ['agency(code: "POLICE") { % }'],
    AgencySummary: [decl('holds { agency { % } }')],
    AgencyAgreement: ['agency(code: "POLICE") { agreement { % } }', 'viewer { agreement { % } }'],
    Assessment: [decl('assessment { % }')],
    AssessmentDifference: [decl('assessment { difference { % } }')],
    AssessmentProblem: [decl('assessment { problems { % } }', unassessed)],
    ImportDutyCalculation: [`${goods} { % } }`],
    ItemAssessment: [`${goods} { items { % } } }`, decl('assessment { items { % } }')],
    AssessmentLine: [`${goods} { items { lines { % } } } }`],
    AssessmentBasis: [`${goods} { items { lines { basis { % } } } } }`],
    AppliedRate: [`${goods} { items { lines { basis { rates { % } } } } } }`],
    AppliedExchangeRate: [`${goods} { exchangeRate { % } } }`],
    AssessedQuantity: [`${traveller} { assessment { alcoholQuotaUsed { % } } } }`],
    AssessmentTotals: [`${goods} { totals { % } } }`],
    AssessmentKindTotal: [`${goods} { totals { byKind { % } } } }`],
    TravellerDutyCalculation: [`${traveller} { % } }`],
    TravellerAssessment: [`${traveller} { assessment { % } } }`],
    TravellerItemAssessment: [`${traveller} { assessment { items { % } } } }`],
    DataAccessEntry: [
      'dataAccessLog(first: 3) { edges { node { % } } }',
      'viewer { dataAccessLog(first: 3) { edges { node { % } } } }',
    ],
    DataAccessEntryConnection: ['dataAccessLog(first: 3) { % }', 'viewer { dataAccessLog(first: 3) { % } }'],
    DataAccessEntryEdge: [
      'dataAccessLog(first: 3) { edges { % } }',
      'viewer { dataAccessLog(first: 3) { edges { % } } }',
    ],
    AuditTrailEntry: ['auditTrail(first: 3) { edges { node { % } } }'],
    AuditChange: ['auditTrail(first: 3) { edges { node { changes { % } } } }'],
    AuditTrailEntryConnection: ['auditTrail(first: 3) { % }'],
    AuditTrailEntryEdge: ['auditTrail(first: 3) { edges { % } }'],
    Mandate: ['mandates(first: 3) { edges { node { % } } }'],
    MandateConnection: ['mandates(first: 3) { % }'],
    MandateEdge: ['mandates(first: 3) { edges { % } }'],
    Penalty: [decl('penalties { % }', org)],
    PenaltyCalculation: [`${preview} { % } }`, decl('penalties { calculation { % } }', org)],
    PenaltyLine: [`${preview} { lines { % } } }`],
    PenaltyRule: ['penaltyRules { % }'],
    CourtFee: ['courtFees { % }'],
    RiskRule: ['riskRules { % }'],
    RiskRuleVersion: ['riskRules { versions { % } }'],
    RestrictedGoodsParameters: [parameters('RestrictedGoodsParameters')],
    CountryRouteParameters: [parameters('CountryRouteParameters')],
    LowUnitValueParameters: [parameters('LowUnitValueParameters')],
    NewImporterParameters: [parameters('NewImporterParameters')],
    MissingDocumentParameters: [parameters('MissingDocumentParameters')],
    RandomSelectionParameters: [parameters('RandomSelectionParameters')],
    DeclarationControl: [decl('control { % }')],
    RequestedDocument: [decl('control { documentsRequested { % } }')],
    RiskAssessment: [decl('riskAssessment { % }')],
    FiredRiskRule: [decl('riskAssessment { firedRules { % } }')],
    RiskInput: [decl('riskAssessment { firedRules { inputs { % } } }')],
    ControlStrategyReport: [`${report} { % } }`],
    ControlStrategyRuleRow: [`${report} { byRule { % } } }`],
    ControlStrategyChannelRow: [`${report} { byChannel { % } } }`],
    ControlStrategySampleRow: [`${report} { randomSample { % } } }`],
  };
}

const CALCULATE_GOODS = `{ importer: BUSINESS, invoiceCurrency: "EUR", goodsItems: [
  { commodityCode: "04069099", description: "Hard cheese", countryOfOrigin: "FR", netMass: "10", invoiceAmount: "100" }] }`;
const PREVIEW_PENALTY = '{ dutyAdvantage: { amount: "5000", currency: "NOK" } }';
const CALCULATE_TRAVELLER = `{ awayOver24Hours: true, age: 40, alcohol: [{ id: "w", kind: WINE, litres: "3", strength: "13" }] }`;

/** Arguments for fields that need them, on any type. */
function argumentsFor(type: string, field: GraphQLField<unknown, unknown>, caller: Caller): string {
  const any = fixture[caller.declarations.any];
  const known: Record<string, string> = {
    'Query.commodity': '(code: "04069099")',
    'Query.tariffChapter': '(code: "04")',
    'Query.tariffHeading': '(code: "0406")',
    'Query.exchangeRate': '(currency: "EUR")',
    'Query.rate': '(id: "V1")',
    'Query.declaration': `(number: "${any}")`,
    'Query.agency': '(code: "POLICE")',
    'Query.node': `(id: "${encodeGlobalID('Declaration', any)}")`,
    'Query.nodes': `(ids: ["${encodeGlobalID('Declaration', any)}"])`,
    'Query.tradeStatistics': `(fromMonth: "${month}", toMonth: "${month}", groupBy: [CHAPTER])`,
    'Query.calculateImportDuties': `(input: ${CALCULATE_GOODS})`,
    'Query.calculateTravellerDuties': `(input: ${CALCULATE_TRAVELLER})`,
    'Query.previewAdditionalDuty': `(input: ${PREVIEW_PENALTY})`,
    'Query.controlStrategyReport': `(from: "${month}-01", to: "${month}-30")`,
    'Query.riskRule': `(id: "${encodeGlobalID('RiskRule', '1')}")`,
    'Query.accountStatement': '(from: "2026-06-01", to: "2026-06-30")',
  };
  const given = known[`${type}.${field.name}`];
  if (given) return given;
  if (field.args.some((a) => a.name === 'first')) return '(first: 2)';
  const required = field.args.filter(isRequiredArgument);
  if (required.length) throw new Error(`the matrix test needs arguments for ${type}.${field.name}`);
  return '';
}

function selectionOf(type: GraphQLObjectType, caller: Caller): string {
  return Object.values(type.getFields())
    .map((field) => {
      const args = argumentsFor(type.name, field, caller);
      return isCompositeType(getNamedType(field.type)) ? `${field.name}${args} { __typename }` : `${field.name}${args}`;
    })
    .join(' ');
}

function fieldNamesOf(path: string): string[] {
  // The field names along a path template, in order: identifiers followed by "(" or "{".
  const bare = path.replace(/\([^)]*\)/g, '').replace(/\.\.\.\s*on\s+\w+/g, '');
  return [...bare.matchAll(/([A-Za-z_]\w*)\s*\{/g)].map((m) => m[1] as string);
}

/** The first object found along the names, trying every element of the lists on the way. */
function dig(data: unknown, names: readonly string[]): unknown {
  if (Array.isArray(data)) {
    for (const element of data) {
      const found = dig(element, names);
      if (found !== undefined && found !== null) return found;
    }
    return undefined;
  }
  if (names.length === 0) return data;
  if (data === null || data === undefined || typeof data !== 'object') return undefined;
  return dig((data as Record<string, unknown>)[names[0] as string], names.slice(1));
}

interface Observation {
  caller: Caller;
  type: string;
  field: string;
  allowed: boolean;
}

const observations: Observation[] = [];

async function observeType(caller: Caller, typeName: string, template: string): Promise<void> {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  const query = `{ ${template.replace('%', `__typename ${selectionOf(type, caller)}`)} }`;
  const { body } = await app.graphql(query, {}, caller.token);
  const unexpected = (body.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN');
  expect(unexpected, `${caller.name} ${query}`).toEqual([]);
  const names = fieldNamesOf(template);
  const parent = dig(body.data, names);
  if (parent === null || parent === undefined) return; // not reached: refused above, or no data for this caller
  const forbiddenPaths = new Set(
    (body.errors ?? []).map((e) => (e.path ?? []).filter((p: string | number) => typeof p === 'string').join('.')),
  );
  for (const field of Object.keys(type.getFields())) {
    const denied = forbiddenPaths.has([...names, field].join('.'));
    observations.push({ caller, type: typeName, field, allowed: !denied });
  }
}

/** A root field on its own: refused means null with FORBIDDEN at its path. */
async function observeRoot(caller: Caller, field: GraphQLField<unknown, unknown>): Promise<void> {
  const args = argumentsFor('Query', field, caller);
  const selection = isCompositeType(getNamedType(field.type))
    ? `${field.name}${args} { __typename }`
    : `${field.name}${args}`;
  const { body } = await app.graphql(`{ ${selection} }`, {}, caller.token);
  const unexpected = (body.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN');
  expect(unexpected, `${caller.name} ${selection}`).toEqual([]);
  const denied = (body.errors ?? []).some((e) => e.path?.length === 1 && e.path[0] === field.name);
  observations.push({ caller, type: 'Query', field: field.name, allowed: !denied });
}

beforeAll(async () => {
  app = await startTestApp({ clock });
  await seedRiskRules(app);
  fixture = await seedAgencyFixture(app);
  const tokenFor: Record<string, () => Promise<string>> = {
    'business A': () => app.token({ role: 'business', organisationNumber: ORG_A }),
    'business B': () => app.token({ role: 'business', organisationNumber: ORG_B }),
    private: () => app.token({ role: 'private', nationalIdentityNumber: PERSON }),
    officer: () => app.token({ role: 'officer', employeeId: 'T1001' }),
    auditor: () => app.token({ role: 'auditor', employeeId: 'A2001' }),
  };
  for (const caller of CALLERS) {
    if (caller.name === 'public') continue;
    caller.token = await (tokenFor[caller.name] ?? (() => app.token({ role: 'agency', agencyCode: caller.name })))();
  }
  const token = (name: string) => CALLERS.find((c) => c.name === name)?.token;
  // Holds (one lifted), a read of personal data for the access log: data for every type.
  for (const id of [fixture.cheeseAndSweaters, fixture.cheeseForPerson]) {
    await app.graphql(
      `mutation($id: ID!) { placeHold(input: { declarationId: $id, reason: "matrix" }) { __typename } }`,
      { id: declarationId(id) },
      token('MATTILSYNET'),
    );
  }
  await app.graphql(
    `mutation { releaseHold(input: { holdNumber: 1, reason: "matrix" }) { __typename } }`,
    {},
    token('officer'),
  );
  await app.graphql(
    `query($id: String!) { declaration(number: $id) { importer { name } } }`,
    { id: fixture.shotgunForPerson },
    token('POLICE'),
  );
  // An amendment, so that assessments have a difference to show.
  const current = await app.graphql(
    `query($id: String!) { declaration(number: $id) { clientReference } }`,
    { id: fixture.cheeseAndSweaters },
    token('business A'),
  );
  const amended = await app.graphql(
    `mutation($input: AmendDeclarationInput!) { amendDeclaration(input: $input) { __typename ... on AmendDeclarationSuccess { changed } } }`,
    {
      input: {
        id: declarationId(fixture.cheeseAndSweaters),
        declaration: importDeclaration({
          clientReference: current.body.data.declaration.clientReference,
          goodsItems: [
            goodsItem({ invoiceAmount: '950.00', documents: [{ code: 'N380', reference: 'INV-2026-78' }] }),
            goodsItem({ commodityCode: '04069099', countryOfOrigin: 'FR', supplementaryQuantity: null }),
          ],
        }),
      },
    },
    token('business A'),
  );
  if (amended.body.data?.amendDeclaration?.changed !== true) {
    throw new Error(`the fixture amendment failed: ${JSON.stringify(amended.body)}`);
  }
  // A penalty proposed by one officer and approved by another, so the declarant has one to read.
  const proposed = await app.graphql(
    `mutation($id: ID!) { proposePenalty(input: { declarationId: $id, kind: ADDITIONAL_DUTY, reason: "matrix",
      dutyAdvantage: { amount: "10000", currency: "NOK" } }) { ... on ProposePenaltySuccess { penalty { number } } } }`,
    { id: declarationId(fixture.cheeseAndSweaters) },
    token('officer'),
  );
  const approved = await app.graphql(
    'mutation($n: Int!) { approvePenalty(input: { penaltyNumber: $n }) { __typename } }',
    { n: proposed.body.data?.proposePenalty?.penalty?.number },
    await app.token({ role: 'officer', employeeId: 'T1002' }),
  );
  if (approved.body.data?.approvePenalty?.__typename !== 'ApprovePenaltySuccess') {
    throw new Error(`the fixture penalty failed: ${JSON.stringify(approved.body)}`);
  }
  // Enough declarants of pullovers for a statistics cell to be published.
  for (const org of ['310000027', '310000035', '310000043']) {
    const business = await app.token({ role: 'business', organisationNumber: org });
    await app.graphql(SUBMIT, { input: importDeclaration({ importer: { organisationNumber: org } }) }, business);
  }

  for (const caller of CALLERS) {
    for (const [typeName, templates] of Object.entries(pathsFor(caller))) {
      for (const template of templates) await observeType(caller, typeName, template);
    }
    for (const field of Object.values((schema.getQueryType() as GraphQLObjectType).getFields())) {
      await observeRoot(caller, field);
    }
  }
}, 240_000);
afterAll(() => app.close());

describe('the access matrix, enforced', () => {
  it('allows and refuses every reachable field for every caller exactly as the policy says', () => {
    expect(observations.length).toBeGreaterThan(1500);
    const wrong = observations
      .filter((o) => o.allowed !== expected(o.caller, o.type, o.field))
      .map((o) => `${o.caller.name}: ${o.type}.${o.field} ${o.allowed ? 'allowed' : 'refused'}`);
    expect([...new Set(wrong)]).toEqual([]);
  });

  it('agrees with the published matrix', async () => {
    const columns = matrixColumns(await agencyKinds());
    const cells = new Map(
      accessMatrix(schema, columns, ACCESS_POLICY).map((row) => [`${row.type}.${row.field}`, row.allowed]),
    );
    const disagreements = observations
      .filter((o) => cells.get(`${o.type}.${o.field}`)?.[o.caller.column] !== o.allowed)
      .map((o) => `${o.caller.column}: ${o.type}.${o.field}`);
    expect([...new Set(disagreements)]).toEqual([]);
  });

  it('reached every field of every type readable from the root, allowed for someone and refused where the policy refuses', () => {
    const reachable = Object.keys(pathsFor(CALLERS[0] as Caller)).concat('Query');
    const unverified: string[] = [];
    for (const typeName of reachable) {
      const type = schema.getType(typeName) as GraphQLObjectType;
      for (const field of Object.keys(type.getFields())) {
        const seen = observations.filter((o) => o.type === typeName && o.field === field);
        if (!seen.some((o) => o.allowed)) unverified.push(`${typeName}.${field}: never allowed`);
        // A field narrower than its type must be seen refused to a caller that reached the type.
        // (A type refused as a whole is refused where it is reached from: its root field.)
        const narrowed = CALLERS.some((c) => expected(c, typeName, '__type__') && !expected(c, typeName, field));
        if (narrowed && !seen.some((o) => !o.allowed)) unverified.push(`${typeName}.${field}: refusal never seen`);
      }
    }
    expect(unverified).toEqual([]);
  });

  it('covers every object type of the schema that is not a mutation result', () => {
    const reachable = new Set([...Object.keys(pathsFor(CALLERS[0] as Caller)), 'Query', 'Mutation']);
    const mutationResults = new Set(
      Object.values((schema.getMutationType() as GraphQLObjectType).getFields()).flatMap((f) => {
        const named = getNamedType(f.type);
        return isUnionType(named) ? named.getTypes().map((t) => t.name) : [named.name];
      }),
    );
    mutationResults.add('InputProblem');
    // Only the results of rule changes carry warnings.
    mutationResults.add('RiskRuleWarning');
    const missing = Object.values(schema.getTypeMap())
      .filter(
        (t) => isObjectType(t) && !isIntrospectionType(t) && !reachable.has(t.name) && !mutationResults.has(t.name),
      )
      .map((t) => t.name);
    expect(missing).toEqual([]);
  });
});

describe('mutations, by caller', () => {
  const CALLS: Record<string, string> = {
    submitDeclaration: `submitDeclaration(input: { type: IMPORT, clientReference: "", procedureCode: "", customsOffice: "", transportMode: AIR,
      countryOfDispatch: "DE", countryOfDestination: "NO", invoiceCurrency: "EUR", goodsItems: [] }) { __typename }`,
    amendDeclaration: `amendDeclaration(input: { id: "${declarationId('310000000-01012020-9')}", declaration: { type: IMPORT, clientReference: "x", procedureCode: "",
      customsOffice: "", transportMode: AIR, countryOfDispatch: "DE", countryOfDestination: "NO", invoiceCurrency: "EUR", goodsItems: [] } }) { __typename }`,
    cancelDeclaration: `cancelDeclaration(input: { id: "${declarationId('310000000-01012020-9')}" }) { __typename }`,
    requestControl: `requestControl(input: { declarationId: "${declarationId('310000000-01012020-9')}", reason: "x" }) { __typename }`,
    placeHold: `placeHold(input: { declarationId: "${declarationId('310000000-01012020-9')}", reason: "x" }) { __typename }`,
    releaseHold: 'releaseHold(input: { holdNumber: 999999, reason: "x" }) { __typename }',
    recordAgencyAgreement:
      'recordAgencyAgreement(input: { agencyCode: "NOPE", grants: [], chapters: [], personalData: false, reason: "x" }) { __typename }',
    grantMandate: `grantMandate(input: { representative: "${ORG_A}", kind: DIRECT, validFrom: "2000-01-01" }) { __typename }`,
    revokeMandate: 'revokeMandate(input: { id: "999999" }) { __typename }',
    proposePenalty: `proposePenalty(input: { declarationId: "${declarationId('310000000-01012020-9')}", kind: VIOLATION_FEE, multiple: 1, reason: "x" }) { __typename }`,
    approvePenalty: 'approvePenalty(input: { penaltyNumber: 999999 }) { __typename }',
    createRiskRule:
      'createRiskRule(input: { terms: { name: "", parameters: { newImporter: { periodDays: 30 } }, weight: 10, reason: "x" } }) { __typename }',
    changeRiskRule:
      'changeRiskRule(input: { rule: "999999", terms: { name: "x", parameters: { newImporter: { periodDays: 30 } }, weight: 10, reason: "x" } }) { __typename }',
    retireRiskRule: 'retireRiskRule(input: { rule: "999999", reason: "x" }) { __typename }',
    importBankNotification: 'importBankNotification(input: { file: "not a camt file" }) { __typename }',
  };

  it('knows a harmless call for every mutation', () => {
    expect(Object.keys(CALLS).sort()).toEqual(
      Object.keys((schema.getMutationType() as GraphQLObjectType).getFields()).sort(),
    );
  });

  it('lets exactly the callers the policy names call each mutation, and changes nothing with these calls', async () => {
    const wrong: string[] = [];
    for (const caller of CALLERS) {
      for (const [name, call] of Object.entries(CALLS)) {
        const { body } = await app.graphql(`mutation { ${call} }`, {}, caller.token);
        const refused = body.errors?.some((e) => e.extensions?.code === 'FORBIDDEN' && e.path?.[0] === name) ?? false;
        const unexpected = (body.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN');
        if (unexpected.length) wrong.push(`${caller.name}: ${name} failed: ${JSON.stringify(unexpected)}`);
        if (refused === expected(caller, 'Mutation', name))
          wrong.push(`${caller.name}: ${name} ${refused ? 'refused' : 'allowed'}`);
        if (!refused && !['ValidationFailed', 'NotFound'].includes(body.data?.[name]?.__typename)) {
          wrong.push(`${caller.name}: ${name} answered ${JSON.stringify(body.data?.[name])}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
