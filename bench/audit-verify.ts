import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.js';
import { type AuditedPrincipal, chainHash, GENESIS_HASH, trailContent } from '../src/modules/audit/chain.js';
import { verifyChain } from '../src/modules/audit/service.js';
import { canonicalJson } from '../src/shared/canonical-json.js';

const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 1_000_000);
const INSERT_BATCH = 10_000;

/**
 * (i) `audit:verify` over a long trail: ROWS rows (1,000,000 unless BENCH_AUDIT_ROWS says
 * otherwise) of the shape a submission writes, chained in this process and inserted directly in
 * batches (one unnest statement each), then the chain walked as `npm run audit:verify` walks it.
 * Its figure is the verification's time, to stay under 60 s on PostgreSQL.
 */
export async function benchAuditVerify(url: string | undefined): Promise<string[]> {
  const database = await openDatabase(url ? { url, poolSize: 2 } : {});
  try {
    await database.migrate();
    const db = database.db;
    const principal: AuditedPrincipal = { kind: 'business', id: '310000000', subject: 'erp-client' };
    const input = JSON.parse(
      canonicalJson({ input: { clientReference: 'REF-1', goodsItems: [{ description: 'Pullovers' }] } }),
    );
    let hash: Buffer = GENESIS_HASH;
    let lastPrev: Buffer = GENESIS_HASH;
    const started = performance.now();
    for (let first = 1; first <= ROWS; first += INSERT_BATCH) {
      const seqs: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (let seq = first; seq < first + INSERT_BATCH && seq <= ROWS; seq++) {
        // The same values the statement below derives from seq.
        const row = {
          occurredAt: new Date(Date.UTC(2026, 5, 15) + seq * 100),
          requestId: `request-${seq}`,
          principalKind: principal.kind,
          principalId: principal.id,
          subject: principal.subject,
          mutation: 'submitDeclaration',
          input,
          changes: [
            { ids: [seq], key: 'id', op: 'INSERT', table: 'declarations' },
            { ids: [seq], key: 'declaration_id', op: 'INSERT', table: 'goods_items' },
          ],
        };
        lastPrev = hash;
        hash = chainHash(lastPrev, trailContent(row));
        seqs.push(seq);
        prevs.push(lastPrev.toString('hex'));
        hashes.push(hash.toString('hex'));
      }
      await db.execute(sql`
        insert into audit_trail (seq, occurred_at, request_id, principal_kind, principal_id, subject, mutation, input,
                                 changes, prev_hash, hash)
        select s, timestamptz '2026-06-15 00:00:00+00' + s * interval '100 milliseconds', 'request-' || s,
               ${principal.kind}, ${principal.id}, ${principal.subject}, 'submitDeclaration', ${JSON.stringify(input)}::jsonb,
               jsonb_build_array(
                 jsonb_build_object('ids', jsonb_build_array(s), 'key', 'id', 'op', 'INSERT', 'table', 'declarations'),
                 jsonb_build_object('ids', jsonb_build_array(s), 'key', 'declaration_id', 'op', 'INSERT', 'table', 'goods_items')),
               decode(p, 'hex'), decode(h, 'hex')
          from unnest(${`{${seqs.join(',')}}`}::bigint[], ${`{${prevs.join(',')}}`}::text[], ${`{${hashes.join(',')}}`}::text[])
               as t(s, p, h)`);
    }
    // The head jumps to the last row: a move the forward-only trigger admits.
    await db.execute(sql`update audit_chain_heads set seq = ${ROWS}, prev_hash = decode(${lastPrev.toString('hex')}, 'hex'),
                          hash = decode(${hash.toString('hex')}, 'hex') where chain = 'audit_trail'`);
    const inserted = (performance.now() - started) / 1000;
    await db.execute(sql`vacuum analyze audit_trail`);
    const verifyStarted = performance.now();
    const report = await verifyChain(db, 'audit_trail');
    const seconds = (performance.now() - verifyStarted) / 1000;
    if (report.broken || report.verified !== ROWS) {
      throw new Error(`the bench chain did not verify: ${JSON.stringify(report)}`);
    }
    const kind = url ? 'PostgreSQL' : 'embedded';
    return [
      `| (i) audit:verify over ${ROWS.toLocaleString('en')} trail rows, ${kind} (req/s: rows/s; built and inserted in ${inserted.toFixed(1)} s): ${seconds.toFixed(1)} s | ${Math.round(ROWS / seconds)} |  |  |  |  | 0 |`,
    ];
  } finally {
    await database.close();
  }
}
