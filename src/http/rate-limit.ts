import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { Redis } from 'ioredis';
import type { Principal } from '../auth/principal.js';

/**
 * Requests per client per minute, counted in fixed one-minute windows. With Redis the count is
 * shared by every instance behind the load balancer; without it each instance counts alone (for
 * development and single-instance setups), which the README says.
 */
export interface RateLimiter {
  /** Counts a request of the client; says whether it is within the limit and how many remain. */
  hit(client: string): Promise<RateVerdict>;
  close(): Promise<void>;
}

export interface RateVerdict {
  allowed: boolean;
  remaining: number;
  resetSeconds: number;
  /** False when the count could not be kept (Redis unreachable): the request is let through. */
  counted: boolean;
}

const WINDOW_SECONDS = 60;

function windowOf(now: number): { index: number; resetSeconds: number } {
  const seconds = Math.floor(now / 1000);
  return { index: Math.floor(seconds / WINDOW_SECONDS), resetSeconds: WINDOW_SECONDS - (seconds % WINDOW_SECONDS) };
}

/** An IPv6 client usually holds a whole /64; counting by single address would let it rotate freely. */
function addressKey(ip: string | undefined): string {
  if (!ip || !isIPv6(ip) || ip.startsWith('::ffff:')) return ip ?? 'unknown';
  const [head = '', tail = ''] = ip.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const missing = ip.includes('::') ? 8 - headParts.length - tailParts.length : 0;
  const groups = [...headParts, ...Array<string>(missing).fill('0'), ...tailParts];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/**
 * Who a request is counted as: a signed-in caller by the identity the token carries (one
 * organisation, person, employee or agency, however many systems or tokens it uses), the public
 * by address (an IPv6 client by its /64). Identities are hashed before they become keys, which
 * Redis drops after two minutes.
 */
export function rateLimitClient(principal: Principal, ip: string | undefined): string {
  const identity = (() => {
    switch (principal.role) {
      case 'public':
        return addressKey(ip);
      case 'business':
        return principal.organisationNumber;
      case 'private':
        // ID-porten's subject is a pseudonym; the identity number only when a token lacks one.
        return principal.subject || principal.nationalIdentityNumber;
      case 'officer':
      case 'auditor':
        return principal.employeeId;
      case 'agency':
        return principal.agencyCode;
    }
  })();
  return `${principal.role}:${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}`;
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
      return { allowed: count <= limit, remaining: Math.max(0, limit - count), resetSeconds, counted: true };
    },
    async close() {},
  };
}

/**
 * Counts in Redis. When Redis cannot answer, the request is let through and `onUnavailable` is
 * told: an outage of the counter must not become an outage of the API. Windows follow each
 * instance's clock; instances are NTP-synchronised, so they agree on the window to well within
 * a second.
 */
export function redisRateLimiter(
  redis: Redis,
  limit: number,
  { onUnavailable = () => {}, now = Date.now }: { onUnavailable?: (error: unknown) => void; now?: () => number } = {},
): RateLimiter {
  return {
    async hit(client) {
      const { index, resetSeconds } = windowOf(now());
      const key = `tollgate:rate:${index}:${client}`;
      try {
        const replies = await redis
          .multi()
          .incr(key)
          .expire(key, WINDOW_SECONDS * 2)
          .exec();
        const [error, count] = replies?.[0] ?? [new Error('the transaction was discarded'), null];
        if (error || typeof count !== 'number') throw error ?? new Error('INCR gave no count');
        return { allowed: count <= limit, remaining: Math.max(0, limit - count), resetSeconds, counted: true };
      } catch (error) {
        onUnavailable(error);
        return { allowed: true, remaining: limit, resetSeconds, counted: false };
      }
    },
    async close() {
      await redis.quit();
    },
  };
}
