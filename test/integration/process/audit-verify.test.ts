import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../../src/db/client.js';
import { withBeforeCommit } from '../../../src/db/transaction-hooks.js';
import { appendToAccessLog } from '../../../src/modules/audit/personal-data-reads.js';
import { MutationAudit } from '../../../src/modules/audit/service.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';
import { type Finished, repositoryRoot, runTsx } from '../../helpers/processes.js';

/**
 * `npm run audit:verify` as an operator runs it, a process of its own on a data directory of its
 * own (or a fresh PostgreSQL database): exit 0 on chains that hold, 1 and the first broken row on
 * one that a superuser changed behind the triggers' back.
 */
let dataDir: string;
let database: TestDatabase | undefined;

function auditVerify(): Promise<Finished> {
  return runTsx([path.join(repositoryRoot, 'scripts/audit-verify.ts')], {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: database?.url ?? '',
    NODE_ENV: 'development',
  });
}

/** The database the command will open, opened by the test while the command does not run. */
async function open(): Promise<DatabaseHandle> {
  if (database?.url) return openDatabase({ url: database.url, poolSize: 1 });
  const handle = await openDatabase({ dataDir: path.join(dataDir, 'pgdata') });
  await handle.migrate();
  return handle;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(repositoryRoot, '.tmp', 'audit-verify-'));
  if (process.env.DATABASE_URL) {
    database = await createTestDatabase();
    await database.close();
  }
  const handle = await open();
  try {
    // One mutation's transaction that wrote a tracked table, and two access log entries.
    const audit = new MutationAudit(
      { role: 'officer', employeeId: 'T1001', subject: 'officer-1', scopes: new Set(), sandbox: false },
      'request-1',
      { now: () => new Date('2026-06-15T10:00:00Z') },
    );
    const audited = withBeforeCommit(handle.db, audit.beforeCommit);
    await audit.within('recordAgencyAgreement', { input: { agencyCode: 'KYSTVERKET' } }, () =>
      audited.transaction(async (tx) => {
        await tx.execute(
          sql`insert into organisations (organisation_number, name, vat_registered) values ('399999999', 'Audit AS', true)`,
        );
      }),
    );
    const entry = {
      occurredAt: new Date('2026-06-15T10:00:00Z'),
      agencyCode: 'POLICE',
      agreementId: 1,
      subject: 'police-system',
      requestId: 'request-2',
      correlationId: null,
      declarationId: 1,
      subjectNationalId: '01819012365',
    };
    await appendToAccessLog(handle.db, [
      { ...entry, fields: ['name'] },
      { ...entry, fields: ['address'] },
    ]);
  } finally {
    await handle.close();
  }
}, 120_000);
afterAll(async () => {
  await database?.destroy();
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm run audit:verify', () => {
  it('says each chain holds, and exits 0', async () => {
    const result = await auditVerify();
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('audit:verify: audit_trail: 1 rows, the chain holds');
    expect(result.stdout).toContain('audit:verify: data_access_log: 2 rows, the chain holds');
    expect(result.code).toBe(0);
  }, 60_000);

  it('names the first changed row, and exits 1', async () => {
    const handle = await open();
    try {
      await handle.db.execute(sql`alter table data_access_log disable trigger data_access_log_append_only`);
      await handle.db.execute(sql`update data_access_log set fields = '{nationalIdentityNumber}' where chain_seq = 2`);
      await handle.db.execute(sql`alter table data_access_log enable trigger data_access_log_append_only`);
    } finally {
      await handle.close();
    }
    const result = await auditVerify();
    expect(result.stdout).toContain('audit:verify: audit_trail: 1 rows, the chain holds');
    expect(result.stderr).toContain(
      'audit:verify: data_access_log: broken at row 2: its hash does not match its content (the row was changed) (1 rows before it hold)',
    );
    expect(result.code).toBe(1);
  }, 60_000);
});
