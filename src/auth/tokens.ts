import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JSONWebKeySet,
  type JWTPayload,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { Config } from '../config.js';
import { DEV_KEY_ALGORITHM, importDevSigningKey, loadOrCreateDevKeys } from './dev-keys.js';
import { DEFAULT_SCOPES, type Principal, PUBLIC_PRINCIPAL, type Role } from './principal.js';
import { CLOCK_SKEW_SECONDS, MAX_TOKEN_LENGTH, tokenTimesProblem } from './token-limits.js';

/**
 * Why a token was refused. Each is answered with HTTP 401 and this code, so that a client can
 * tell an expired token (get a new one) from a wrong one (fix the integration).
 */
export type TokenProblem = 'TOKEN_MALFORMED' | 'TOKEN_EXPIRED' | 'TOKEN_SIGNATURE_INVALID' | 'TOKEN_CLAIMS_INVALID';

export class TokenRejected extends Error {
  constructor(
    readonly code: TokenProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface TokenVerifier {
  /** The principal of an Authorization header value; the public principal when there is none. */
  principalFor(authorization: string | undefined): Promise<Principal>;
}

const ALLOWED_ALGORITHMS = ['ES256', 'RS256', 'PS256', 'EdDSA'];

/** Verified tokens kept, so that a client's repeated requests skip the signature check. */
const VERIFIED_CACHE_SIZE = 10_000;

export async function createTokenVerifier(config: Config): Promise<TokenVerifier> {
  const keySet = await resolveKeySet(config);
  // A verified token maps to the same principal until it expires: caching the result of that
  // pure computation is safe across instances, and it saves the signature check (about a tenth
  // of a millisecond of CPU) on every request after a client's first.
  const verified = new Map<string, { principal: Principal; expiresAt: number }>();
  return {
    async principalFor(authorization) {
      if (authorization === undefined || authorization === '') return PUBLIC_PRINCIPAL;
      const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(authorization);
      if (!match?.[1]) {
        throw new TokenRejected('TOKEN_MALFORMED', 'The Authorization header must be "Bearer <token>".');
      }
      const token = match[1];
      if (token.length > MAX_TOKEN_LENGTH) {
        throw new TokenRejected('TOKEN_MALFORMED', `The token is longer than ${MAX_TOKEN_LENGTH} characters.`);
      }
      const cached = verified.get(token);
      if (cached && cached.expiresAt > Date.now()) return cached.principal;
      verified.delete(token);
      const payload = await verify(token, keySet, config);
      const principal = principalFromClaims(payload);
      if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value as string);
      verified.set(token, { principal, expiresAt: (payload.exp ?? 0) * 1000 });
      return principal;
    },
  };
}

type KeySet = ReturnType<typeof createLocalJWKSet> | ReturnType<typeof createRemoteJWKSet>;

async function resolveKeySet(config: Config): Promise<KeySet> {
  const source = config.auth.jwks;
  if (source && /^https?:\/\//.test(source)) return createRemoteJWKSet(new URL(source));
  if (source) return createLocalJWKSet(JSON.parse(await readFile(source, 'utf8')) as JSONWebKeySet);
  const devKeys = await loadOrCreateDevKeys(config.dataDir);
  return createLocalJWKSet(devKeys.publicJwks as JSONWebKeySet);
}

async function verify(token: string, keySet: KeySet, config: Config): Promise<JWTPayload> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keySet, {
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      algorithms: ALLOWED_ALGORITHMS,
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ['exp', 'sub'],
    }));
  } catch (error) {
    throw toTokenRejected(error);
  }
  const problem = tokenTimesProblem(payload, Math.floor(Date.now() / 1000), config.auth.maxTokenLifetimeSeconds);
  if (problem) throw new TokenRejected('TOKEN_CLAIMS_INVALID', problem);
  return payload;
}

function toTokenRejected(error: unknown): TokenRejected {
  if (error instanceof joseErrors.JWTExpired) return new TokenRejected('TOKEN_EXPIRED', 'The token has expired.');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return new TokenRejected('TOKEN_CLAIMS_INVALID', `The token's "${error.claim}" claim is not accepted.`);
  }
  if (
    error instanceof joseErrors.JWSSignatureVerificationFailed ||
    error instanceof joseErrors.JWKSNoMatchingKey ||
    error instanceof joseErrors.JOSEAlgNotAllowed
  ) {
    return new TokenRejected('TOKEN_SIGNATURE_INVALID', 'The token is not signed by a key this API trusts.');
  }
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) {
    // Our key source failed, not the caller; still a refusal, but say so.
    return new TokenRejected('TOKEN_SIGNATURE_INVALID', 'The signing keys could not be retrieved; try again.');
  }
  return new TokenRejected('TOKEN_MALFORMED', 'The token is not a well-formed signed JWT.');
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function requireClaim(payload: JWTPayload, name: string, pattern: RegExp): string {
  const value = stringClaim(payload, name);
  if (!value || !pattern.test(value)) {
    throw new TokenRejected('TOKEN_CLAIMS_INVALID', `The token's "${name}" claim is missing or malformed.`);
  }
  return value;
}

