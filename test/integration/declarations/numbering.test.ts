import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import { fixedClock, startTestApp, type TestApp } from '../../helpers/app.js';
import { goodsItem, importDeclaration, ORG_A, ORG_B, SUBMIT } from '../../helpers/factories.js';

/**
 * Declaration numbers, {orgnr}-{ddmmyyyy}-{sequence}, are gap-free per declarant and day however
 * many submissions of one declarant run at once, and a submission that fails after its number
 * was taken gives the number back. Each test uses a day of its own, so its sequence starts at 1.
 */
let app: TestApp;
let token: string;
const clock = fixedClock('2026-03-02T09:00:00Z');

beforeAll(async () => {
  app = await startTestApp({ clock });
  token = await app.token({ role: 'business', organisationNumber: ORG_A });
});
afterAll(() => app.close());

function sequenceOf(number: string): number {
  return Number(number.split('-')[2]);
}

async function storedSequences(day: string): Promise<number[]> {
  const rows = rowsOf<{ number: string }>(
    await app.db.db.execute(
      sql`select number from declarations where declarant_orgnr = ${ORG_A} and number like ${`${ORG_A}-${day}-%`}`,
    ),
  );
  return rows.map((row) => sequenceOf(row.number)).sort((a, b) => a - b);
}

async function feedNumbers(numbers: string[]): Promise<string[]> {
  const rows = rowsOf<{ declaration_number: string }>(
    await app.db.db.execute(
      sql`select distinct declaration_number from declaration_item_events
           where declaration_number = any(${`{${numbers.join(',')}}`}::text[])`,
    ),
  );
  return rows.map((row) => row.declaration_number).sort();
}

