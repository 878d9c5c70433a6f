import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_SECONDS, tokenTimesProblem } from '../../src/auth/token-limits.js';
import { issueDevToken, principalFromClaims, TokenRejected } from '../../src/auth/tokens.js';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('claims to principals', () => {
  it('maps each role with its identifying claim and scopes', () => {
    expect(principalFromClaims({ sub: 's', role: 'officer', emp: 'T1', scope: 'a b' })).toMatchObject({
      role: 'officer',
      employeeId: 'T1',
    });
    const agency = principalFromClaims({ sub: 's', role: 'agency', agency: 'POLICE', scope: 'read:declarations' });
    expect(agency.role === 'agency' && [...agency.scopes]).toEqual(['read:declarations']);
    expect(principalFromClaims({ sub: 's', role: 'private', pid: '01819012365' })).toMatchObject({ role: 'private' });
  });

  it('refuses unknown roles and missing or malformed identifiers', () => {
    for (const claims of [
      { role: 'admin' },
      { role: 'private', pid: '123' },
      { role: 'agency', agency: 'lower' },
      { role: 'officer' },
    ]) {
      expect(() => principalFromClaims({ sub: 's', ...claims })).toThrow(TokenRejected);
    }
  });
});

describe('configuration', () => {
  it('has working defaults for a newcomer', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      databaseUrl: undefined,
      environment: 'development',
      auth: { devKeys: true },
    });
  });

  it('serves demo tokens to loopback clients unless PLAYGROUND_TOKENS says otherwise', () => {
    expect(loadConfig({}).playgroundTokens).toBe('loopback');
    expect(loadConfig({ PLAYGROUND_TOKENS: 'any' }).playgroundTokens).toBe('any');
    expect(() => loadConfig({ PLAYGROUND_TOKENS: 'everyone' })).toThrow(/PLAYGROUND_TOKENS must be one of/);
  });

  it('fails fast with the variable named', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', JWKS_FILE: 'keys.json', DEV_TOKENS: 'true' })).toThrow(
      /DEV_TOKENS/,
    );
  });
});

describe('token time claims', () => {
  const now = 1_800_000_000;
  const day = 24 * 3600;

  it('accepts a token issued now or a little in the past, within the lifetime', () => {
    expect(tokenTimesProblem({ iat: now, exp: now + day }, now, day)).toBeUndefined();
    expect(tokenTimesProblem({ iat: now + CLOCK_SKEW_SECONDS, exp: now + day }, now, day)).toBeUndefined();
    expect(tokenTimesProblem({ exp: now + day }, now, day)).toBeUndefined();
  });

  it('refuses a missing exp, a future iat and a lifetime over the maximum', () => {
    expect(tokenTimesProblem({ iat: now }, now, day)).toMatch(/"exp"/);
    expect(tokenTimesProblem({ iat: now + CLOCK_SKEW_SECONDS + 1, exp: now + day }, now, day)).toMatch(/future/);
    expect(tokenTimesProblem({ iat: now, exp: now + day + 1 }, now, day)).toMatch(/longer/);
    expect(tokenTimesProblem({ exp: now + 2 * day }, now, day)).toMatch(/longer/);
    expect(tokenTimesProblem({ iat: 'yesterday', exp: now + 60 }, now, day)).toMatch(/"iat"/);
  });

  it('reads the maximum lifetime from TOKEN_MAX_LIFETIME_SECONDS, a day by default', () => {
    expect(loadConfig({}).auth.maxTokenLifetimeSeconds).toBe(day);
    expect(loadConfig({ TOKEN_MAX_LIFETIME_SECONDS: '3600' }).auth.maxTokenLifetimeSeconds).toBe(3600);
    expect(() => loadConfig({ TOKEN_MAX_LIFETIME_SECONDS: '-1' })).toThrow(/TOKEN_MAX_LIFETIME_SECONDS/);
  });

  it('will not issue a development token the verifier would refuse', async () => {
    const config = loadConfig({ TOKEN_MAX_LIFETIME_SECONDS: '3600' });
    await expect(issueDevToken(config, { role: 'officer', employeeId: 'T1', expiresIn: 7200 })).rejects.toThrow(
      /1 to 3600 seconds/,
    );
  });
});
