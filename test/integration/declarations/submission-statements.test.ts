import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { goodsItem, grantMandate, importDeclaration, ORG_A, ORG_B, SUBMIT } from '../../helpers/factories.js';

let app: TestApp;
let declarant: string;

beforeAll(async () => {
  app = await startTestApp();
  declarant = await app.token({ role: 'business', organisationNumber: ORG_A });
  await app.db.db.execute(
    sql`insert into organisations (organisation_number, name, vat_registered) values (${ORG_A}, 'Nordlys Import AS', true)`,
  );
});
afterAll(() => app.close());

/** A statement that writes: an INSERT, on its own or in a CTE. */
const WRITES = /\binsert\s+into\b/i;

/** A statement of the payments hook: on its tables or the ledger's, or the mandate it checks for liability. */
const PAYMENTS =
  /"(payment_parties|receivables|receivable_lines|receivable_events|ledger_accounts|ledger_entries|ledger_postings)"|\b(update\s+(receivables|ledger_accounts)|receivable_kid_seq)\b/i;

/** A statement of control's selection hook: its read of the facts and its store, and a rule-set build. */
const CONTROL = /"(risk_rules_version|risk_assessments|risk_rule_versions|country_group_members)"/;

/** The statements of one submission: those before its transaction's first write, and all of them. */
async function submission(input: Record<string, unknown>, token = declarant) {
  app.db.clearStatements();
  const { body } = await app.graphql(SUBMIT, { input }, token);
  expect(body.data?.submitDeclaration?.__typename).toBe('SubmitDeclarationSuccess');
  const everything = [...app.db.statements];
  // The payments hook books the receivable in the same transaction (test/integration/payments
  // counts its statements); the declaration's own statements are counted here without them.
  // The hook's look-up of the mandate (is the declarant liable?) comes after the first write.
  const firstWriteOfAll = everything.findIndex((s) => WRITES.test(s));
  const ofPayments = (s: string, i: number) => PAYMENTS.test(s) || (i > firstWriteOfAll && /from "mandates"/.test(s));
  const hooks = everything.filter(ofPayments);
  const control = everything.filter((s) => CONTROL.test(s));
  const statements = everything.filter((s, i) => !ofPayments(s, i) && !CONTROL.test(s));
  const firstWrite = statements.findIndex((s) => WRITES.test(s));
  return {
    before: statements.slice(0, firstWrite),
    all: statements,
    payments: hooks.length,
    control,
    reported: body.extensions?.sqlStatements,
  };
}

describe('what a submission costs in SQL statements', () => {
  it('reads its reference facts, VAT flag, earlier submission and rates version in one statement', async () => {
    const items = Array.from({ length: 20 }, (_, i) => goodsItem({ description: `Pullovers ${i}` }));
    await submission(importDeclaration({ goodsItems: [goodsItem()] })); // prepares the rate book and risk rules
    const { before, all, payments, control, reported } = await submission(importDeclaration({ goodsItems: items }));
    // One read before the transaction; in it, one statement that stores the declaration, its
    // version, items, history and assessment, one for the release gate's event and status (the
    // payment hook answers from the assessment at hand, and a new declaration has no hold to
    // read), the numbering, and the audit trail's row (sent with the numbering and the COMMIT);
    // one read of the items returned.
    expect(before).toHaveLength(1);
    expect(before[0]).toMatch(/json_build_object/);
    expect(all).toHaveLength(6);
    expect(all[1]).toMatch(/insert into "declarations"/);
    for (const table of ['declaration_versions', 'goods_items', 'declaration_events', 'assessments']) {
      expect(all[1]).toContain(`insert into "${table}"`);
    }
    expect(all[2]).toMatch(/insert into "declaration_events"/);
    expect(all[2]).toMatch(/update "declarations" set status/);
    expect(all[3]).toMatch(/insert into "declaration_number_sequences"/);
    expect(all[3]).toContain('insert into "declaration_item_events"');
    // The audit trail's row is the transaction's last statement, after the hooks'.
    expect(all[4]).toMatch(/update "audit_chain_heads"/);
    expect(all[4]).toContain('insert into "audit_trail"');
    expect(all[5]).toMatch(/from "goods_items"/);
    // Booking the receivable costs the same whatever the number of items (payments' own test).
    expect(payments).toBeGreaterThan(0);
    // The risk selection reads its facts in one statement and stores in one, whatever the items.
    expect(control).toHaveLength(2);
    expect(control[0]).toContain('"unit_value_statistics"');
    expect(control[1]).toContain('insert into "risk_assessments"');
    expect(reported).toBe(6 + payments + 2);
  });

  it('adds one statement for the mandate when it declares for another party, and none for the rate book', async () => {
    const representedToken = await app.token({ role: 'business', organisationNumber: ORG_B });
    await grantMandate(app, representedToken, ORG_A);
    const { before, all } = await submission(
      importDeclaration({ importer: { organisationNumber: ORG_B, name: 'Fjellvind AS' } }),
    );
    expect(before).toHaveLength(2);
    expect(before.some((s) => /from "mandates"/.test(s))).toBe(true);
    expect(all).toHaveLength(7);
  });

  it('answers a replayed submission from the same one statement and the earlier declaration', async () => {
    const input = importDeclaration();
    await submission(input);
    app.db.clearStatements();
    const { body } = await app.graphql(SUBMIT, { input }, declarant);
    expect(body.data.submitDeclaration.replayed).toBe(true);
    expect(app.db.statements.some((s) => WRITES.test(s))).toBe(false);
    expect(app.db.statements[0]).toMatch(/json_build_object/);
  });
});
