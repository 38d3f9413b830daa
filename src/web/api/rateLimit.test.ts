import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { apiErrorHandler } from './http.js';
import { rateLimit, RateLimiter } from './rateLimit.js';

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
  it('sends RateLimit fields and 429 rate_limited with Retry-After, writes per token', async () => {
    const t = 5_000_000;
    const app = Fastify();
    app.setErrorHandler(apiErrorHandler);
    app.addHook(
      'onRequest',
      rateLimit(new RateLimiter(2, 60_000, () => t), new RateLimiter(1, 60_000, () => t)),
    );
    app.get('/x', async () => ({ ok: true }));
    app.post('/x', async () => ({ ok: true }));
    const first = await app.inject('/x');
    expect(first.headers['ratelimit-limit']).toBe('2');
    expect(first.headers['ratelimit-remaining']).toBe('1');
    expect(first.headers['ratelimit-policy']).toBe('2;w=60');
    await app.inject('/x');
    const over = await app.inject('/x');
    expect(over.statusCode).toBe(429);
    expect(over.headers['retry-after']).toBe('60');
    expect(over.json().errors[0].code).toBe('rate_limited');
    const post = (token: string) =>
      app.inject({ method: 'POST', url: '/x', headers: { authorization: `Bearer ${token}` } });
    expect((await post('a')).statusCode).toBe(200);
    expect((await post('a')).statusCode).toBe(429);
    expect((await post('b')).statusCode).toBe(200);
    await app.close();
  });
});
