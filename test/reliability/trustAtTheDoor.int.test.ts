import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { queryRows } from '../../src/db/rows.js';
import { createApiToken } from '../../src/domain/access/apiTokens.js';
import { createOrganisation } from '../../src/domain/actors/createOrganisation.js';
import { context, systemActor } from '../../src/domain/context.js';
import { seedDemo } from '../../src/seed/seedDemo.js';
import { createTestDatabase } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';
import { CSRF, form, makeUser, startMailCatcher } from '../../src/web/auth/testSupport.js';

/**
 * Issue findings 2–5, sent over a real socket: links come from RIKTNING_PUBLIC_URL whatever Host
 * and X-Forwarded-* say, cached bodies are the same for every client, the client address is the
 * socket's unless TRUST_PROXY names the proxy, and the write limit follows the token.
 */
const PUBLIC = 'https://riktning.example';
const evil = {
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'http',
  host: 'evil.example',
};

let database: Database;
let app: FastifyInstance;
let proxied: FastifyInstance;
let base: string;
let proxiedBase: string;
let smtp: Awaited<ReturnType<typeof startMailCatcher>>;
let token: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(context(database.db, systemActor('test')));
  smtp = await startMailCatcher();
  const env = { RIKTNING_PUBLIC_URL: PUBLIC, SMTP_URL: smtp.url };
  app = await buildApp({ database, config: loadConfig(env) });
  proxied = await buildApp({
    database,
    config: loadConfig({ ...env, TRUST_PROXY: '127.0.0.1' }),
  });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  proxiedBase = await proxied.listen({ host: '127.0.0.1', port: 0 });
  await makeUser(database.db, 'offer@example.se', 'aktor');
  const org = await createOrganisation(context(database.db, systemActor('test')), {
    slug: 'skrivande-system',
    name: 'Skrivande system',
    kind: 'foretag',
  });
  if (!org.ok) throw new Error('organisation');
  const userId = await makeUser(database.db, 'system@example.se', 'aktor', [org.value.id]);
  const created = await createApiToken(
    context(database.db, {
      kind: 'user',
      userId,
      role: 'aktor',
      organisationIds: [org.value.id],
      label: `user:${userId}`,
    }),
    { organisationId: org.value.id, name: 'Ekonomisystemet' },
  );
  if (!created.ok) throw new Error('token');
  token = created.value.token;
});
afterAll(async () => {
  await app?.close();
  await proxied?.close();
  await smtp?.close();
  await database?.close();
});

const signInFails = (at: string, email: string, headers: Record<string, string>) =>
  fetch(`${at}/logga-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      ...headers,
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `__Host-riktning_csrf=${CSRF}`,
    },
    body: form({ _csrf: CSRF, email, password: 'fel lösenord hela tiden' }),
  });

describe('absolute URLs come from configuration only (findings 2 and 3)', () => {
  it('sends the reset link to the configured address, not the X-Forwarded-Host', async () => {
    const before = smtp.mails.length;
    const res = await fetch(`${base}/glomt-losenord`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        ...evil,
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `__Host-riktning_csrf=${CSRF}`,
      },
      body: form({ _csrf: CSRF, email: 'offer@example.se' }),
    });
    expect(res.status).toBeLessThan(400);
    await expect.poll(() => smtp.mails.length).toBe(before + 1);
    const mail = smtp.mails.at(-1)!.raw;
    expect(mail).toContain(`${PUBLIC}/aterstall/`);
    expect(mail).not.toContain('evil.example');
  });

  it('serves feeds, CSV, embed code and API links built from the configured address, the same bytes for every client', async () => {
    const [{ slug }] = (await queryRows<{ slug: string }>(
      database.db,
      sql`select slug from indicators order by id limit 1`,
    )) as [{ slug: string }];
    for (const path of [
      '/flode.atom',
      '/en/flode.atom',
      `/indikatorer/${slug}.csv`,
      `/badda-in?indikator=${slug}`,
      '/api/v1/initiatives?per_page=1',
      '/dcat',
    ]) {
      const poisoned = await fetch(`${base}${path}`, { headers: evil });
      const body = await poisoned.text();
      expect(poisoned.status, path).toBe(200);
      expect(body, path).not.toContain('evil.example');
      expect(body, path).toContain(PUBLIC);
      const plain = await fetch(`${base}${path}`);
      expect(await plain.text(), path).toBe(body);
      expect(plain.headers.get('etag'), path).toBe(poisoned.headers.get('etag'));
    }
  });

  it('refuses to start outside development without RIKTNING_PUBLIC_URL', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/RIKTNING_PUBLIC_URL/);
    expect(loadConfig({}).publicUrl).toBe('http://localhost:3000');
    expect(() => loadConfig({ RIKTNING_PUBLIC_URL: 'javascript:alert(1)' })).toThrow(ConfigError);
  });
});

describe('proxy trust is a setting (finding 4)', () => {
  it('does not let a client choose its address: a new X-Forwarded-For per attempt is still throttled', async () => {
    for (let i = 0; i < 22; i++) {
      await signInFails(base, `gissning${i}@example.se`, { 'x-forwarded-for': `10.9.${i}.9` });
    }
    const next = await signInFails(base, 'ny@example.se', { 'x-forwarded-for': '10.200.0.1' });
    expect(next.status).toBe(429);
    const keys = await queryRows<{ key: string }>(
      database.db,
      sql`select distinct key from login_attempts where key like 'ip:%'`,
    );
    expect(keys.map((k) => k.key)).toEqual(['ip:127.0.0.1']);
  });

  it('with TRUST_PROXY naming the proxy, the client is the first untrusted hop from the right', async () => {
    await database.db.execute(sql`delete from login_attempts`);
    await signInFails(proxiedBase, 'a@example.se', {
      'x-forwarded-for': '203.0.113.66, 198.51.100.7',
    });
    const keys = await queryRows<{ key: string }>(
      database.db,
      sql`select distinct key from login_attempts where key like 'ip:%'`,
    );
    expect(keys.map((k) => k.key)).toEqual(['ip:198.51.100.7']);
    await database.db.execute(sql`delete from login_attempts`);
  });
});

describe('the write limit follows the token (finding 5)', () => {
  it('gives no fresh bucket for another spelling of the Authorization header', async () => {
    const spellings = ['Bearer', 'bearer', 'BEARER', 'Bearer ', 'Bearer\t'];
    const statuses: number[] = [];
    for (let i = 0; i < 125; i++) {
      const res = await fetch(`${base}/api/v1/initiatives/999999`, {
        method: 'PATCH',
        headers: {
          authorization: `${spellings[i % spellings.length]} ${token}`,
          'content-type': 'application/json',
        },
        body: '{}',
      });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses.slice(0, 120).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(120)).toEqual([429, 429, 429, 429, 429]);
  });
});
