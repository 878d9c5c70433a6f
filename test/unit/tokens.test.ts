import { describe, expect, it } from 'vitest';
import { principalFromClaims, TokenRejected } from '../../src/auth/tokens.js';
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

  it('fails fast with the variable named', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', JWKS_FILE: 'keys.json', DEV_TOKENS: 'true' })).toThrow(
      /DEV_TOKENS/,
    );
  });
});
