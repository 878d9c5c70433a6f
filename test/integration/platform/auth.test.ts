import { generateKeyPair, importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateDevKeys } from '../../../src/auth/dev-keys.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const VIEWER = `{ viewer { role organisation { organisationNumber } employeeId agency { code } scopes sandbox } }`;

async function signWith(
  key: Parameters<SignJWT['sign']>[0],
  claims: Record<string, unknown>,
  options: { issuer?: string; audience?: string; expires?: string } = {},
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(options.issuer ?? app.config.auth.issuer)
    .setAudience(options.audience ?? app.config.auth.audience)
    .setSubject('test')
    .setIssuedAt()
    .setExpirationTime(options.expires ?? '1h')
    .sign(key);
}

const YEAR = 365 * 24 * 3600;
const now = () => Math.floor(Date.now() / 1000);

/** A token with exactly the time claims given (none set for you), signed with the development key. */
async function signClaims(claims: Record<string, unknown>, times: { iat?: number; exp?: number }) {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(app.config.auth.issuer)
    .setAudience(app.config.auth.audience)
    .setSubject('test');
  if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
  if (times.exp !== undefined) jwt.setExpirationTime(times.exp);
  return jwt.sign(await devKey());
}

async function devKey() {
  const keys = await loadOrCreateDevKeys(app.config.dataDir);
  return importJWK(keys.privateJwk, 'ES256');
}

describe('authentication', () => {
  it('treats a request without a token as the public', async () => {
    const { status, body } = await app.graphql(VIEWER);
    expect(status).toBe(200);
    expect(body.data.viewer).toEqual({
      role: 'PUBLIC',
      organisation: null,
      employeeId: null,
      agency: null,
      scopes: [],
      sandbox: false,
    });
  });

  it("maps the token's claims to the principal", async () => {
    const business = await app.graphql(
      VIEWER,
      {},
      await app.token({ role: 'business', organisationNumber: '310000000' }),
    );
    expect(business.body.data.viewer).toMatchObject({
      role: 'BUSINESS',
      organisation: { organisationNumber: '310000000' },
      sandbox: true,
    });
    expect(business.body.data.viewer.scopes).toEqual(['declarations:read', 'declarations:write']);
    const agency = await app.graphql(VIEWER, {}, await app.token({ role: 'agency', agencyCode: 'MATTILSYNET' }));
    expect(agency.body.data.viewer).toMatchObject({ role: 'AGENCY', agency: { code: 'MATTILSYNET' } });
  });

  it('accepts a Maskinporten-style consumer claim for a business', async () => {
    const token = await signWith(await devKey(), {
      role: 'business',
      consumer: { authority: 'iso6523-actorid-upis', ID: '0192:310000019' },
    });
    const { body } = await app.graphql(VIEWER, {}, token);
    expect(body.data.viewer.organisation).toEqual({ organisationNumber: '310000019' });
  });

  it('accepts a token within the lifetime and clock-skew rules', async () => {
    for (const times of [
      { iat: now() - 3600, exp: now() + 3600 },
      { iat: now() + 20, exp: now() + 20 + 24 * 3600 },
      { exp: now() + 3600 },
    ]) {
      const { status, body } = await app.graphql(VIEWER, {}, await signClaims({ role: 'officer', emp: 'T1' }, times));
      expect(status).toBe(200);
      expect(body.data.viewer.role).toBe('OFFICER');
    }
  });

  const refusals: [string, () => Promise<string>, string][] = [
    ['a header that is not a bearer token', async () => 'Basic dXNlcjpwYXNz', 'TOKEN_MALFORMED'],
    ['a token that is not a JWT', async () => 'Bearer not.a.jwt', 'TOKEN_MALFORMED'],
    [
      'an expired token',
      async () => `Bearer ${await signWith(await devKey(), { role: 'officer', emp: 'T1' }, { expires: '-10m' })}`,
      'TOKEN_EXPIRED',
    ],
    [
      'a token signed by a foreign key',
      async () => {
        const { privateKey } = await generateKeyPair('ES256');
        return `Bearer ${await signWith(privateKey, { role: 'officer', emp: 'T1' })}`;
      },
      'TOKEN_SIGNATURE_INVALID',
    ],
    [
      'a token for another audience',
      async () => `Bearer ${await signWith(await devKey(), { role: 'officer', emp: 'T1' }, { audience: 'other-api' })}`,
      'TOKEN_CLAIMS_INVALID',
    ],
    [
      'a token from another issuer',
      async () =>
        `Bearer ${await signWith(await devKey(), { role: 'officer', emp: 'T1' }, { issuer: 'https://evil.example' })}`,
      'TOKEN_CLAIMS_INVALID',
    ],
    [
      'a token without a role',
      async () => `Bearer ${await signWith(await devKey(), { org: '310000000' })}`,
      'TOKEN_CLAIMS_INVALID',
    ],
    [
      'a business token without an organisation number',
      async () => `Bearer ${await signWith(await devKey(), { role: 'business' })}`,
      'TOKEN_CLAIMS_INVALID',
    ],
    [
      'a token signed with the symmetric "none"-like trick (HS256 with the public key)',
      async () => {
        const keys = await loadOrCreateDevKeys(app.config.dataDir);
        const secret = new TextEncoder().encode(JSON.stringify(keys.publicJwks));
        const token = await new SignJWT({ role: 'officer', emp: 'T1' })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(app.config.auth.issuer)
          .setAudience(app.config.auth.audience)
          .setSubject('x')
          .setExpirationTime('1h')
          .sign(secret);
        return `Bearer ${token}`;
      },
      'TOKEN_SIGNATURE_INVALID',
    ],
    [
      'a token issued a year in the future',
      async () =>
        `Bearer ${await signClaims({ role: 'officer', emp: 'T1' }, { iat: now() + YEAR, exp: now() + YEAR + 3600 })}`,
      'TOKEN_CLAIMS_INVALID',
    ],
    [
      'a token valid for 100 years',
      async () => `Bearer ${await signClaims({ role: 'officer', emp: 'T1' }, { iat: now(), exp: now() + 100 * YEAR })}`,
      'TOKEN_CLAIMS_INVALID',
    ],
    [
      'a token without "iat" that stays valid for longer than the maximum lifetime',
      async () => `Bearer ${await signClaims({ role: 'officer', emp: 'T1' }, { exp: now() + 30 * 24 * 3600 })}`,
      'TOKEN_CLAIMS_INVALID',
    ],
    [
      'a token without "exp"',
      async () => `Bearer ${await signClaims({ role: 'officer', emp: 'T1' }, { iat: now() })}`,
      'TOKEN_CLAIMS_INVALID',
    ],
    [
      'a token longer than 8 KB',
      async () => `Bearer ${await signWith(await devKey(), { role: 'officer', emp: 'T1', pad: 'x'.repeat(8_000) })}`,
      'TOKEN_MALFORMED',
    ],
  ];

  for (const [what, header, code] of refusals) {
    it(`answers ${what} with 401 ${code}, never as the public`, async () => {
      const response = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: await header() },
        body: JSON.stringify({ query: VIEWER }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
      const body = (await response.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
      expect(body.data).toBeUndefined();
      expect(body.errors[0]?.extensions.code).toBe(code);
    });
  }
});
