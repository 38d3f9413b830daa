import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { createTestDatabase } from '../test/database.js';
import { buildApp } from '../web/app.js';
import { createLog } from './log.js';
import { loggableUrl } from './requestLog.js';

let database: Database;
let app: FastifyInstance;
let base: string;
const lines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  app = await buildApp({ database, log: createLog('info', 'serve', sink) });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('secrets never reach the log', () => {
  it('keeps tokens in paths and every query value out of the request log (over a socket)', async () => {
    const secret = 'S3cretTokenValue0123456789abcdefXYZ';
    const paths = [
      `/aterstall/${secret}`,
      `/inbjudan/${secret}`,
      `/strategin-tas-fram/bekrafta/${secret}`,
      `/en/strategin-tas-fram/bekrafta/${secret}`,
      `/api/v1/initiatives?access_token=${secret}`,
      `/insatser?q=${secret}&sida=2`,
      `/finns-inte?token=${secret}`,
    ];
    for (const p of paths) await fetch(`${base}${p}`, { redirect: 'manual' });
    const logged = lines.join('\n');
    expect(logged).toContain('incoming request');
    expect(logged).not.toContain(secret);
    expect(logged).toContain('/aterstall/[redacted]');
    expect(logged).toContain('/api/v1/initiatives?access_token=[redacted]');
    expect(logged).toContain('/insatser?q=[redacted]&sida=[redacted]');
  });

  it('makes addresses loggable without losing what they name', () => {
    expect(loggableUrl('/aterstall/abc', '/aterstall/:token', { token: 'abc' })).toBe(
      '/aterstall/[redacted]',
    );
    expect(loggableUrl('/insatser/12', '/insatser/:id', { id: '12' })).toBe('/insatser/12');
    expect(loggableUrl('/x?a=1&b&c=%zz', undefined, undefined)).toBe(
      '/x?a=[redacted]&b=[redacted]&c=[redacted]',
    );
    expect(loggableUrl('/kommuner/0880', '/kommuner/:code', { code: '0880' })).toBe(
      '/kommuner/0880',
    );
  });
});
