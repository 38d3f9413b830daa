import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { createTestDatabase } from '../test/database.js';
import { loadConfig } from '../config.js';
import { buildApp } from './app.js';
import { CSRF, form, makeUser, PASSWORD, signIn } from './auth/testSupport.js';

/**
 * Cookies and CSRF over a real socket (issue 15, rows 8 and 9): a malformed cookie counts as
 * absent, any `_csrf` value is compared safely (403, never 500), the CSRF cookie is `__Host-`
 * prefixed over https, and a cross-site form post is refused even with a matching token.
 */
let database: Database;
let app: FastifyInstance;
let secureApp: FastifyInstance;
let base = '';
let secureBase = '';
let session = '';

const listen = async (instance: FastifyInstance) => {
  await instance.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(instance.server.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  secureApp = await buildApp({
    database,
    config: loadConfig({ RIKTNING_PUBLIC_URL: 'https://riktning.example.se' }),
  });
  base = await listen(app);
  secureBase = await listen(secureApp);
  await makeUser(database.db, 'kaka@example.se', 'admin');
  await makeUser(database.db, 'aktor.kaka@example.se', 'aktor');
  session = (await signIn(app, 'kaka@example.se', { ip: '10.15.8.1' })).session!;
});
afterAll(async () => {
  await app?.close();
  await secureApp?.close();
  await database?.close();
});

const get = (path: string, cookie: string) =>
  fetch(`${base}${path}`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });

const post = (
  url: string,
  cookie: string,
  body: Record<string, string>,
  headers: Record<string, string> = {},
) =>
  fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie,
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    body: form(body),
  });

const signInBody = { _csrf: CSRF, email: 'kaka@example.se', password: PASSWORD };
const PAGES = ['/logga-in', '/glomt-losenord', '/admin', '/admin/insatser', '/tillganglighet'];

describe('a malformed cookie is treated as absent (row 8)', () => {
  it('answers every page with a malformed session cookie as for a signed-out visitor', async () => {
    for (const path of PAGES) {
      const res = await get(path, 'riktning_session=%zz');
      const signedOut = path.startsWith('/admin') ? 303 : 200;
      expect(res.status, path).toBe(signedOut);
      if (signedOut === 303) expect(res.headers.get('location')).toMatch(/^\/logga-in\?/);
    }
  });

  it('issues a fresh CSRF token for a malformed CSRF cookie and keeps a valid session', async () => {
    for (const path of PAGES) {
      const res = await get(path, `riktning_csrf=%zz; riktning_session=${session}`);
      // A signed-in visitor is sent on from the sign-in page; every other page is shown.
      expect(res.status, path).toBe(path === '/logga-in' ? 303 : 200);
    }
    const page = await get('/logga-in', 'riktning_csrf=%zz');
    expect(page.status).toBe(200);
    const cookie = page.headers.getSetCookie().find((c) => c.startsWith('riktning_csrf='));
    expect(cookie).toMatch(/^riktning_csrf=[A-Za-z0-9_-]{32}; Path=\/; HttpOnly; SameSite=Strict/);
  });

  it('refuses a form post whose CSRF cookie is malformed, and signs in with a good one', async () => {
    const bad = await post(`${base}/logga-in`, 'riktning_csrf=%zz', {
      ...signInBody,
      _csrf: '%zz',
    });
    expect(bad.status).toBe(403);
    const good = await post(`${base}/logga-in`, `riktning_csrf=${CSRF}`, signInBody);
    expect(good.status).toBe(303);
    // An administrator's password leads on to the second factor.
    expect(good.headers.get('location')).toBe('/logga-in/andra-steget');
  });
});

describe('the CSRF token is compared safely (row 9)', () => {
  const multibyte = 'å'.repeat(CSRF.length);

  it('answers a multibyte token of the cookie token string length with 403, never 500', async () => {
    const signInPost = await post(`${base}/logga-in`, `riktning_csrf=${CSRF}`, {
      ...signInBody,
      _csrf: multibyte,
    });
    expect(signInPost.status).toBe(403);
    const consultation = await post(
      `${base}/admin/samrad`,
      `riktning_csrf=${CSRF}; riktning_session=${session}`,
      { _csrf: multibyte },
    );
    expect(consultation.status).toBe(403);
    // The same post with the matching token reaches the form's validation.
    const allowed = await post(
      `${base}/admin/samrad`,
      `riktning_csrf=${CSRF}; riktning_session=${session}`,
      { _csrf: CSRF },
    );
    expect(allowed.status).toBe(400);
  });

  it('refuses a post another site starts, even with a matching token', async () => {
    const cookie = `riktning_csrf=${CSRF}`;
    const url = `${base}/logga-in`;
    expect((await post(url, cookie, signInBody, { 'sec-fetch-site': 'cross-site' })).status).toBe(
      403,
    );
    expect((await post(url, cookie, signInBody, { 'sec-fetch-site': 'same-site' })).status).toBe(
      403,
    );
    expect((await post(url, cookie, signInBody, { origin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect((await post(url, cookie, signInBody, { origin: 'null' })).status).toBe(403);
    // The browser's own same-origin post, and a client that sends neither header, pass.
    const same = await post(url, cookie, signInBody, {
      origin: base,
      'sec-fetch-site': 'same-origin',
    });
    expect(same.status).toBe(303);
    expect((await post(url, cookie, signInBody)).status).toBe(303);
    // Under a no-referrer policy a browser sends Origin "null" with its own Sec-Fetch-Site.
    const noReferrer = await post(url, cookie, signInBody, {
      origin: 'null',
      'sec-fetch-site': 'same-origin',
    });
    expect(noReferrer.status).toBe(303);
    // Without the headers the token is still required.
    expect((await post(url, cookie, { ...signInBody, _csrf: '' })).status).toBe(403);
  });
});

describe('the CSRF and session cookies over https', () => {
  it('is __Host- prefixed and Secure when the public address is https', async () => {
    const res = await fetch(`${secureBase}/logga-in`, { headers: { accept: 'text/html' } });
    const cookie = res.headers.getSetCookie().find((c) => c.includes('riktning_csrf='));
    expect(cookie).toMatch(/^__Host-riktning_csrf=[A-Za-z0-9_-]{32}; Path=\/; HttpOnly; Secure;/);
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it('accepts only the __Host- cookie and the configured origin', async () => {
    const url = `${secureBase}/logga-in`;
    const origin = { origin: 'https://riktning.example.se' };
    const hostCookie = `__Host-riktning_csrf=${CSRF}`;
    // An actor signs in with the password alone, so the session cookie is set at once.
    const actorBody = { ...signInBody, email: 'aktor.kaka@example.se' };
    const signedIn = await post(url, hostCookie, actorBody, origin);
    expect(signedIn.status).toBe(303);
    const sessionCookie = signedIn.headers.getSetCookie().find((c) => c.includes('_session='));
    expect(sessionCookie).toMatch(
      /^__Host-riktning_session=[A-Za-z0-9_-]{43};.* Path=\/;.* Secure/,
    );
    const token = /=([^;]+)/.exec(sessionCookie!)![1]!;
    const admin = await fetch(`${secureBase}/admin`, {
      headers: { cookie: `__Host-riktning_session=${token}` },
      redirect: 'manual',
    });
    expect(admin.status).toBe(200);
    expect((await post(url, `riktning_csrf=${CSRF}`, signInBody, origin)).status).toBe(403);
    // The address the request was sent to is not the site's configured origin.
    expect((await post(url, hostCookie, signInBody, { origin: secureBase })).status).toBe(403);
  });
});
