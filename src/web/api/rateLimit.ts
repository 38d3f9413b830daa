import type { FastifyReply, FastifyRequest } from 'fastify';
import './bearer.js';
import { ApiRequestError } from './http.js';

/**
 * A fixed-window request counter per client. It lives in the process: it protects this process
 * from one noisy client, which is its job; it is not an account of use. Windows that have ended
 * are swept when a new one starts, so memory holds at most the clients of one window.
 */
export class RateLimiter {
  private counts = new Map<string, number>();
  private windowStart = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request; what the client has left and when its window resets (seconds). */
  take(key: string): { allowed: boolean; remaining: number; resetS: number } {
    const t = this.now();
    if (t - this.windowStart >= this.windowMs) {
      this.windowStart = t;
      this.counts.clear();
    }
    const used = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, used);
    const resetS = Math.max(1, Math.ceil((this.windowStart + this.windowMs - t) / 1000));
    return { allowed: used <= this.limit, remaining: Math.max(0, this.limit - used), resetS };
  }
}

/**
 * Every request per client address (the socket's, or the first untrusted hop when TRUST_PROXY
 * names the proxy), and writes also per token: counted after the token is authenticated, by its
 * id, so neither the spelling of the Authorization header nor the address of the system decides
 * the bucket. Unauthenticated writes count against their address only.
 */
export const API_LIMITS = { read: 600, write: 120, windowMs: 60_000 };

function apply(limiter: RateLimiter, key: string, reply: FastifyReply): void {
  const r = limiter.take(key);
  reply.header('ratelimit-limit', String(limiter.limit));
  reply.header('ratelimit-remaining', String(r.remaining));
  reply.header('ratelimit-reset', String(r.resetS));
  reply.header('ratelimit-policy', `${limiter.limit};w=${limiter.windowMs / 1000}`);
  if (!r.allowed) {
    reply.header('retry-after', String(r.resetS));
    throw new ApiRequestError(429, [
      {
        code: 'rate_limited',
        message: `För många anrop: högst ${limiter.limit} per minut. Försök igen om ${r.resetS} s.`,
        field: null,
      },
    ]);
  }
}

/**
 * The API's limits: `byAddress` is the onRequest hook of every API request, `byToken` a
 * preHandler that runs after bearer authentication on the write routes. Both send
 * `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` and `RateLimit-Policy` (the IETF
 * httpapi draft's fields); over the limit a 429 `rate_limited` with `Retry-After`.
 */
export function rateLimits(
  address = new RateLimiter(API_LIMITS.read, API_LIMITS.windowMs),
  token = new RateLimiter(API_LIMITS.write, API_LIMITS.windowMs),
) {
  return {
    byAddress: async (req: FastifyRequest, reply: FastifyReply) =>
      apply(address, `a:${req.ip}`, reply),
    byToken: async (req: FastifyRequest, reply: FastifyReply) => {
      const id = req.apiPrincipal?.tokenId;
      if (id !== undefined) apply(token, `t:${id}`, reply);
    },
  };
}
