import { eq } from 'drizzle-orm';
import type { Agreement } from '../../auth/agreement.js';
import type { Principal } from '../../auth/principal.js';
import type { Executor } from '../../db/client.js';
import { accessLogContent, chainHash } from './chain.js';
import { auditChainHeads, dataAccessLog } from './tables.js';

/**
 * Collects, during one request, which personal data fields of which persons in which
 * declarations a partner agency read; `flush` writes them to the access log before the response
 * leaves. Only fields that were actually resolved count: a field the policy refused never ran.
 */
export class PersonalDataReads {
  private readonly reads = new Map<string, { declarationId: number; nationalId: string; fields: Set<string> }>();

  constructor(
    private readonly principal: Principal,
    private readonly agreement: Agreement | null,
  ) {}

  /** True when reads by this caller must be logged. */
  get logged(): boolean {
    return this.principal.role === 'agency';
  }

  note(declarationId: number, nationalId: string | null, field: string): void {
    if (!this.logged || !nationalId) return;
    const key = `${declarationId}:${nationalId}`;
    let read = this.reads.get(key);
    if (!read) {
      read = { declarationId, nationalId, fields: new Set() };
      this.reads.set(key, read);
    }
    read.fields.add(field);
  }

  get size(): number {
    return this.reads.size;
  }

  /** The request's own id is the server's; the client's correlation id is kept beside it, labelled. */
  async flush(
    db: Executor,
    request: { readonly requestId: string; readonly correlationId: string | undefined },
    at: Date,
  ): Promise<void> {
    if (this.reads.size === 0 || this.principal.role !== 'agency') return;
    const principal = this.principal;
    const rows = [...this.reads.values()].map((read) => ({
      occurredAt: at,
      agencyCode: principal.agencyCode,
      agreementId: this.agreement?.id ?? 0,
      subject: principal.subject,
      requestId: request.requestId,
      correlationId: request.correlationId ?? null,
      declarationId: read.declarationId,
      subjectNationalId: read.nationalId,
      fields: [...read.fields].sort(),
    }));
    this.reads.clear();
    await appendToAccessLog(db, rows);
  }
}

type AccessLogValues = Omit<typeof dataAccessLog.$inferInsert, 'id' | 'chainSeq' | 'prevHash' | 'hash'> & {
  occurredAt: Date;
  correlationId: string | null;
};

/**
 * Appends entries to the access log's hash chain in one transaction: the chain head is locked
 * (FOR UPDATE) first, so concurrent writers queue and the chain cannot fork; each entry's hash is
 * SHA-256 over the previous hash and its canonical content (chain.ts).
 */
export async function appendToAccessLog(db: Executor, rows: readonly AccessLogValues[]): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction(async (tx) => {
    const [head] = await tx
      .select()
      .from(auditChainHeads)
      .where(eq(auditChainHeads.chain, 'data_access_log'))
      .for('update');
    if (!head) throw new Error('the access log has no chain head (migrations not applied?)');
    let seq = head.seq;
    let prevHash = head.prevHash;
    let hash = head.hash;
    const chained = rows.map((row) => {
      prevHash = hash;
      hash = chainHash(prevHash, accessLogContent(row));
      seq += 1;
      return { ...row, chainSeq: seq, prevHash, hash };
    });
    for (let start = 0; start < chained.length; start += 500) {
      await tx.insert(dataAccessLog).values(chained.slice(start, start + 500));
    }
    await tx.update(auditChainHeads).set({ seq, prevHash, hash }).where(eq(auditChainHeads.chain, 'data_access_log'));
  });
}
