import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficerPrincipal } from '../../../src/auth/principal.js';
import type { PenaltyReceivableRequest } from '../../../src/modules/control/model.js';
import { approvePenalty, proposePenalty } from '../../../src/modules/control/penalties/service.js';
import { penalties } from '../../../src/modules/control/penalties/tables.js';
import { penaltyRules, registerPenaltyRules } from '../../../src/modules/control/service.js';
import { runningClock, startTestApp, type TestApp } from '../../helpers/app.js';
import {
  declarationId,
  grantMandate,
  importDeclaration,
  ORG_A,
  ORG_B,
  PERSON,
  SUBMIT,
} from '../../helpers/factories.js';

/** Decisions fall on 2026-06-15: the additional duty rule of 2023 and the court fee of 2025 apply. */
const clock = runningClock('2026-06-15T10:00:00Z');
let app: TestApp;
let number: string;
let tokens: Record<'business' | 'otherBusiness' | 'proposer' | 'approver' | 'auditor' | 'agency', string>;

const PREVIEW = `query($input: PreviewAdditionalDutyInput!) {
  previewAdditionalDuty(input: $input) {
    __typename
    ... on PenaltyCalculation {
      kind decidedOn imposed notImposedReason amount { amount currency } computedAmount { amount }
      lines { step ruleId validFrom validTo legalBasis basis { amount } ratePercent multiple amount { amount } explanation }
    }
    ... on ValidationFailed { code problems { code path } }
  }
}`;

const PROPOSE = `mutation($input: ProposePenaltyInput!) {
  proposePenalty(input: $input) {
    __typename
    ... on ProposePenaltySuccess { penalty { number kind status ground reason proposedBy
      calculation { imposed notImposedReason amount { amount } lines { step ruleId multiple amount { amount } } } } }
    ... on PenaltyBelowThreshold { code computedAmount { amount } threshold { amount } }
    ... on ValidationFailed { code problems { code path } }
    ... on UserError { code message }
  }
}`;

const APPROVE = `mutation($number: Int!) {
  approvePenalty(input: { penaltyNumber: $number }) {
    __typename
    ... on ApprovePenaltySuccess { penalty { number status approvedBy receivableId } }
    ... on InvalidStatus { currentStatus }
    ... on UserError { code message }
  }
}`;

const PENALTIES = `query($number: String!) {
  declaration(number: $number) {
    penalties { number status kind amount: calculation { amount { amount } lines { step explanation } } }
  }
}`;

const preview = async (input: Record<string, unknown>) =>
  (await app.graphql(PREVIEW, { input })).body.data.previewAdditionalDuty;
const propose = async (input: Record<string, unknown>, token = tokens.proposer) =>
  (
    await app.graphql(
      PROPOSE,
      { input: { declarationId: declarationId(number), reason: 'Wrong code', ...input } },
      token,
    )
  ).body.data.proposePenalty;
const approve = async (penalty: number, token: string) =>
  (await app.graphql(APPROVE, { number: penalty }, token)).body.data.approvePenalty;
const penaltyCount = () => app.db.db.$count(penalties);

beforeAll(async () => {
  app = await startTestApp({ clock });
  tokens = {
    business: await app.token({ role: 'business', organisationNumber: ORG_A }),
    otherBusiness: await app.token({ role: 'business', organisationNumber: ORG_B }),
    proposer: await app.token({ role: 'officer', employeeId: 'T1001' }),
    approver: await app.token({ role: 'officer', employeeId: 'T1002' }),
    auditor: await app.token({ role: 'auditor', employeeId: 'A2001' }),
    agency: await app.token({ role: 'agency', agencyCode: 'MATTILSYNET' }),
  };
  const submitted = await app.graphql(SUBMIT, { input: importDeclaration() }, tokens.business);
  if (!submitted.body.data?.submitDeclaration?.declaration) throw new Error(JSON.stringify(submitted.body));
  number = submitted.body.data.submitDeclaration.declaration.number;
});
afterAll(() => app.close());