/**
 * Maps verified claims to a principal. `role` says which kind of principal; the identifying
 * claim for that role must be present: `org` (business), `pid` (private), `emp` (officer,
 * auditor), `agency` (agency). `scope` is a space-separated list as OAuth2 issues it. A business
 * token may instead carry Maskinporten's `consumer.ID` ("0192:<orgnr>").
 */
export function principalFromClaims(payload: JWTPayload): Principal {
  const role = stringClaim(payload, 'role') as Role | undefined;
  const subject = payload.sub ?? '';
  const scopes = new Set((stringClaim(payload, 'scope') ?? '').split(/\s+/).filter(Boolean));
  const sandbox = payload.sandbox === true;
  switch (role) {
    case 'business': {
      const consumer = (payload.consumer as { ID?: unknown } | undefined)?.ID;
      const fromConsumer = typeof consumer === 'string' ? consumer.replace(/^0192:/, '') : undefined;
      const organisationNumber = stringClaim(payload, 'org') ?? fromConsumer;
      if (!organisationNumber || !/^\d{9}$/.test(organisationNumber)) {
        throw new TokenRejected('TOKEN_CLAIMS_INVALID', 'A business token needs an "org" claim with 9 digits.');
      }
      return { role, subject, scopes, sandbox, organisationNumber };
    }
    case 'private':
      return { role, subject, scopes, sandbox, nationalIdentityNumber: requireClaim(payload, 'pid', /^\d{11}$/) };
    case 'officer':
    case 'auditor':
      return { role, subject, scopes, sandbox, employeeId: requireClaim(payload, 'emp', /^[A-Za-z0-9_-]{1,32}$/) };
    case 'agency':
      return { role, subject, scopes, sandbox, agencyCode: requireClaim(payload, 'agency', /^[A-Z0-9_]{2,32}$/) };
    default:
      throw new TokenRejected(
        'TOKEN_CLAIMS_INVALID',
        'The token\'s "role" claim must be business, private, officer, auditor or agency.',
      );
  }
}

export interface DevTokenRequest {
  role: Exclude<Role, 'public'>;
  organisationNumber?: string | undefined;
  nationalIdentityNumber?: string | undefined;
  employeeId?: string | undefined;
  agencyCode?: string | undefined;
  scopes?: readonly string[] | undefined;
  /** Lifetime in seconds. */
  expiresIn?: number | undefined;
}

/** Signs a development token with the key in DATA_DIR. Only for DEV_TOKENS setups. */
export async function issueDevToken(config: Config, request: DevTokenRequest): Promise<string> {
  const lifetime = request.expiresIn ?? 12 * 3600;
  const max = config.auth.maxTokenLifetimeSeconds;
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > max) {
    // The verifier would refuse it: say so now rather than hand out a token that never works.
    throw new RangeError(
      `A token's lifetime must be 1 to ${max} seconds (TOKEN_MAX_LIFETIME_SECONDS), got ${lifetime}.`,
    );
  }
  const keys = await loadOrCreateDevKeys(config.dataDir);
  const key = await importDevSigningKey(keys);
  const claims: Record<string, unknown> = {
    role: request.role,
    scope: (request.scopes ?? DEFAULT_SCOPES[request.role]).join(' '),
    sandbox: true,
  };
  let subject: string;
  switch (request.role) {
    case 'business':
      claims.org = request.organisationNumber;
      subject = `org:${request.organisationNumber}`;
      break;
    case 'private':
      claims.pid = request.nationalIdentityNumber;
      // A pseudonym, not the number itself: subjects end up in logs and the audit trail.
      subject = `person:${createHash('sha256').update(String(request.nationalIdentityNumber)).digest('base64url').slice(0, 16)}`;
      break;
    case 'officer':
    case 'auditor':
      claims.emp = request.employeeId;
      subject = `employee:${request.employeeId}`;
      break;
    case 'agency':
      claims.agency = request.agencyCode;
      subject = `agency:${request.agencyCode}`;
      break;
  }
  return new SignJWT(claims)
    .setProtectedHeader({ alg: DEV_KEY_ALGORITHM, kid: keys.privateJwk.kid ?? 'dev', typ: 'JWT' })
    .setIssuer(config.auth.issuer)
    .setAudience(config.auth.audience)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(`${lifetime}s`)
    .sign(key);
}
