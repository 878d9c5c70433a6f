import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../src/auth/principal.js';
import {
  memoryRateLimiter,
  type RateLimiter,
  rateLimitClient,
  redisRateLimiter,
} from '../../../src/http/rate-limit.js';

/**
 * The rate limiter on its own. With REDIS_URL (as in CI) the Redis limiter is tested, including
 * that two instances share one count; without it, the per-instance limiter.
 */
const url = process.env.REDIS_URL;
const connections: Redis[] = [];

function limiter(limit: number, now: () => number): RateLimiter {
  if (!url) return memoryRateLimiter(limit, now);
  const redis = new Redis(url);
  connections.push(redis);
  return redisRateLimiter(redis, limit, { now });
}

afterAll(async () => {
  await Promise.all(connections.map((c) => c.quit()));
});

describe(`the ${url ? 'Redis' : 'in-memory'} rate limiter`, () => {
  it('allows the limit in a minute, refuses beyond it, and starts again in the next minute', async () => {
    let now = Date.parse('2026-06-01T10:00:05Z');
    const limits = limiter(3, () => now);
    const client = `test:${randomUUID()}`;
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await limits.hit(client));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
    expect(verdicts.map((v) => v.remaining)).toEqual([2, 1, 0, 0]);
    expect(verdicts[3]?.resetSeconds).toBe(55);
    now += 60_000;
    expect((await limits.hit(client)).allowed).toBe(true);
  });

  it(`counts clients apart${url ? ', and one client across instances together' : ''}`, async () => {
    const now = () => Date.parse('2026-06-01T11:00:00Z');
    const first = limiter(2, now);
    const a = `test:${randomUUID()}`;
    const b = `test:${randomUUID()}`;
    await first.hit(a);
    await first.hit(a);
    expect((await first.hit(a)).allowed).toBe(false);
    expect((await first.hit(b)).allowed).toBe(true);
    if (url) {
      const second = limiter(2, now);
      expect((await second.hit(b)).allowed).toBe(true);
      expect((await second.hit(b)).allowed).toBe(false);
    }
  });
});

describe('the Redis rate limiter when Redis does not answer', () => {
  it('lets the request through uncounted and says why, rather than failing it', async () => {
    // Nothing listens on port 1; no retries, no queueing: the command fails at once.
    const redis = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    redis.on('error', () => {});
    const problems: unknown[] = [];
    const limits = redisRateLimiter(redis, 1, { onUnavailable: (error) => problems.push(error) });
    const verdicts = [await limits.hit('test:down'), await limits.hit('test:down')];
    expect(verdicts.map((v) => [v.allowed, v.counted])).toEqual([
      [true, false],
      [true, false],
    ]);
    expect(problems).toHaveLength(2);
    redis.disconnect();
  });
});

describe('who a request is counted as', () => {
  const base = { subject: 'a', scopes: new Set<string>(), sandbox: false };
  const business = (subject: string, organisationNumber: string): Principal => ({
    ...base,
    role: 'business',
    subject,
    organisationNumber,
  });

  it('counts one organisation as one client, whatever token or system it uses', () => {
    expect(rateLimitClient(business('erp-1', '310000001'), '10.0.0.1')).toBe(
      rateLimitClient(business('erp-2', '310000001'), '10.0.0.2'),
    );
    expect(rateLimitClient(business('erp-1', '310000001'), undefined)).not.toBe(
      rateLimitClient(business('erp-1', '310000019'), undefined),
    );
  });

  it('never puts an identity number or organisation number in the key', () => {
    const person: Principal = { ...base, role: 'private', subject: '', nationalIdentityNumber: '01819012365' };
    expect(rateLimitClient(person, undefined)).not.toContain('01819012365');
    expect(rateLimitClient(business('x', '310000001'), undefined)).not.toContain('310000001');
  });

  it('counts the public by address, and an IPv6 client by its /64', () => {
    const anyone: Principal = { role: 'public' };
    expect(rateLimitClient(anyone, '2001:db8:1:2::1')).toBe(rateLimitClient(anyone, '2001:db8:1:2:ffff:0:0:9'));
    expect(rateLimitClient(anyone, '2001:db8:1:2::1')).not.toBe(rateLimitClient(anyone, '2001:db8:1:3::1'));
    expect(rateLimitClient(anyone, '192.0.2.1')).not.toBe(rateLimitClient(anyone, '192.0.2.2'));
  });
});