describe('the public preview of the additional duty', () => {
  it('explains an imposed additional duty line by line, without a token', async () => {
    const result = await preview({ dutyAdvantage: { amount: '5000.00', currency: 'NOK' } });
    expect(result).toMatchObject({
      __typename: 'PenaltyCalculation',
      kind: 'ADDITIONAL_DUTY',
      decidedOn: '2026-06-15',
      imposed: true,
      notImposedReason: null,
      amount: { amount: '1000.00', currency: 'NOK' },
    });
    expect(result.lines).toMatchObject([
      { step: 'RATE', ruleId: 'ADDITIONAL-DUTY-2023', validFrom: '2023-01-01', validTo: null, ratePercent: '20' },
      { step: 'THRESHOLD', basis: { amount: '1000.00' }, amount: { amount: '1000.00' } },
    ]);
    expect(result.lines[0].legalBasis).toContain('§ 12-3');
  });

  it('says why nothing is imposed: under the threshold, or on an exemption ground', async () => {
    expect(await preview({ dutyAdvantage: { amount: '4999.95', currency: 'NOK' } })).toMatchObject({
      imposed: false,
      notImposedReason: 'BELOW_THRESHOLD',
      amount: { amount: '0.00' },
      computedAmount: { amount: '999.99' },
    });
    expect(
      await preview({ dutyAdvantage: { amount: '50000', currency: 'NOK' }, ground: 'OBVIOUS_SLIP' }),
    ).toMatchObject({ imposed: false, notImposedReason: 'OBVIOUS_SLIP', computedAmount: { amount: '10000.00' } });
  });

  it('refuses bad amounts with coded problems at their paths', async () => {
    expect(await preview({ dutyAdvantage: { amount: '-10', currency: 'NOK' } })).toEqual({
      __typename: 'ValidationFailed',
      code: 'VALIDATION_FAILED',
      problems: [{ code: 'AMOUNT_NOT_POSITIVE', path: ['input', 'dutyAdvantage', 'amount'] }],
    });
    expect((await preview({ dutyAdvantage: { amount: '10.001', currency: 'EUR' } })).problems).toEqual([
      { code: 'CURRENCY_NOT_SUPPORTED', path: ['input', 'dutyAdvantage', 'currency'] },
      { code: 'AMOUNT_PRECISION', path: ['input', 'dutyAdvantage', 'amount'] },
    ]);
    expect(
      (await preview({ dutyAdvantage: { amount: '5000', currency: 'NOK' }, decidedOn: '2022-12-31' })).problems,
    ).toEqual([{ code: 'NO_PENALTY_RULE', path: ['input', 'decidedOn'] }]);
  });
});

