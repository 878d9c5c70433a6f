import type { Agreement } from '../../auth/agreement.js';
import type { Principal } from '../../auth/principal.js';
import type { Executor } from '../../db/client.js';
import { dataAccessLog } from './tables.js';

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
    for (let start = 0; start < rows.length; start += 500) {
      await db.insert(dataAccessLog).values(rows.slice(start, start + 500));
    }
  }
}
