import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendToAccessLog } from '../../../src/modules/audit/personal-data-reads.js';
import { verifyChain, verifyChains } from '../../../src/modules/audit/service.js';
import { seedAgencyFixture } from '../../helpers/agency-fixture.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { importDeclaration, ORG_A, SUBMIT } from '../../helpers/factories.js';
import { lastSeq, trailRows, trailSince } from './helpers.js';

let app: TestApp;
let declarant: string;
let shotgun: string;

beforeAll(async () => {
  app = await startTestApp();
  declarant = await app.token({ role: 'business', organisationNumber: ORG_A });
  shotgun = (await seedAgencyFixture(app)).shotgunForPerson;
});
afterAll(() => app.close());

const refusal = (error: unknown) =>
  /append-only|only moves forward/.test(String((error as { cause?: Error }).cause?.message ?? error));

/** Runs `work` with the append-only triggers of `table` off, as a superuser could, and puts them back. */
async function asSuperuser(table: string, trigger: string, work: () => Promise<unknown>): Promise<void> {
  await app.db.db.execute(sql.raw(`alter table ${table} disable trigger ${trigger}`));
  try {
    await work();
  } finally {
    await app.db.db.execute(sql.raw(`alter table ${table} enable trigger ${trigger}`));
  }
}

describe('the chain under concurrent writers', () => {
  it('stays one unbroken chain when 20 mutations commit at once', async () => {
    const before = await lastSeq(app);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => app.graphql(SUBMIT, { input: importDeclaration() }, declarant)),
    );
    for (const { body } of answers) expect(body.data.submitDeclaration.__typename).toBe('SubmitDeclarationSuccess');
    const rows = await trailSince(app, before);
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 20 }, (_, i) => before + i + 1));
    expect(new Set(rows.map((row) => row.requestId)).size).toBe(20);
    const report = await verifyChain(app.db.db, 'audit_trail');
    expect(report.broken).toBeUndefined();
    expect(report.verified).toBe(before + 20);
  });
});

describe('the access log in the same discipline', () => {
  it("chains an agency's reads of personal data and verifies them", async () => {
    const police = await app.token({ role: 'agency', agencyCode: 'POLICE' });
    const Q = `query($n: String!) { declaration(number: $n) { importer { name ... on PersonParty { nationalIdentityNumber } } } }`;
    for (let i = 0; i < 3; i++) {
      const { body } = await app.graphql(Q, { n: shotgun }, police);
      expect(body.data.declaration.importer.name).toBe('Kari Nordmann');
    }
    const report = await verifyChain(app.db.db, 'data_access_log', 2);
    expect(report).toEqual({ chain: 'data_access_log', verified: 3, unchained: 0, broken: undefined });
  });

  it('chains the many entries of one request in one transaction', async () => {
    const entry = {
      occurredAt: new Date('2026-06-15T10:00:00Z'),
      agencyCode: 'POLICE',
      agreementId: 1,
      subject: 'police-system',
      requestId: 'request-many',
      correlationId: null,
      declarationId: 1,
      subjectNationalId: '01819012365',
    };
    await appendToAccessLog(app.db.db, [
      { ...entry, fields: ['name'] },
      { ...entry, fields: ['address'] },
      { ...entry, fields: ['nationalIdentityNumber'] },
    ]);
    const report = await verifyChain(app.db.db, 'data_access_log');
    expect(report).toEqual({ chain: 'data_access_log', verified: 6, unchained: 0, broken: undefined });
  });
});

describe('a trail nobody can rewrite', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of the trail and the access log, and moving a chain head back', async () => {
    await app.graphql(SUBMIT, { input: importDeclaration() }, declarant);
    for (const statement of [
      `update audit_trail set mutation = 'x'`,
      `delete from audit_trail`,
      `truncate audit_trail`,
      `truncate data_access_log`,
      `update audit_chain_heads set seq = 0, hash = prev_hash`,
      `delete from audit_chain_heads`,
      `truncate audit_chain_heads`,
    ]) {
      await expect(app.db.db.execute(sql.raw(statement)), statement).rejects.toSatisfy(refusal);
    }
    expect((await verifyChains(app.db.db)).map((report) => report.broken)).toEqual([undefined, undefined]);
  });

  it('names the first changed row, in any batch', async () => {
    const rows = await trailRows(app);
    const target = rows[4];
    if (!target) throw new Error('the trail has fewer than five rows');
    await asSuperuser('audit_trail', 'audit_trail_append_only', () =>
      app.db.db.execute(sql`update audit_trail set input = '{"forged":true}' where seq = ${target.seq}`),
    );
    for (const batch of [2, 3, 10_000]) {
      const report = await verifyChain(app.db.db, 'audit_trail', batch);
      expect(report.broken?.seq).toBe(target.seq);
      expect(report.broken?.reason).toMatch(/content/);
      expect(report.verified).toBe(target.seq - 1);
    }
    await asSuperuser('audit_trail', 'audit_trail_append_only', () =>
      app.db.db.execute(
        sql`update audit_trail set input = ${JSON.stringify(target.input)}::jsonb where seq = ${target.seq}`,
      ),
    );
    expect((await verifyChain(app.db.db, 'audit_trail')).broken).toBeUndefined();
  });

  it('names a removed row and a forged row appended at the end', async () => {
    const rows = await trailRows(app);
    const removed = rows[2];
    const last = rows.at(-1);
    if (!removed || !last) throw new Error('the trail is too short');
    // A forged row whose hash follows the chain's rule but over content nobody wrote, then a
    // removed row: the first break is the removed one.
    await app.db.db.execute(sql`
      insert into audit_trail (seq, occurred_at, request_id, principal_kind, principal_id, subject, mutation, input,
                               changes, prev_hash, hash)
      select seq + 1, now(), 'forged', 'officer', 'T0000', null, 'cancelDeclaration', '{}', '[]', hash,
             sha256(hash || 'forged'::bytea)
        from audit_trail where seq = ${last.seq}`);
    const forged = await verifyChain(app.db.db, 'audit_trail');
    expect(forged.broken).toEqual({ seq: last.seq + 1, reason: 'the row lies beyond the chain head' });
    await asSuperuser('audit_trail', 'audit_trail_append_only', () =>
      app.db.db.execute(sql`delete from audit_trail where seq = ${removed.seq}`),
    );
    const report = await verifyChain(app.db.db, 'audit_trail');
    expect(report.broken).toEqual({ seq: removed.seq, reason: expect.stringMatching(/missing/) });
  });

  it('names a changed access log entry', async () => {
    await asSuperuser('data_access_log', 'data_access_log_append_only', () =>
      app.db.db.execute(sql`update data_access_log set fields = '{name}' where chain_seq = 2`),
    );
    const report = await verifyChain(app.db.db, 'data_access_log');
    expect(report.broken?.seq).toBe(2);
  });
});
