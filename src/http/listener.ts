import { randomUUID } from 'node:crypto';
import { createServer, type RequestListener, type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../logger.js';
import { errorBody } from './error-responses.js';

/**
 * The most request-header bytes Node reads before refusing the request (Node's own default,
 * made explicit). It leaves room for a token of the longest accepted length (MAX_TOKEN_LENGTH)
 * beside ordinary headers, so that an overlong token is refused as a token, with 401.
 */
export const MAX_HEADER_SIZE = 16 * 1024;

/** Node's parser errors we answer with their own status; any other is a malformed request. */
const REFUSALS: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'REQUEST_HEADERS_TOO_LARGE',
    message: `The request headers are larger than ${MAX_HEADER_SIZE} bytes.`,
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'REQUEST_TIMEOUT', message: 'The request took too long to arrive.' },
};
const MALFORMED = { status: 400, code: 'BAD_REQUEST', message: 'The request is not well-formed HTTP.' };

interface ClientSocket extends Duplex {
  /** The response being written on this connection, if any (Node sets it; its own handler reads it too). */
  _httpMessage?: { headersSent?: boolean } | null;
}

/**
 * Answers what Node's HTTP parser refuses before Express sees a request (headers too large, a
 * malformed request line) with the same JSON error shape as every other error, and a request id
 * that the log line carries too. Node's default is a bare status line.
 */
function answerClientError(log: Logger) {
  return (error: NodeJS.ErrnoException, socket: ClientSocket) => {
    if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
      socket.destroy();
      return;
    }
    const refusal = (error.code && REFUSALS[error.code]) || MALFORMED;
    const requestId = randomUUID();
    const body = JSON.stringify(errorBody(refusal.code, refusal.message, requestId));
    socket.end(
      [
        `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        `X-Request-Id: ${requestId}`,
        'X-Content-Type-Options: nosniff',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
    log.info({ requestId, status: refusal.status, parserError: error.code }, 'request refused by the HTTP parser');
  };
}

/**
 * How long an idle keep-alive connection stays open. Longer than the idle timeouts of the load
 * balancers and clients in front (commonly 60 s), so that the client side always closes first: a
 * server that closes first resets a request the client sent on the connection at that moment
 * (ECONNRESET). Node's default is 5 s.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * The HTTP server for the app, with the header limit, the keep-alive timeout and the JSON answers
 * to parser errors: production, the bench and the tests all serve through it.
 */
export function createHttpListener(app: RequestListener, log: Logger): Server {
  const server = createServer({ maxHeaderSize: MAX_HEADER_SIZE, keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS }, app);
  server.on('clientError', answerClientError(log));
  return server;
}
