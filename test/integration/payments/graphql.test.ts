import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidKid } from '../../../src/shared/kid.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { importDeclaration, ORG_A, ORG_B, SUBMIT } from '../../helpers/factories.js';

const RECEIVABLES = `
  query Receivables($selection: ReceivableSelection) {
    receivables(first: 10, selection: $selection) {
      edges { node {
        kid status dueDate amount { amount currency } open { amount }
        lines { dutyKind amount { amount } }
        history { kind status }
        declaration { number paymentStatus }
      } }
    }
  }`;

const PAGE = `
  query Page($first: Int) {
    declarations(first: $first) { edges { node { number paymentStatus receivables { kid open { amount } } } } }
  }`;

describe('payments over GraphQL', () => {
  let app: TestApp;
  let business: string;
  beforeAll(async () => {
    app = await startTestApp();
    business = await app.token({ role: 'business', organisationNumber: ORG_A });
  });
  afterAll(() => app.close());

  it('a business sees its receivable with its KID, lines and history, and the declaration awaiting payment', async () => {
    const submitted = await app.graphql(SUBMIT, { input: importDeclaration() }, business);
    expect(submitted.body.data?.submitDeclaration?.__typename).toBe('SubmitDeclarationSuccess');
    const { body } = await app.graphql(RECEIVABLES, {}, business);
    expect(body.errors).toBeUndefined();
    const [edge] = body.data.receivables.edges;
    expect(isValidKid(edge.node.kid)).toBe(true);
    expect(edge.node).toMatchObject({ status: 'OPEN', amount: { currency: 'NOK' }, history: [{ kind: 'CREATED' }] });
    expect(edge.node.open.amount).toBe(edge.node.amount.amount);
    expect(edge.node.lines.length).toBeGreaterThan(0);
    expect(edge.node.declaration).toMatchObject({
      number: submitted.body.data.submitDeclaration.declaration.number,
      paymentStatus: 'AWAITING_PAYMENT',
    });

    const statement = await app.graphql(
      `{ accountStatement(from: "2026-06-01", to: "2026-06-30") { openingBalance { amount } closingBalance { amount } movements { kind account amount { amount } } } }`,
      {},
      business,
    );
    expect(statement.body.errors).toBeUndefined();
    expect(statement.body.data.accountStatement).toMatchObject({
      openingBalance: { amount: '0.00' },
      closingBalance: { amount: edge.node.amount.amount },
      movements: [{ kind: 'RECEIVABLE', account: 'RECEIVABLE', amount: { amount: edge.node.amount.amount } }],
    });
  });

  it('another business sees none of it, and agencies are refused', async () => {
    const other = await app.token({ role: 'business', organisationNumber: ORG_B });
    const { body } = await app.graphql(RECEIVABLES, { selection: 'ALL' }, other);
    expect(body.data.receivables.edges).toEqual([]);
    const police = await app.token({ role: 'agency', agencyCode: 'POLICE' });
    const refused = await app.graphql(RECEIVABLES, {}, police);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const journal = await app.graphql('{ ledgerJournal(first: 1) { edges { node { id } } } }', {}, business);
    expect(journal.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('auditors read the journal and a reconciliation that holds', async () => {
    const auditor = await app.token({ role: 'auditor', employeeId: 'A1' });
    const journal = await app.graphql(
      '{ ledgerJournal(first: 5) { edges { node { kind postings { accountKey amount { amount } } } } } }',
      {},
      auditor,
    );
    expect(journal.body.errors).toBeUndefined();
    const [entry] = journal.body.data.ledgerJournal.edges;
    expect(entry.node.kind).toBe('RECEIVABLE');
    const sum = entry.node.postings.reduce(
      (s: number, p: { amount: { amount: string } }) => s + Math.round(Number(p.amount.amount) * 100),
      0,
    );
    expect(sum).toBe(0);
    const reconciliation = await app.graphql(
      '{ ledgerReconciliation { ok checks { name ok failures } } }',
      {},
      auditor,
    );
    expect(reconciliation.body.errors).toBeUndefined();
    expect(reconciliation.body.data.ledgerReconciliation.ok).toBe(true);
    expect(reconciliation.body.data.ledgerReconciliation.checks).toHaveLength(5);
  });

  it('a page of declarations with their payment status costs the same statements for 5 as for 50', async () => {
    for (let i = 0; i < 50; i++) {
      const { body } = await app.graphql(SUBMIT, { input: importDeclaration() }, business);
      expect(body.data?.submitDeclaration?.__typename).toBe('SubmitDeclarationSuccess');
    }
    const cost = async (first: number) => {
      app.db.clearStatements();
      const { body } = await app.graphql(PAGE, { first }, business);
      expect(body.errors).toBeUndefined();
      expect(body.data.declarations.edges).toHaveLength(first);
      expect(
        body.data.declarations.edges.every(
          (e: { node: { paymentStatus: string } }) => e.node.paymentStatus === 'AWAITING_PAYMENT',
        ),
      ).toBe(true);
      return app.db.statements.length;
    };
    const five = await cost(5);
    const fifty = await cost(50);
    expect(fifty).toBe(five);
  });
});
