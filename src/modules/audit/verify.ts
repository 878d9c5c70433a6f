import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { accessLogContent, type ChainName, chainHash, GENESIS_HASH, trailContent } from './chain.js';
import { auditChainHeads, auditTrail, dataAccessLog } from './tables.js';

/** The first row of a chain that does not hold, and why. */
export interface BrokenLink {
  /** The row's place in its chain (audit_trail.seq, data_access_log.chain_seq). */
  readonly seq: number;
  readonly reason: string;
}

export interface ChainReport {
  readonly chain: ChainName;
  /** Rows verified, up to the first broken one. */
  readonly verified: number;
  /** Access log entries written before the chain existed: kept, counted, not verifiable. */
  readonly unchained: number;
  readonly broken: BrokenLink | undefined;
}

interface ChainRow {
  readonly seq: number;
  readonly prevHash: Buffer;
  readonly hash: Buffer;
  readonly content: string;
}

/** Rows fetched per statement: enough to keep the hashing busy, few enough to stream a chain of any length. */
export const VERIFY_BATCH_SIZE = 10_000;

/**
 * Walks a chain from its first row in batches (keyset on the place, so memory stays flat), and
 * reports the first row whose place is not the next one (a row removed or inserted), whose
 * previous hash is not the hash before it, or whose hash is not SHA-256 of that and its content
 * rebuilt from its columns (a row changed). Then the chain head must name the last row: a removed
 * last row shows there. The next batch is fetched while the current one is hashed.
 */
export async function verifyChain(db: Executor, chain: ChainName, batchSize = VERIFY_BATCH_SIZE): Promise<ChainReport> {
  const fetch = chain === 'audit_trail' ? trailBatch : accessLogBatch;
  const unchained = chain === 'data_access_log' ? await unchainedEntries(db) : 0;
  // The head first: a row and the head move in one transaction, so every row up to the head read
  // now is committed, and rows appended while the walk runs (the server may be writing) are left
  // for the next run instead of reading as a head that does not match.
  const [head] = await db.select().from(auditChainHeads).where(eq(auditChainHeads.chain, chain));
  if (!head) return { chain, verified: 0, unchained, broken: { seq: 1, reason: 'the chain has no head' } };
  let expectedSeq = 1;
  let running: Buffer = GENESIS_HASH;
  let verified = 0;
  let next = fetch(db, 0, head.seq, batchSize);
  for (;;) {
    const batch = await next;
    const last = batch.at(-1);
    if (last) next = fetch(db, last.seq, head.seq, batchSize);
    for (const row of batch) {
      const broken = checkRow(row, expectedSeq, running);
      if (broken) {
        next.catch(() => {});
        return { chain, verified, unchained, broken };
      }
      running = row.hash;
      expectedSeq = row.seq + 1;
      verified++;
    }
    if (batch.length < batchSize) break;
  }
  if (head.seq !== expectedSeq - 1 || !head.hash.equals(running)) {
    return {
      chain,
      verified,
      unchained,
      broken: {
        seq: expectedSeq,
        reason: `the chain head is at ${head.seq} but the rows end at ${expectedSeq - 1} (rows after it removed?)`,
      },
    };
  }
  // A row beyond the head is no row of the chain, unless the head has moved past it since.
  const beyond = await firstBeyond(db, chain, head.seq);
  if (beyond !== undefined) {
    const [now] = await db.select().from(auditChainHeads).where(eq(auditChainHeads.chain, chain));
    if (!now || now.seq < beyond) {
      return { chain, verified, unchained, broken: { seq: beyond, reason: 'the row lies beyond the chain head' } };
    }
  }
  return { chain, verified, unchained, broken: undefined };
}

async function firstBeyond(db: Executor, chain: ChainName, seq: number): Promise<number | undefined> {
  const column = chain === 'audit_trail' ? auditTrail.seq : dataAccessLog.chainSeq;
  const table = chain === 'audit_trail' ? auditTrail : dataAccessLog;
  const [row] = await db.select({ seq: column }).from(table).where(gt(column, seq)).orderBy(asc(column)).limit(1);
  return row?.seq ?? undefined;
}

function checkRow(row: ChainRow, expectedSeq: number, running: Buffer): BrokenLink | undefined {
  if (row.seq !== expectedSeq) {
    return { seq: expectedSeq, reason: `row ${expectedSeq} is missing (the next row is ${row.seq})` };
  }
  if (!row.prevHash.equals(running)) {
    return { seq: row.seq, reason: 'its previous hash is not the hash of the row before it' };
  }
  if (!chainHash(row.prevHash, row.content).equals(row.hash)) {
    return { seq: row.seq, reason: 'its hash does not match its content (the row was changed)' };
  }
  return undefined;
}

async function trailBatch(db: Executor, after: number, upTo: number, limit: number): Promise<ChainRow[]> {
  const rows = await db
    .select()
    .from(auditTrail)
    .where(and(gt(auditTrail.seq, after), lte(auditTrail.seq, upTo)))
    .orderBy(asc(auditTrail.seq))
    .limit(limit);
  return rows.map((row) => ({ seq: row.seq, prevHash: row.prevHash, hash: row.hash, content: trailContent(row) }));
}

async function accessLogBatch(db: Executor, after: number, upTo: number, limit: number): Promise<ChainRow[]> {
  const rows = await db
    .select()
    .from(dataAccessLog)
    .where(and(gt(dataAccessLog.chainSeq, after), lte(dataAccessLog.chainSeq, upTo)))
    .orderBy(asc(dataAccessLog.chainSeq))
    .limit(limit);
  return rows.map((row) => ({
    seq: row.chainSeq ?? 0,
    prevHash: row.prevHash ?? Buffer.alloc(0),
    hash: row.hash ?? Buffer.alloc(0),
    content: accessLogContent(row),
  }));
}

async function unchainedEntries(db: Executor): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(dataAccessLog)
    .where(isNull(dataAccessLog.chainSeq));
  return row?.count ?? 0;
}

/** Both chains; the command's exit code is non-zero when either is broken. */
export async function verifyChains(db: Executor, batchSize?: number): Promise<ChainReport[]> {
  return [await verifyChain(db, 'audit_trail', batchSize), await verifyChain(db, 'data_access_log', batchSize)];
}
