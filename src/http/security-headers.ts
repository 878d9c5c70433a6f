import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/**
 * Headers every response carries. Browsers must not guess content types (an SDL or JSON body read
 * as HTML), send our URLs as referrers (playground URLs can carry queries), or frame any of our
 * pages (clickjacking the playground while it holds an officer token). Responses that are not
 * HTML get a policy that allows nothing; the playground page replaces it with its own.
 */
const NOTHING_ALLOWED = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Content-Security-Policy', NOTHING_ALLOWED);
  next();
}

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The Content-Security-Policy of an HTML page of ours: its own origin's files, and its inline
 * `<script>` and `<style>` blocks by hash, so that nothing injected into the page can run and no
 * third-party origin is ever contacted. The page must not use inline event handlers or `style`
 * attributes (neither can be allowed by hash without also allowing injected ones).
 */
export function contentSecurityPolicyFor(html: string): string {
  const inline = (tag: string) =>
    [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => hashOf(m[1] ?? ''));
  return [
    "default-src 'none'",
    ["script-src 'self'", ...inline('script')].join(' '),
    ["style-src 'self'", ...inline('style')].join(' '),
    // GraphiQL's stylesheet draws its icons and fonts from data: URLs.
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
