/**
 * Limits on bearer tokens beyond what their signature proves. A signed token can still be one
 * that nobody should have issued: valid for a century, or dated a year ahead so that it outlives
 * a key rotation. These checks refuse such tokens even from a trusted key.
 */

/** Longer tokens are refused before any parsing; real access tokens are a few hundred bytes to a few KB. */
export const MAX_TOKEN_LENGTH = 8192;

/** How far apart our clock and the issuer's may be, for `iat`, `nbf` and `exp` alike. */
export const CLOCK_SKEW_SECONDS = 30;

export interface TokenTimes {
  readonly iat?: unknown;
  readonly exp?: unknown;
}

/**
 * Why a token's time claims are not accepted, or undefined when they are. `exp` is required.
 * With `iat`, the token must not be issued in the future and `exp - iat` must not exceed the
 * maximum lifetime; without `iat`, what is left of its validity must not exceed it either.
 */
export function tokenTimesProblem(
  times: TokenTimes,
  nowSeconds: number,
  maxLifetimeSeconds: number,
): string | undefined {
  const { iat, exp } = times;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return 'The token has no valid "exp" claim.';
  if (iat !== undefined) {
    if (typeof iat !== 'number' || !Number.isFinite(iat)) return 'The token\'s "iat" claim is not a time.';
    if (iat > nowSeconds + CLOCK_SKEW_SECONDS) return 'The token\'s "iat" claim is in the future.';
    if (exp - iat > maxLifetimeSeconds) {
      return `The token is valid for longer than the ${maxLifetimeSeconds} s this API accepts.`;
    }
    return undefined;
  }
  if (exp - nowSeconds > maxLifetimeSeconds + CLOCK_SKEW_SECONDS) {
    return `The token is valid for longer than the ${maxLifetimeSeconds} s this API accepts.`;
  }
  return undefined;
}