// Thirty submissions at once take a while on the embedded database, which runs them one by one.
describe('declaration numbers under concurrency', () => {
  it('numbers thirty concurrent submissions of one declarant exactly 1 to 30, in storage and in the feed', async () => {
    clock.set('2026-03-03T09:00:00Z');
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        app.graphql(
          SUBMIT,
          { input: importDeclaration({ clientReference: `NUM-MANY-${i}`, goodsItems: [goodsItem(), goodsItem()] }) },
          token,
        ),
      ),
    );
    expect(responses.map((r) => r.body.errors)).toEqual(Array(30).fill(undefined));
    const results = responses.map((r) => r.body.data.submitDeclaration);
    expect(results.map((r) => r.__typename)).toEqual(Array(30).fill('SubmitDeclarationSuccess'));
    const numbers = results.map((r) => r.declaration.number as string);
    expect(numbers.every((n) => n.startsWith(`${ORG_A}-03032026-`))).toBe(true);
    const expected = Array.from({ length: 30 }, (_, i) => i + 1);
    expect(numbers.map(sequenceOf).sort((a, b) => a - b)).toEqual(expected);
    expect(await storedSequences('03032026')).toEqual(expected);
    // The item feed carries each declaration's final number, never a provisional one.
    expect(await feedNumbers(numbers)).toEqual([...numbers].sort());
    const provisional = rowsOf<{ n: number | string }>(
      await app.db.db.execute(
        sql`select (select count(*) from declarations where number !~ '^[0-9]{9}-[0-9]{8}-[0-9]+$')
                 + (select count(*) from declaration_item_events where declaration_number !~ '^[0-9]{9}-[0-9]{8}-[0-9]+$') as n`,
      ),
    );
    expect(Number(provisional[0]?.n)).toBe(0);
  }, 120_000);

  it('gives back the number of a submission that fails after taking it', async () => {
    clock.set('2026-03-04T09:00:00Z');
    // A deferred constraint trigger fails the transaction at its commit, after everything in it
    // (the number included) has run: the latest a submission can fail.
    await app.db.db.execute(
      sql.raw(`create function fail_marked_submission() returns trigger language plpgsql as $$
        begin
          if new.client_reference like 'NUM-FAIL-%' then raise exception 'submission refused at commit'; end if;
          return null;
        end $$`),
    );
    await app.db.db.execute(
      sql.raw(`create constraint trigger fail_marked_submission after insert on declarations
        deferrable initially deferred for each row execute function fail_marked_submission()`),
    );
    try {
      const first = await app.graphql(SUBMIT, { input: importDeclaration({ clientReference: 'NUM-OK-1' }) }, token);
      const failed = await app.graphql(SUBMIT, { input: importDeclaration({ clientReference: 'NUM-FAIL-1' }) }, token);
      // Then failing and succeeding submissions interleaved, all at once.
      const mixed = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          app.graphql(
            SUBMIT,
            { input: importDeclaration({ clientReference: `NUM-${i % 2 ? 'OK' : 'FAIL'}-C${i}` }) },
            token,
          ),
        ),
      );
      const failedToo = mixed.filter((_, i) => i % 2 === 0);
      const next = mixed.filter((_, i) => i % 2 === 1);
      expect(first.body.data.submitDeclaration.declaration.number).toBe(`${ORG_A}-04032026-1`);
      for (const response of [failed, ...failedToo]) {
        expect(response.body.data?.submitDeclaration ?? null).toBeNull();
        expect(response.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      }
      expect(next.map((r) => sequenceOf(r.body.data.submitDeclaration.declaration.number)).sort()).toEqual([
        2, 3, 4, 5, 6,
      ]);
      expect(await storedSequences('04032026')).toEqual([1, 2, 3, 4, 5, 6]);
      const counter = rowsOf<{ last_value: number }>(
        await app.db.db.execute(
          sql`select last_value from declaration_number_sequences where declarant_orgnr = ${ORG_A} and day = '2026-03-04'`,
        ),
      );
      expect(counter[0]?.last_value).toBe(6);
    } finally {
      await app.db.db.execute(sql.raw('drop trigger fail_marked_submission on declarations'));
      await app.db.db.execute(sql.raw('drop function fail_marked_submission()'));
    }
  }, 60_000);

  it('keeps each declarant its own sequence when two submit at once', async () => {
    clock.set('2026-03-05T09:00:00Z');
    const other = await app.token({ role: 'business', organisationNumber: ORG_B });
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        app.graphql(
          SUBMIT,
          {
            input: importDeclaration({
              clientReference: `NUM-TWO-${i}`,
              importer: { organisationNumber: i % 2 ? ORG_B : ORG_A, name: 'Importer' },
            }),
          },
          i % 2 ? other : token,
        ),
      ),
    );
    const numbers = responses.map((r) => r.body.data.submitDeclaration.declaration.number as string);
    for (const org of [ORG_A, ORG_B]) {
      const own = numbers.filter((n) => n.startsWith(`${org}-05032026-`)).map(sequenceOf);
      expect(own.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });
});

describe('the shape of the submission transaction', () => {
  it('takes the number in the last write of the transaction, so the counter row is locked only until the commit', async () => {
    clock.set('2026-03-06T09:00:00Z');
    app.db.clearStatements();
    const response = await app.graphql(SUBMIT, { input: importDeclaration({ clientReference: 'NUM-SHAPE' }) }, token);
    expect(response.body.data.submitDeclaration.declaration.number).toBe(`${ORG_A}-06032026-1`);
    const statements = [...app.db.statements];
    const writes = statements.filter((s) => /^\s*(with\b|insert\b|update\b|delete\b)/i.test(s));
    const counter = writes.findIndex((s) => s.includes('declaration_number_sequences'));
    expect(counter).toBeGreaterThanOrEqual(0);
    // After the counter, only the audit trail's row, sent with it and the COMMIT: the trail's
    // chain head, which every writer of every declarant takes, is the last lock taken, so that the
    // most contended lock is held the shortest.
    const later = writes.slice(counter + 1);
    expect(later).toHaveLength(1);
    expect(later[0]).toContain('insert into "audit_trail"');
    // Statements inside the transaction after the counter would hold its lock as well: the only
    // other statements after it are the reads of the response, outside the transaction.
    const after = statements.slice(statements.indexOf(writes[counter] as string) + 1).slice(1);
    expect(after.every((s) => /^\s*select\b/i.test(s) && !/for update|advisory/i.test(s))).toBe(true);
  });
});
