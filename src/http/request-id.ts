import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Who a request is, for logs and support. The request id is always the server's own: it goes
 * into the access log of personal-data reads, where a value the client chose could hide a read
 * among another request's entries or forge a trail. What the client sends as `X-Correlation-Id`
 * (or, as many gateways and ERP systems do, as `X-Request-Id`) is kept apart as a correlation id:
 * echoed, logged and stored beside the request id, labelled as the client's, so traces still join
 * up across systems.
 */
export interface RequestIdentity {
  readonly requestId: string;
  /** The client's own id for the request, when it sent a sane one. */
  readonly correlationId: string | undefined;
}

/** Letters, digits and `._:-`, as UUIDs, W3C trace ids and ERP references use; at most 128 characters. */
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function first(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header;
}

/** The client's correlation id when it is sane; anything else is dropped, never echoed or logged. */
export function correlationIdFrom(headers: IncomingHttpHeaders): string | undefined {
  const value = first(headers['x-correlation-id']) ?? first(headers['x-request-id']);
  return value !== undefined && CORRELATION_ID.test(value) ? value : undefined;
}

export function requestIdentityFor(headers: IncomingHttpHeaders): RequestIdentity {
  return { requestId: randomUUID(), correlationId: correlationIdFrom(headers) };
}

const storage = new AsyncLocalStorage<RequestIdentity>();

/**
 * Runs the rest of the request's handling with its identity at hand, so that code which only
 * sees an error (Apollo's formatError for errors raised before a GraphQL context exists) can
 * still say which request it belongs to.
 */
export function runWithRequestIdentity<T>(identity: RequestIdentity, work: () => T): T {
  return storage.run(identity, work);
}

export function currentRequestIdentity(): RequestIdentity | undefined {
  return storage.getStore();
}
