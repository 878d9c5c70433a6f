import { sql } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import type { Executor } from '../../db/client.js';
import { runPrepared } from '../../db/prepared.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import type { Clock } from '../../shared/clock.js';
import { type AuditedPrincipal, trailContentAround } from './chain.js';
import { redactInput } from './redaction.js';
import { auditChainHeads, auditTrail } from './tables.js';

/** The principal as the trail names it: the same pseudonymous forms as the request log and the access log. */
export function auditedPrincipal(principal: Principal): AuditedPrincipal {
  switch (principal.role) {
    case 'public':
      return { kind: 'public', id: 'public', subject: null };
    case 'business':
      return { kind: principal.role, id: principal.organisationNumber, subject: principal.subject };
    case 'private':
      // The token subject, never the national identity number.
      return { kind: principal.role, id: principal.subject, subject: principal.subject };
    case 'officer':
    case 'auditor':
      return { kind: principal.role, id: principal.employeeId, subject: principal.subject };
    case 'agency':
      return { kind: principal.role, id: principal.agencyCode, subject: principal.subject };
  }
}

interface MutationInProgress {
  readonly mutation: string;
  /** The field's arguments, redacted, as canonical JSON. */
  readonly input: string;
}

/**
 * The audit of one request's mutations. Composition wraps every Mutation field in `within` and
 * every transaction of the request's database handle in `beforeCommit`, so no mutation has to
 * remember to audit itself: each transaction a Mutation field runs that changed something
 * (a tracked table's trigger noted a write) gets one trail row, written by the transaction's last
 * statement, which goes out with its COMMIT. A transaction that wrote nothing (a validation
 * failure, a replay, a retried cancellation) writes no row; one that rolls back leaves none.
 * GraphQL runs the fields of a mutation one after another, so one field is in progress at a time.
 */
export class MutationAudit {
  private current: MutationInProgress | undefined;

  constructor(
    private readonly principal: Principal,
    private readonly requestId: string,
    private readonly clock: Clock,
  ) {}

  async within<T>(mutation: string, args: Record<string, unknown>, run: () => T): Promise<Awaited<T>> {
    this.current = { mutation, input: canonicalJson(redactInput(args)) };
    try {
      return await run();
    } finally {
      this.current = undefined;
    }
  }

  /** Sends the trail row's statement, not awaited: its failure is the transaction's. */
  readonly beforeCommit = (tx: Executor): void => {
    const current = this.current;
    if (!current) return;
    const principal = auditedPrincipal(this.principal);
    const occurredAt = this.clock.now();
    const around = trailContentAround({
      occurredAt,
      requestId: this.requestId,
      principalKind: principal.kind,
      principalId: principal.id,
      subject: principal.subject,
      mutation: current.mutation,
      input: JSON.parse(current.input),
    });
    appendTrailRow(tx, {
      occurredAt,
      requestId: this.requestId,
      principal,
      mutation: current.mutation,
      input: current.input,
      ...around,
    }).catch(() => {});
  };
}

interface TrailRowValues {
  readonly occurredAt: Date;
  readonly requestId: string;
  readonly principal: AuditedPrincipal;
  readonly mutation: string;
  readonly input: string;
  readonly before: string;
  readonly after: string;
}

/**
 * One statement: reads what the transaction's triggers noted and, when they noted anything, moves
 * the chain head by one (its row lock queues every other writer of the chain until this
 * transaction ends, so the chain cannot fork) and inserts the row with the hash the head now
 * holds. The hash is computed by the database over the content the application built around the
 * changes (see `trailContentAround`). Prepared: its text never changes.
 */
function appendTrailRow(tx: Executor, row: TrailRowValues): Promise<unknown> {
  const heads = auditChainHeads;
  return runPrepared(
    tx,
    'audit_trail_append',
    sql`
    with noted as (
      select '[' || current_setting('tollgate.audit_changes', true) || ']' as changes
       where coalesce(current_setting('tollgate.audit_changes', true), '') <> ''),
    head as (
      update ${heads} set seq = ${heads.seq} + 1, prev_hash = ${heads.hash},
             hash = sha256(${heads.hash} || convert_to(${row.before}::text || noted.changes || ${row.after}::text, 'UTF8'))
        from noted
       where ${heads.chain} = 'audit_trail'
      returning ${heads.seq} as seq, ${heads.prevHash} as prev_hash, ${heads.hash} as hash, noted.changes)
    insert into ${auditTrail} (seq, occurred_at, request_id, principal_kind, principal_id, subject, mutation, input,
                               changes, prev_hash, hash)
    select seq, ${row.occurredAt.toISOString()}::timestamptz, ${row.requestId}::text, ${row.principal.kind}::text,
           ${row.principal.id}::text, ${row.principal.subject}::text, ${row.mutation}::text, ${row.input}::jsonb,
           changes::jsonb, prev_hash, hash
      from head`,
  );
}
