import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { createTestDatabase } from '../test/database.js';
import { buildApp } from '../web/app.js';
import { createLog, logLine } from './log.js';
import { bearerMatches } from './metrics.js';

const token = 'metrics-token-for-tests-0123456789';
let database: Database;
let app: FastifyInstance;
let plain: FastifyInstance;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const sink = sinkFor(lines);
  app = await buildApp({
    database,
    log: createLog('info', 'serve', sink),
    requestIdHeader: 'x-request-id',
    metricsToken: token,
  });
  plain = await buildApp({ database });
});
afterAll(async () => {
  await app?.close();
  await plain?.close();
  await database?.close();
});

describe('operations people can see', () => {
  it('answers /metrics only with the token, and not at all when no token is configured', async () => {
    expect((await plain.inject({ url: '/metrics' })).statusCode).toBe(404);
    const without = await app.inject({ url: '/metrics' });
    expect(without.statusCode).toBe(401);
    expect(without.headers['www-authenticate']).toContain('Bearer');
    const wrong = await app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${token}x` },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('counts requests by route and status, page-cache lookups, jobs, undelivered mail and the pool', async () => {
    await app.inject({ url: '/' });
    await app.inject({ url: '/' });
    await app.inject({ url: '/finns-inte' });
    const res = await app.inject({
      url: '/metrics',
      headers: { authorization: `bearer  ${token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const body = res.body;
    expect(body).toMatch(/riktning_http_requests_total\{method="GET",route="\/",status="200"\} 2/);
    expect(body).toMatch(/riktning_http_requests_total\{[^}]*status="404"\} 1/);
    expect(body).toMatch(
      /riktning_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/"\}/,
    );
    expect(body).toMatch(/riktning_page_cache_lookups_total\{result="hit"\} [1-9]/);
    expect(body).toContain('riktning_mail_undelivered{status="failed"} 0');
    expect(body).toContain('# TYPE riktning_jobs gauge');
    expect(body).toContain('riktning_process_resident_memory_bytes');
    if (database.kind === 'postgres') expect(body).toContain('riktning_db_pool_connections');
  });

  it('writes one JSON log with request ids, taken from the configured header only when it looks like one', async () => {
    const sent = await app.inject({ url: '/', headers: { 'x-request-id': 'proxy-req-42' } });
    expect(sent.headers['x-request-id']).toBe('proxy-req-42');
    const logged = lines.filter((l) => l.requestId === 'proxy-req-42');
    expect(logged.length).toBeGreaterThan(0);
    expect(logged[0]).toMatchObject({ process: 'serve', level: 30 });
    const junk = await app.inject({ url: '/', headers: { 'x-request-id': 'a b\nc' } });
    expect(junk.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const ignored = await plain.inject({ url: '/', headers: { 'x-request-id': 'proxy-req-43' } });
    expect(ignored.headers['x-request-id']).not.toBe('proxy-req-43');
    logLine(createLog('info', 'worker', sinkFor(lines)), 'worker')('Jobbkön: ett fel');
    expect(lines.at(-1)).toMatchObject({
      process: 'worker',
      component: 'worker',
      msg: 'Jobbkön: ett fel',
    });
  });

  it('compares the bearer token whatever its spelling', () => {
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`BEARER\t${token}`, token)).toBe(true);
    expect(bearerMatches(`Basic ${token}`, token)).toBe(false);
    expect(bearerMatches(undefined, token)).toBe(false);
    expect(bearerMatches(`Bearer ${token.slice(1)}`, token)).toBe(false);
  });
});

function sinkFor(into: Record<string, unknown>[]) {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) into.push(JSON.parse(line));
      done();
    },
  });
}
