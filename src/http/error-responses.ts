import type { NextFunction, Request, Response } from 'express';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Logger } from '../logger.js';
import { currentRequestIdentity } from './request-id.js';

/**
 * The one shape of every error the server answers outside a GraphQL result, the same as inside
 * one: `{"errors": [{"message", "extensions": {"code", "requestId"}}]}`. A client parses one
 * shape whatever refused it (the router, the body parser, Apollo's HTTP checks, Node's parser).
 */
export function errorBody(code: string, message: string, requestId: string | undefined) {
  return { errors: [{ message, extensions: { code, ...(requestId ? { requestId } : {}) } }] };
}

function requestIdOf(res: Response): string | undefined {
  return (res.locals as { requestId?: string }).requestId;
}

/** Codes for the HTTP statuses Apollo raises with the generic BAD_REQUEST code. */
const CODE_OF_STATUS: Record<number, string> = { 405: 'METHOD_NOT_ALLOWED' };

/**
 * Wraps Apollo's formatError so that every error it formats carries the request id, including
 * those it raises before a GraphQL context exists (CSRF prevention, batching refused, method not
 * allowed, a context that could not be built), and a 405 says so in its code.
 */
export function withRequestId(
  format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const result = format(formatted, error);
    const status = (error as Partial<GraphQLError> | undefined)?.extensions?.http as { status?: number } | undefined;
    const statusCode = status?.status !== undefined ? CODE_OF_STATUS[status.status] : undefined;
    const requestId = currentRequestIdentity()?.requestId;
    if (!statusCode && !requestId) return result;
    return {
      ...result,
      extensions: {
        ...result.extensions,
        ...(statusCode && result.extensions?.code === 'BAD_REQUEST' ? { code: statusCode } : {}),
        ...(requestId ? { requestId } : {}),
      },
    };
  };
}

/**
 * GraphQL requests by POST must be JSON (GraphQL over HTTP). Anything else is refused with 415
 * here, instead of reaching Apollo without a parsed body. A POST without a body passes on, for
 * Apollo to answer as a bad request.
 */
export function requireJsonBody(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'POST' && req.is(['application/json', '+json']) === false) {
    res
      .status(415)
      .setHeader('Accept', 'application/json')
      .json(
        errorBody(
          'UNSUPPORTED_MEDIA_TYPE',
          'Send GraphQL requests as JSON (Content-Type: application/json).',
          requestIdOf(res),
        ),
      );
    return;
  }
  next();
}

export function notFound(_req: Request, res: Response): void {
  res.status(404).json(errorBody('NOT_FOUND', 'Not found. The API is at /graphql.', requestIdOf(res)));
}

/** Malformed JSON bodies and the like: answered without echoing the parser's text or a stack. */
export function errorHandler(log: Logger) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    // Too late for an error body: Express's own handler cuts the connection.
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = (error as { status?: number }).status ?? 500;
    const requestId = requestIdOf(res);
    if (status >= 500) log.error({ err: error, requestId }, 'unhandled error');
    const message =
      status === 400
        ? 'The request body is not valid JSON.'
        : status === 413
          ? 'The request body is too large.'
          : status < 500
            ? 'The request cannot be read.'
            : 'Internal server error.';
    res
      .status(status >= 400 && status < 600 ? status : 500)
      .json(errorBody(status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR', message, requestId));
  };
}
