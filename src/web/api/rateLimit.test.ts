import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { apiErrorHandler } from './http.js';
import { rateLimits, RateLimiter } from './rateLimit.js';

describe('RateLimiter', () => {
  it('counts per key within a window and starts again after it', () => {
    let t = 1_000_000;
    const limiter = new RateLimiter(2, 60_000, () => t);
    expect(limiter.take('a')).toEqual({ allowed: true, remaining: 1, resetS: 60 });
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('b').allowed).toBe(true);
    t += 30_000;
    expect(limiter.take('a')).toEqual({ allowed: false, remaining: 0, resetS: 30 });
    t += 30_000;
    expect(limiter.take('a')).toEqual({ allowed: true, remaining: 1, resetS: 60 });
  });
});

describe('the rate-limit hook', () => {
  it('sends RateLimit fields and 429 rate_limited with Retry-After; writes per token id', async () => {
    const t = 5_000_000;
    const app = Fastify();
    app.setErrorHandler(apiErrorHandler);
    const limits = rateLimits(
      new RateLimiter(3, 60_000, () => t),
      new RateLimiter(1, 60_000, () => t),
    );
    app.addHook('onRequest', limits.byAddress);
    app.get('/x', async () => ({ ok: true }));
    app.post(
      '/x',
      {
        preHandler: [
          async (req) => {
            const id = Number((req.headers.authorization ?? '').replace(/\D/g, ''));
            req.apiPrincipal = { tokenId: id } as never;
          },
          limits.byToken,
        ],
      },
      async () => ({ ok: true }),
    );
    const first = await app.inject('/x');
    expect(first.headers['ratelimit-limit']).toBe('3');
    expect(first.headers['ratelimit-remaining']).toBe('2');
    expect(first.headers['ratelimit-policy']).toBe('3;w=60');
    const post = (auth: string) =>
      app.inject({ method: 'POST', url: '/x', headers: { authorization: auth } });
    expect((await post('Bearer 7')).statusCode).toBe(200);
    // Every request counts against the address: the third request of this client is its last.
    const over = await post('Bearer 8');
    expect(over.statusCode).toBe(200);
    const blocked = await app.inject('/x');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('60');
    expect(blocked.json().errors[0].code).toBe('rate_limited');
    await app.close();
  });

  it('keys writes on the token id, so another spelling of the header is the same bucket', async () => {
    const t = 5_000_000;
    const app = Fastify();
    app.setErrorHandler(apiErrorHandler);
    const limits = rateLimits(
      new RateLimiter(100, 60_000, () => t),
      new RateLimiter(1, 60_000, () => t),
    );
    app.addHook('onRequest', limits.byAddress);
    app.post(
      '/x',
      {
        preHandler: [
          async (req) => {
            req.apiPrincipal = { tokenId: 7 } as never;
          },
          limits.byToken,
        ],
      },
      async () => ({ ok: true }),
    );
    const post = (auth: string) =>
      app.inject({ method: 'POST', url: '/x', headers: { authorization: auth } });
    expect((await post('Bearer tok')).statusCode).toBe(200);
    for (const spelling of ['bearer tok', 'BEARER tok', 'Bearer  tok', 'Bearer\ttok']) {
      expect((await post(spelling)).statusCode).toBe(429);
    }
    await app.close();
  });
});
