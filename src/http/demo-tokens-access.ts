import { isIPv4 } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import type { PlaygroundTokens } from '../config.js';
import { errorBody } from './error-responses.js';

/** 127.0.0.0/8, ::1, and IPv4 loopback mapped into IPv6 (how a dual-stack socket reports 127.0.0.1). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (isIPv4(v4)) return v4.startsWith('127.');
  return address === '::1';
}

/** Host names that only ever name this machine. */
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?$/i;

/**
 * A request comes from this machine when its socket is loopback, no proxy says it forwards it,
 * and the page that sent it was loaded from a loopback name. A reverse proxy on the same host
 * connects over loopback on behalf of clients anywhere, so the socket address alone would hand
 * the tokens to the internet behind it; and a page of another site whose name was rebound to
 * 127.0.0.1 (DNS rebinding) reaches us over loopback too, but with its own name in `Host`.
 */
function fromThisMachine(req: Request): boolean {
  const forwarded = req.headers['x-forwarded-for'] ?? req.headers.forwarded ?? req.headers['x-real-ip'];
  const crossSite = req.headers['sec-fetch-site'] === 'cross-site';
  return (
    forwarded === undefined &&
    !crossSite &&
    LOOPBACK_HOST.test(req.headers.host ?? '') &&
    isLoopbackAddress(req.socket.remoteAddress)
  );
}

/** Refuses demo tokens to a client the mode does not allow, with the usual error shape. */
export function demoTokensAccess(mode: PlaygroundTokens) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Cache-Control', 'no-store');
    if (mode === 'any' || fromThisMachine(req)) {
      next();
      return;
    }
    res
      .status(403)
      .json(
        errorBody(
          'FORBIDDEN',
          "Demo tokens are served only to a browser on the server's own machine; start it with PLAYGROUND_TOKENS=any to share them, or send your own token in the Authorization header.",
          (res.locals as { requestId?: string }).requestId,
        ),
      );
  };
}
