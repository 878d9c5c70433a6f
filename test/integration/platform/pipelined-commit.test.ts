import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import { runPrepared } from '../../../src/db/prepared.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';

/**
 * A submission sends its last statements and the COMMIT together, without waiting for their
 * answers inside the transaction. That is only safe if a statement that fails after the callback
 * returned makes the transaction reject: the database answers the COMMIT with ROLLBACK, which
 * PGlite reports and postgres.js, patched, reports too.
 */
let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
  await handle.db.execute(sql`create table pipelined (id int primary key)`);
});
afterAll(() => handle.close());

async function stored(): Promise<number[]> {
  return rowsOf<{ id: number }>(await handle.db.execute(sql`select id from pipelined order by id`)).map((r) =>
    Number(r.id),
  );
}

describe('statements sent with the COMMIT', () => {
  it('commit when they succeed, and answer afterwards', async () => {
    const sent = await handle.db.transaction(async (tx) => {
      const written = runPrepared<{ id: number }>(
        tx,
        'pipelined_ok',
        sql`insert into pipelined values (${1}::int) returning id`,
      );
      written.catch(() => {});
      return { written };
    });
    expect((await sent.written).map((r) => Number(r.id))).toEqual([1]);
    expect(await stored()).toEqual([1]);
  });

  it('roll back, and the transaction rejects with the failing statement’s error', async () => {
    let second: Promise<unknown> | undefined;
    const attempt = handle.db.transaction(async (tx) => {
      const first = runPrepared(tx, 'pipelined_first', sql`insert into pipelined values (${2}::int)`);
      // A duplicate key: fails after the callback has returned.
      second = runPrepared(tx, 'pipelined_second', sql`insert into pipelined values (${1}::int)`);
      first.catch(() => {});
      second.catch(() => {});
      return 'returned';
    });
    await expect(attempt).rejects.toThrow(/duplicate key|rolled back/i);
    await expect(second).rejects.toBeDefined();
    expect(await stored()).toEqual([1]);
  });
});
