import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryRateLimiter, type RateLimiter, redisRateLimiter } from '../../../src/http/rate-limit.js';

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
  return redisRateLimiter(redis, limit, now);
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
