import type { Redis } from 'ioredis';

/**
 * Requests per client per minute, counted in fixed one-minute windows. With Redis the count is
 * shared by every instance behind the load balancer; without it each instance counts alone (for
 * development and single-instance setups), which the README says.
 */
export interface RateLimiter {
  /** Counts a request of the client; says whether it is within the limit and how many remain. */
  hit(client: string): Promise<{ allowed: boolean; remaining: number; resetSeconds: number }>;
  close(): Promise<void>;
}

const WINDOW_SECONDS = 60;

function windowOf(now: number): { index: number; resetSeconds: number } {
  const seconds = Math.floor(now / 1000);
  return { index: Math.floor(seconds / WINDOW_SECONDS), resetSeconds: WINDOW_SECONDS - (seconds % WINDOW_SECONDS) };
}

export function memoryRateLimiter(limit: number, now: () => number = Date.now): RateLimiter {
  const counts = new Map<string, number>();
  let current = -1;
  return {
    async hit(client) {
      const { index, resetSeconds } = windowOf(now());
      if (index !== current) {
        counts.clear();
        current = index;
      }
      const count = (counts.get(client) ?? 0) + 1;
      counts.set(client, count);
      return { allowed: count <= limit, remaining: Math.max(0, limit - count), resetSeconds };
    },
    async close() {},
  };
}

export function redisRateLimiter(redis: Redis, limit: number, now: () => number = Date.now): RateLimiter {
  return {
    async hit(client) {
      const { index, resetSeconds } = windowOf(now());
      const key = `tollgate:rate:${index}:${client}`;
      const [[, count]] = (await redis
        .multi()
        .incr(key)
        .expire(key, WINDOW_SECONDS * 2)
        .exec()) as [[unknown, number]];
      return { allowed: count <= limit, remaining: Math.max(0, limit - count), resetSeconds };
    },
    async close() {
      await redis.quit();
    },
  };
}
