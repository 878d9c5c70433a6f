import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { classifyDatabaseError } from '../../src/db/faults.js';

/** A driver error as postgres.js or PGlite shapes it: an Error with a code. */
function driverError(code: string, message = 'driver text'): Error {
  return Object.assign(new Error(message), { code });
}

/** Drizzle wraps the driver's error in its own, with the SQL in the message. */
function drizzleWrapped(cause: Error): Error {
  return Object.assign(new Error('Failed query: select 1\nparams: '), { name: 'DrizzleQueryError', cause });
}

describe('classifying database errors', () => {
  it.each([
    'CONNECTION_CLOSED',
    'CONNECTION_ENDED',
    'CONNECTION_DESTROYED',
    'CONNECT_TIMEOUT',
    'ECONNREFUSED',
    'ECONNRESET',
    '57P01',
    '57P02',
    '57P03',
    '08006',
    '08001',
    '53300',
  ])('%s is unavailable', (code) => {
    expect(classifyDatabaseError(driverError(code))).toBe('unavailable');
    expect(classifyDatabaseError(drizzleWrapped(driverError(code)))).toBe('unavailable');
  });

  it.each(['57014', '55P03', '25P03'])('SQLSTATE %s is a timeout', (code) => {
    expect(classifyDatabaseError(drizzleWrapped(driverError(code)))).toBe('timeout');
  });

  it('a closed embedded database is unavailable', () => {
    expect(classifyDatabaseError(new Error('PGlite is closed'))).toBe('unavailable');
  });

  it('looks through a GraphQL error to its original error', () => {
    expect(classifyDatabaseError({ message: 'x', originalError: drizzleWrapped(driverError('57014')) })).toBe(
      'timeout',
    );
  });

  it('leaves every other error alone: constraint violations, syntax errors, bugs', () => {
    expect(classifyDatabaseError(drizzleWrapped(driverError('23505')))).toBeUndefined();
    expect(classifyDatabaseError(drizzleWrapped(driverError('42601')))).toBeUndefined();
    expect(classifyDatabaseError(new TypeError('undefined is not a function'))).toBeUndefined();
    expect(classifyDatabaseError('a string')).toBeUndefined();
    expect(classifyDatabaseError(undefined)).toBeUndefined();
  });
});

describe('time limits in the configuration', () => {
  it('has defaults, and reads each from its variable', () => {
    const defaults = loadConfig({});
    expect(defaults.requestTimeoutMs).toBe(10_000);
    expect(defaults.database).toEqual({
      statementTimeoutMs: 5_000,
      lockTimeoutMs: 2_000,
      idleInTransactionTimeoutMs: 10_000,
      connectTimeoutMs: 2_000,
    });
    const set = loadConfig({
      REQUEST_TIMEOUT_MS: '1500',
      DB_STATEMENT_TIMEOUT_MS: '0',
      DB_LOCK_TIMEOUT_MS: '100',
      DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '3000',
      DB_CONNECT_TIMEOUT_MS: '500',
    });
    expect(set.requestTimeoutMs).toBe(1_500);
    expect(set.database).toEqual({
      statementTimeoutMs: 0,
      lockTimeoutMs: 100,
      idleInTransactionTimeoutMs: 3_000,
      connectTimeoutMs: 500,
    });
  });

  it('refuses values that are not whole milliseconds in range, naming the variable', () => {
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '2s' })).toThrow(/REQUEST_TIMEOUT_MS/);
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '0' })).toThrow(/REQUEST_TIMEOUT_MS/);
    expect(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: '-1' })).toThrow(/DB_STATEMENT_TIMEOUT_MS/);
    expect(() => loadConfig({ DB_CONNECT_TIMEOUT_MS: '0' })).toThrow(/DB_CONNECT_TIMEOUT_MS/);
  });
});