describe('imposing a penalty', () => {
  it('needs a second officer: the proposer is refused, another approves, and the declarant sees it then', async () => {
    const proposed = await propose({ kind: 'ADDITIONAL_DUTY', dutyAdvantage: { amount: '10000.00', currency: 'NOK' } });
    expect(proposed.penalty).toMatchObject({ kind: 'ADDITIONAL_DUTY', status: 'PROPOSED', proposedBy: 'T1001' });
    expect(proposed.penalty.calculation.amount.amount).toBe('2000.00');
    const penalty = proposed.penalty.number;

    // Proposed: the declarant sees nothing yet; the authority does.
    const seen = async (token: string) => (await app.graphql(PENALTIES, { number }, token)).body.data.declaration;
    expect((await seen(tokens.business)).penalties).toEqual([]);
    expect((await seen(tokens.auditor)).penalties).toHaveLength(1);

    expect(await approve(penalty, tokens.proposer)).toMatchObject({
      __typename: 'SegregationOfDuties',
      code: 'SEGREGATION_OF_DUTIES',
    });
    expect((await seen(tokens.approver)).penalties[0].status).toBe('PROPOSED');

    expect(await approve(penalty, tokens.approver)).toMatchObject({
      __typename: 'ApprovePenaltySuccess',
      penalty: { status: 'APPROVED', approvedBy: 'T1002', receivableId: null },
    });
    const declarant = await seen(tokens.business);
    expect(declarant.penalties).toMatchObject([{ number: penalty, status: 'APPROVED' }]);
    expect(declarant.penalties[0].amount.lines[0].explanation).toContain('20 % of the duty advantage of NOK 10000.00');

    // The declarant never sees who decided; an agency sees no penalties at all.
    const internal = await app.graphql(
      'query($n: String!) { declaration(number: $n) { penalties { proposedBy approvedBy } } }',
      { n: number },
      tokens.business,
    );
    expect(internal.body.data.declaration.penalties).toEqual([{ proposedBy: null, approvedBy: null }]);
    expect(internal.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);

    expect(await approve(penalty, tokens.approver)).toMatchObject({
      __typename: 'InvalidStatus',
      code: 'INVALID_STATUS',
      currentStatus: 'APPROVED',
    });
  });

  it('refuses an additional duty under the threshold unless it is recorded as not imposed', async () => {
    const before = await penaltyCount();
    expect(await propose({ kind: 'ADDITIONAL_DUTY', dutyAdvantage: { amount: '4000.00', currency: 'NOK' } })).toEqual({
      __typename: 'PenaltyBelowThreshold',
      code: 'PENALTY_BELOW_THRESHOLD',
      computedAmount: { amount: '800.00' },
      threshold: { amount: '1000.00' },
      message: expect.stringContaining('recordNotImposed'),
    });
    expect(await penaltyCount()).toBe(before);
    const recorded = await propose({
      kind: 'ADDITIONAL_DUTY',
      dutyAdvantage: { amount: '4000.00', currency: 'NOK' },
      recordNotImposed: true,
    });
    expect(recorded.penalty).toMatchObject({
      status: 'NOT_IMPOSED',
      calculation: { imposed: false, notImposedReason: 'BELOW_THRESHOLD', amount: { amount: '0.00' } },
    });
    // Not under the threshold: it cannot be recorded as not imposed on that ground.
    expect(
      (
        await propose({
          kind: 'ADDITIONAL_DUTY',
          dutyAdvantage: { amount: '9000.00', currency: 'NOK' },
          recordNotImposed: true,
        })
      ).problems,
    ).toEqual([{ code: 'NOT_APPLICABLE', path: ['input', 'recordNotImposed'] }]);
  });

  it('records an exemption ground as not imposed, with nothing to approve', async () => {
    const exempt = await propose({
      kind: 'ADDITIONAL_DUTY',
      dutyAdvantage: { amount: '9000.00', currency: 'NOK' },
      ground: 'VOLUNTARY_CORRECTION_BEFORE_CONTROL',
      reason: 'The importer corrected the value before any control',
    });
    expect(exempt.penalty).toMatchObject({ status: 'NOT_IMPOSED', ground: 'VOLUNTARY_CORRECTION_BEFORE_CONTROL' });
    expect(await approve(exempt.penalty.number, tokens.approver)).toMatchObject({ currentStatus: 'NOT_IMPOSED' });
  });

  it('computes a violation fee from the court fee in force, within the maximum of the rule', async () => {
    const fee = await propose({ kind: 'VIOLATION_FEE', multiple: 10 });
    expect(fee.penalty.calculation).toMatchObject({
      imposed: true,
      amount: { amount: '13140.00' },
      lines: [
        { step: 'MAXIMUM', ruleId: 'VIOLATION-FEE-2023', multiple: 75 },
        { step: 'COURT_FEES', ruleId: 'COURT-FEE-2025', multiple: 10, amount: { amount: '13140.00' } },
      ],
    });
    expect((await propose({ kind: 'VIOLATION_FEE', multiple: 76 })).problems).toEqual([
      { code: 'MULTIPLE_OUT_OF_RANGE', path: ['input', 'multiple'] },
    ]);
  });

  it('reports every problem of the input at once and stores nothing', async () => {
    const before = await penaltyCount();
    expect((await propose({ kind: 'ADDITIONAL_DUTY', multiple: 3, reason: '  ' })).problems).toEqual([
      { code: 'REQUIRED', path: ['input', 'reason'] },
      { code: 'REQUIRED', path: ['input', 'dutyAdvantage'] },
      { code: 'NOT_APPLICABLE', path: ['input', 'multiple'] },
    ]);
    expect((await propose({ kind: 'VIOLATION_FEE', multiple: 2, ground: 'OBVIOUS_SLIP' })).problems).toEqual([
      { code: 'NOT_APPLICABLE', path: ['input', 'ground'] },
    ]);
    const unknown = await app.graphql(
      PROPOSE,
      {
        input: {
          declarationId: declarationId('310000000-01012020-9'),
          kind: 'VIOLATION_FEE',
          multiple: 1,
          reason: 'x',
        },
      },
      tokens.proposer,
    );
    expect(unknown.body.data.proposePenalty).toMatchObject({ __typename: 'NotFound', code: 'NOT_FOUND' });
    expect(await penaltyCount()).toBe(before);
  });

  it('is seen by the private person who owes it, once approved, and by the carrier that declared it', async () => {
    const carrier = await app.token({ role: 'business', organisationNumber: '310000051' });
    const person = await app.token({ role: 'private', nationalIdentityNumber: PERSON });
    await grantMandate(app, person, '310000051');
    const submitted = await app.graphql(
      SUBMIT,
      { input: importDeclaration({ importer: { nationalIdentityNumber: PERSON, name: 'Kari Nordmann' } }) },
      carrier,
    );
    const parcel = submitted.body.data.submitDeclaration.declaration.number;
    const proposed = await app.graphql(
      PROPOSE,
      {
        input: {
          declarationId: declarationId(parcel),
          kind: 'ADDITIONAL_DUTY',
          dutyAdvantage: { amount: '6000', currency: 'NOK' },
          reason: 'Value understated',
        },
      },
      tokens.proposer,
    );
    const penalty = proposed.body.data.proposePenalty.penalty.number;
    const seen = async (token: string) =>
      (await app.graphql(PENALTIES, { number: parcel }, token)).body.data.declaration.penalties;
    expect(await seen(person)).toEqual([]);
    await approve(penalty, tokens.approver);
    expect(await seen(person)).toMatchObject([{ number: penalty, status: 'APPROVED' }]);
    expect(await seen(carrier)).toMatchObject([{ number: penalty }]);
  });

  it('is for officers only', async () => {
    for (const token of [tokens.business, tokens.auditor, tokens.agency, undefined]) {
      const { body } = await app.graphql(
        PROPOSE,
        { input: { declarationId: declarationId(number), kind: 'VIOLATION_FEE', multiple: 1, reason: 'x' } },
        token,
      );
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // Another business does not even see the declaration, let alone its penalties.
    const other = await app.graphql(PENALTIES, { number }, tokens.otherBusiness);
    expect(other.body.data.declaration).toBeNull();
  });
});

describe('reading penalties', () => {
  it('costs the same SQL statements for a page of 2 declarations as for a page of 4, penalties included', async () => {
    for (let i = 0; i < 4; i++) {
      const submitted = await app.graphql(SUBMIT, { input: importDeclaration() }, tokens.business);
      const id = declarationId(submitted.body.data.submitDeclaration.declaration.number);
      const proposed = await app.graphql(
        PROPOSE,
        { input: { declarationId: id, kind: 'VIOLATION_FEE', multiple: 1 + i, reason: 'Late' } },
        tokens.proposer,
      );
      expect(proposed.body.data.proposePenalty.__typename).toBe('ProposePenaltySuccess');
    }
    const page = `query($first: Int!) { declarations(first: $first) { edges { node {
      penalties { number calculation { amount { amount } } declaration { number } } } } } }`;
    const count = async (first: number) => {
      app.db.clearStatements();
      const { body } = await app.graphql(page, { first }, tokens.auditor);
      const nodes = body.data.declarations.edges.map((e: { node: { penalties: unknown[] } }) => e.node);
      expect(nodes).toHaveLength(first);
      expect(nodes.every((n: { penalties: unknown[] }) => n.penalties.length === 1)).toBe(true);
      return app.db.statements.length;
    };
    const small = await count(2);
    expect(await count(4)).toBe(small);
    // The page and its penalties; the declarations the penalties name are the page's, loaded with it.
    expect(small).toBe(2);
  });
});

describe('an approved penalty becomes a receivable', () => {
  const officer = (employeeId: string): OfficerPrincipal => ({
    role: 'officer',
    employeeId,
    subject: employeeId,
    scopes: new Set(['control:write']),
    sandbox: false,
  });

  it('through the port, in the approving transaction: a failing port leaves the penalty proposed', async () => {
    const requests: PenaltyReceivableRequest[] = [];
    const context = (employeeId: string, fail = false) => ({
      db: app.db.db,
      clock,
      agreement: null,
      principal: officer(employeeId),
      penaltyReceivables: {
        async createForPenalty(_tx: unknown, request: PenaltyReceivableRequest) {
          if (fail) throw new Error('payments refused');
          requests.push(request);
          return `R-${request.penaltyId}`;
        },
      },
    });
    const proposed = await proposePenalty(context('T1001'), {
      declarationNumber: number,
      kind: 'VIOLATION_FEE',
      dutyAdvantage: null,
      multiple: 2,
      ground: null,
      reason: 'Goods not presented',
      recordNotImposed: false,
    });
    await expect(approvePenalty(context('T1002', true), proposed.id)).rejects.toThrow('payments refused');
    expect(requests).toEqual([]);
    const approved = await approvePenalty(context('T1002'), proposed.id);
    expect(approved).toMatchObject({ status: 'APPROVED', receivableId: `R-${proposed.id}` });
    expect(requests).toEqual([
      expect.objectContaining({
        penaltyId: proposed.id,
        kind: 'VIOLATION_FEE',
        amountOre: 262_800n,
        party: { organisationNumber: ORG_A, nationalIdentityNumber: null },
      }),
    ]);
  });

  it('is refused by the database to the officer who proposed it, whatever code writes it', async () => {
    const proposed = await app.graphql(
      PROPOSE,
      {
        input: {
          declarationId: declarationId(number),
          kind: 'VIOLATION_FEE',
          multiple: 1,
          reason: 'Late arrival notice',
        },
      },
      tokens.proposer,
    );
    const id = proposed.body.data.proposePenalty.penalty.number;
    await expect(
      app.db.db.execute(sql`update penalties set status = 'APPROVED', approved_by = proposed_by where id = ${id}`),
    ).rejects.toThrow();
  });
});

describe('the rules as data', () => {
  it('are public, each with its figures, validity and source', async () => {
    const { body } = await app.graphql(
      '{ penaltyRules { id kind validFrom validTo ratePercent threshold { amount } maxMultiple source } courtFees { id validFrom validTo amount { amount } source } }',
    );
    expect(body.data.penaltyRules).toMatchObject([
      { id: 'VIOLATION-FEE-2017', kind: 'VIOLATION_FEE', validTo: '2022-12-31', maxMultiple: 75, threshold: null },
      { id: 'ADDITIONAL-DUTY-2023', ratePercent: '20', threshold: { amount: '1000.00' }, maxMultiple: null },
      { id: 'VIOLATION-FEE-2023', validFrom: '2023-01-01', validTo: null, maxMultiple: 75 },
    ]);
    expect(
      body.data.courtFees.map((fee: { id: string; amount: { amount: string } }) => [fee.id, fee.amount.amount]),
    ).toEqual([
      ['COURT-FEE-2018', '1130.00'],
      ['COURT-FEE-2019', '1150.00'],
      ['COURT-FEE-2021', '1199.00'],
      ['COURT-FEE-2025', '1314.00'],
    ]);
    expect(body.data.courtFees[3].source).toContain('not verified');
  });

  it('changes on a date when a row is closed and a new one stored, and the seeded figures are read back as stored', async () => {
    const { rules, courtFees } = await penaltyRules(app.db.db);
    const current = rules.find((rule) => rule.id === 'ADDITIONAL-DUTY-2023');
    expect(current).toMatchObject({ ratePercent: '20', thresholdOre: 100_000n, validTo: null });
    expect(courtFees.find((fee) => fee.id === 'COURT-FEE-2025')?.amountOre).toBe(131_400n);
    if (!current) throw new Error('the seeded additional duty rule is missing');
    await app.db.db.transaction((tx) =>
      registerPenaltyRules(
        tx,
        [
          { ...current, validTo: '2026-12-31' },
          { ...current, id: 'ADDITIONAL-DUTY-2027', validFrom: '2027-01-01', ratePercent: '25', source: 'test' },
        ],
        [],
      ),
    );
    const on = async (decidedOn: string) =>
      preview({ dutyAdvantage: { amount: '10000.00', currency: 'NOK' }, decidedOn });
    expect(await on('2026-12-31')).toMatchObject({
      amount: { amount: '2000.00' },
      lines: [{ ruleId: 'ADDITIONAL-DUTY-2023', validTo: '2026-12-31' }, {}],
    });
    expect(await on('2027-01-01')).toMatchObject({
      amount: { amount: '2500.00' },
      lines: [{ ruleId: 'ADDITIONAL-DUTY-2027', ratePercent: '25' }, {}],
    });
  });
});
