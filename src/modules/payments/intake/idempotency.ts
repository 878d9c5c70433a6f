import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../shared/errors.js';
import { paymentRequestKeys } from './tables.js';

/**
 * Payment mutations are idempotent on the caller's client key: the same key and payload return
 * the first call's answer, another payload with the key is refused, and twenty concurrent
 * identical calls do the work once. The key is claimed by inserting it in the caller's
 * transaction before any work: a concurrent claim of the same key waits on the primary key until
 * the first commits (and then reads its answer) or rolls back (and then claims it itself). A call
 * that fails rolls back and leaves the key unused.
 */

export class PaymentIdempotencyConflict extends DomainError {
  readonly code = 'IDEMPOTENCY_CONFLICT';
  constructor(readonly clientKey: string) {
    super(
      `The client key "${clientKey}" was already used for a different payment request. ` +
        'Use a new key for a new request; resend the same request to get its answer again.',
    );
  }
}

/** JSON with bigint as text and object keys sorted, so that equal payloads hash alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)));
    }
    return v;
  });
}

export function payloadHash(operation: string, payload: unknown): string {
  return createHash('sha256').update(operation).update('\n').update(canonicalJson(payload)).digest('hex');
}

export interface IdempotentRequest {
  readonly principal: string;
  readonly clientKey: string;
  readonly operation: string;
  readonly payload: unknown;
  readonly at: Date;
}

/**
 * Runs `work` once per principal and client key, in `tx` (which must be a transaction). The
 * answer is plain JSON (ids, codes, amounts as text): it is stored and returned as stored.
 */
export async function idempotent<T>(
  tx: Executor,
  request: IdempotentRequest,
  work: () => Promise<T>,
): Promise<{ readonly replayed: boolean; readonly result: T }> {
  const hash = payloadHash(request.operation, request.payload);
  const claimed = await tx
    .insert(paymentRequestKeys)
    .values({
      principal: request.principal,
      clientKey: request.clientKey,
      operation: request.operation,
      payloadHash: hash,
      createdAt: request.at,
    })
    .onConflictDoNothing()
    .returning({ principal: paymentRequestKeys.principal });
  const key = and(
    eq(paymentRequestKeys.principal, request.principal),
    eq(paymentRequestKeys.clientKey, request.clientKey),
  );
  if (claimed.length === 0) {
    const [existing] = await tx.select().from(paymentRequestKeys).where(key);
    if (!existing || existing.payloadHash !== hash) throw new PaymentIdempotencyConflict(request.clientKey);
    return { replayed: true, result: existing.result as T };
  }
  // The first caller gets the answer as stored, so that it and every replay see the same value.
  const result = JSON.parse(canonicalJson(await work())) as T;
  await tx.update(paymentRequestKeys).set({ result }).where(key);
  return { replayed: false, result };
}
