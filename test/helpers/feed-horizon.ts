import { sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../src/db/client.js';

/**
 * Waits until every write so far is below the item feed's horizon. The feed shows only events
 * older than the oldest transaction running anywhere on the server (`pg_snapshot_xmin` is
 * cluster-wide), and CI runs other test files' transactions in other databases of the same server,
 * so a test that reads the feed right after writing must wait for them to end.
 */
export async function waitForFeedHorizon(db: Database): Promise<void> {
  const [mark] = rowsOf<{ id: string }>(await db.execute(sql`select pg_current_xact_id()::text as id`));
  for (let attempt = 0; attempt < 200; attempt++) {
    const [row] = rowsOf<{ passed: boolean }>(
      await db.execute(sql`select pg_snapshot_xmin(pg_current_snapshot()) > ${mark?.id}::xid8 as passed`),
    );
    if (row?.passed) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the feed horizon did not pass the last write within 10 s');
}
