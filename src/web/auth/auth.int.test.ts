import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { inviteUser } from '../../domain/actors/invitations.js';
import {
  createSession,
  loadSession,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
} from '../../domain/actors/sessions.js';
import { checkPasswordRules } from '../../domain/actors/passwords.js';
import { context, systemActor } from '../../domain/context.js';
import { createTestDatabase } from '../../test/database.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../../config.js';
import { registerCookies, siteSettings } from '../cookies.js';
import { testConfig } from '../../test/config.js';
import { accountsPlugin } from './plugin.js';
import { ENROL_PATH } from './secondFactorRoutes.js';
import { safeReturnPath } from './session.js';
import {
  as,
  CSRF,
  form,
  linkIn,
  makeUser,
  PASSWORD,
  setCookies,
  signIn,
  startMailCatcher,
} from './testSupport.js';

let database: Database;
let app: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startMailCatcher>>;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startMailCatcher();
  app = await buildApp({ database, config: testConfig({ SMTP_URL: smtp.url }) });
  await makeUser(database.db, 'anna@example.se', 'aktor');
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
  await database?.close();
});

describe('password rules', () => {
  it('asks for 12 to 256 characters and refuses common passwords, case-insensitively', () => {
    expect(checkPasswordRules('kort')[0]?.code).toBe('too_short');
    expect(checkPasswordRules('x'.repeat(257))[0]?.code).toBe('too_long');
    expect(checkPasswordRules('QwertyUiop123')[0]?.code).toBe('common');
    expect(checkPasswordRules('Password1234')[0]?.code).toBe('common');
    expect(checkPasswordRules(PASSWORD)).toEqual([]);
  });
});

describe('sign-in', () => {
  it('shows the form with a CSRF field and signs in with the right password', async () => {
    const get = await app.inject('/logga-in');
    expect(get.statusCode).toBe(200);
    expect(get.body).toContain('name="_csrf"');
    const { res, session } = await signIn(app, 'Anna@Example.se');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(
      /riktning_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax/,
    );
    expect(cookie).not.toContain('Secure');
    const admin = await app.inject({ url: '/admin', headers: as(session) });
    expect(admin.statusCode).toBe(200);
    expect(admin.headers['cache-control']).toBe('no-store');
  });

  it('marks the cookie Secure and sends HSTS on https', async () => {
    const { res } = await signIn(app, 'anna@example.se');
    expect(res.statusCode).toBe(303);
    // Behind a proxy named by TRUST_PROXY, its X-Forwarded-Proto says the visitor used https.
    const proxied = await buildApp({ database, config: loadConfig({ TRUST_PROXY: '127.0.0.1' }) });
    const https = await proxied.inject({
      method: 'POST',
      url: '/logga-in',
      headers: {
        'x-forwarded-proto': 'https',
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `riktning_csrf=${CSRF}`,
      },
      payload: form({ _csrf: CSRF, email: 'anna@example.se', password: PASSWORD }),
    });
    expect(String(https.headers['set-cookie'])).toContain('; Secure');
    expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    await proxied.close();
  });

  it('refuses a wrong password or an unknown account alike, without a session', async () => {
    const wrong = await signIn(app, 'anna@example.se', {
      password: 'fel lösenord helt',
      ip: '10.1.0.1',
    });
    const unknown = await signIn(app, 'ingen@example.se', { ip: '10.1.0.1' });
    for (const r of [wrong, unknown]) {
      expect(r.res.statusCode).toBe(401);
      expect(r.session).toBeNull();
      expect(r.res.body).toContain('Fel e-postadress eller lösenord.');
    }
    expect(wrong.res.body).toContain('value="anna@example.se"');
    expect(wrong.res.body).not.toContain('fel lösenord helt');
  });

  it('locks an account for 15 minutes after five failures, even for the right password', async () => {
    await makeUser(database.db, 'bo@example.se', 'aktor');
    for (let i = 0; i < 5; i++) {
      const r = await signIn(app, 'bo@example.se', {
        password: 'fel fel fel fel',
        ip: `10.2.0.${i}`,
      });
      expect(r.res.statusCode).toBe(401);
    }
    const locked = await signIn(app, 'bo@example.se', { ip: '10.2.0.99' });
    expect(locked.res.statusCode).toBe(429);
    expect(locked.session).toBeNull();
    expect(locked.res.body).toMatch(/försöka igen klockan \d\d:\d\d/);
  });

  it('limits failures per address across accounts', async () => {
    for (let i = 0; i < 20; i++) {
      await signIn(app, `x${i}@example.se`, { password: 'fel fel fel fel', ip: '10.3.0.1' });
    }
    const blocked = await signIn(app, 'anna@example.se', { ip: '10.3.0.1' });
    expect(blocked.res.statusCode).toBe(429);
    const elsewhere = await signIn(app, 'anna@example.se', { ip: '10.3.0.2' });
    expect(elsewhere.res.statusCode).toBe(303);
  });

  it('rotates the session at sign-in: the cookie held before is worthless after', async () => {
    const first = await signIn(app, 'anna@example.se');
    const second = await signIn(app, 'anna@example.se', { session: first.session! });
    expect(second.session).not.toBe(first.session);
    const old = await app.inject({ url: '/admin', headers: as(first.session) });
    expect(old.statusCode).toBe(303);
    const fresh = await app.inject({ url: '/admin', headers: as(second.session) });
    expect(fresh.statusCode).toBe(200);
    const planted = await app.inject({ url: '/admin', headers: as('A'.repeat(43)) });
    expect(planted.statusCode).toBe(303);
  });

  it('signs out one session, or every session of the user', async () => {
    const a = (await signIn(app, 'anna@example.se')).session;
    const b = (await signIn(app, 'anna@example.se')).session;
    const c = (await signIn(app, 'anna@example.se')).session;
    const out = await app.inject({
      method: 'POST',
      url: '/logga-ut',
      headers: { ...as(a), 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: CSRF }),
    });
    expect(out.statusCode).toBe(303);
    expect(setCookies(out).riktning_session).toBe('');
    expect((await app.inject({ url: '/admin', headers: as(a) })).statusCode).toBe(303);
    expect((await app.inject({ url: '/admin', headers: as(b) })).statusCode).toBe(200);
    const everywhere = await app.inject({
      method: 'POST',
      url: '/logga-ut-overallt',
      headers: { ...as(b), 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: CSRF }),
    });
    expect(everywhere.statusCode).toBe(303);
    expect((await app.inject({ url: '/admin', headers: as(b) })).statusCode).toBe(303);
    expect((await app.inject({ url: '/admin', headers: as(c) })).statusCode).toBe(303);
  });
});

describe('session expiry with an injected clock', () => {
  it('ends a session after 30 minutes idle and after 12 hours in all', async () => {
    let now = new Date('2026-06-15T08:00:00Z');
    const ctx = context(database.db, systemActor('test'), () => now);
    const userId = await makeUser(database.db, 'klocka@example.se', 'aktor');
    const idle = await createSession(ctx, { userId });
    now = new Date(now.getTime() + SESSION_IDLE_MS - 1000);
    expect(await loadSession(ctx, idle.token)).not.toBeNull();
    now = new Date(now.getTime() + SESSION_IDLE_MS + 1000);
    expect(await loadSession(ctx, idle.token)).toBeNull();

    const start = now;
    const busy = await createSession(ctx, { userId });
    for (let m = 20; m < 12 * 60; m += 20) {
      now = new Date(start.getTime() + m * 60_000);
      expect(await loadSession(ctx, busy.token), `minute ${m}`).not.toBeNull();
    }
    now = new Date(start.getTime() + SESSION_ABSOLUTE_MS);
    expect(await loadSession(ctx, busy.token)).toBeNull();
  });

  it('sends an idle browser back to sign-in', async () => {
    let now = new Date('2026-06-15T08:00:00Z');
    const clockApp = Fastify();
    await registerCookies(clockApp, siteSettings(null));
    await clockApp.register(formbody);
    await clockApp.register(accountsPlugin, {
      db: database.db,
      now: () => now,
      config: testConfig({ SMTP_URL: smtp.url }),
    });
    try {
      const { session } = await signIn(clockApp, 'anna@example.se', { ip: '10.4.0.1' });
      expect(
        (await clockApp.inject({ url: '/admin/konto', headers: as(session) })).statusCode,
      ).toBe(200);
      now = new Date(now.getTime() + SESSION_IDLE_MS + 1);
      const later = await clockApp.inject({ url: '/admin/konto', headers: as(session) });
      expect(later.statusCode).toBe(303);
      expect(later.headers.location).toBe('/logga-in?tillbaka=%2Fadmin%2Fkonto');
    } finally {
      await clockApp.close();
    }
  });
});

describe('return paths', () => {
  const attacks = [
    '//evil.example',
    'https://evil.example/',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    '/\t/evil.example',
    ' //evil.example',
    'http:evil.example',
    '',
  ];
  it('accepts only local paths', () => {
    for (const a of attacks) expect(safeReturnPath(a), a).toBe('/admin');
    expect(safeReturnPath('/admin/insatser?x=1')).toBe('/admin/insatser?x=1');
  });
  it('never redirects off-site after sign-in', async () => {
    for (const a of attacks) {
      const res = await app.inject({
        method: 'POST',
        url: '/logga-in',
        remoteAddress: '10.5.0.1',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: `riktning_csrf=${CSRF}`,
        },
        payload: form({ _csrf: CSRF, email: 'anna@example.se', password: PASSWORD, tillbaka: a }),
      });
      expect(res.headers.location, a).toBe('/admin');
      const page = await app.inject(`/logga-in?tillbaka=${encodeURIComponent(a)}`);
      expect(page.body, a).toContain('name="tillbaka" value="/admin"');
    }
  });
  it('sends a signed-out visitor to sign-in with the way back', async () => {
    const res = await app.inject('/admin/insatser?sida=2');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/logga-in?tillbaka=%2Fadmin%2Finsatser%3Fsida%3D2');
  });
});

describe('CSRF', () => {
  it('refuses every state-changing post without a matching token', async () => {
    const { session } = await signIn(app, 'anna@example.se');
    const posts = [
      '/logga-in',
      '/logga-ut',
      '/logga-ut-overallt',
      '/glomt-losenord',
      `/aterstall/${'a'.repeat(43)}`,
      `/inbjudan/${'a'.repeat(43)}`,
      '/admin/insatser',
      '/admin/insatser/1/skicka-in',
      '/admin/insatser/1/godkann',
      '/admin/insatser/1/returnera',
    ];
    for (const url of posts) {
      for (const field of [undefined, 'wrong-token-wrong-token-wrong-token!']) {
        const res = await app.inject({
          method: 'POST',
          url,
          headers: {
            ...as(session),
            accept: 'application/json',
            'content-type': 'application/x-www-form-urlencoded',
          },
          payload: form(field ? { _csrf: field } : {}),
        });
        expect(res.statusCode, url).toBe(403);
        expect(res.json().error.code, url).toBe('csrf_failed');
      }
    }
  });
});

describe('password reset and invitations by mail', () => {
  it('mails a single-use reset link and answers alike for unknown addresses', async () => {
    await makeUser(database.db, 'glomsk@example.se', 'aktor');
    const before = smtp.mails.length;
    const post = (email: string) =>
      app.inject({
        method: 'POST',
        url: '/glomt-losenord',
        headers: { ...as(null), 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ _csrf: CSRF, email }),
      });
    const unknown = await post('finns-inte@example.se');
    const known = await post('glomsk@example.se');
    expect(unknown.statusCode).toBe(200);
    expect(known.body).toContain('Om det finns ett konto med den adressen');
    expect(smtp.mails.length).toBe(before + 1);
    const mail = smtp.mails.at(-1)!;
    expect(mail.to).toEqual(['glomsk@example.se']);
    expect(mail.raw).toContain('återställa lösenordet');
    const path = linkIn(mail, '/aterstall/');
    expect((await app.inject(path)).statusCode).toBe(200);
    const reset = (password: string) =>
      app.inject({
        method: 'POST',
        url: path,
        headers: { ...as(null), 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ _csrf: CSRF, password }),
      });
    const weak = await reset('qwertyuiop123');
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('för vanligt');
    expect((await reset('ett helt nytt långt lösenord')).statusCode).toBe(200);
    expect((await reset('ett annat nytt långt lösenord')).statusCode).toBe(404);
    const old = await signIn(app, 'glomsk@example.se', { ip: '10.6.0.1' });
    expect(old.res.statusCode).toBe(401);
    const fresh = await signIn(app, 'glomsk@example.se', {
      ip: '10.6.0.1',
      password: 'ett helt nytt långt lösenord',
    });
    expect(fresh.res.statusCode).toBe(303);
  });

  it('accepts an invitation once, with a chosen password', async () => {
    const invitation = await inviteUser(context(database.db, systemActor('test')), {
      email: 'ny@example.se',
      role: 'aktor',
    });
    if (!invitation.ok) throw new Error('invitation failed');
    const path = `/inbjudan/${invitation.value.token}`;
    const page = await app.inject(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('ny@example.se');
    const accept = (password: string) =>
      app.inject({
        method: 'POST',
        url: path,
        headers: { ...as(null), 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ _csrf: CSRF, name: 'Ny Person', password }),
      });
    const short = await accept('kort');
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('value="Ny Person"');
    const accepted = await accept(PASSWORD);
    expect(accepted.statusCode).toBe(303);
    // The new account is signed in at once and welcomed on the overview.
    expect(accepted.headers.location).toBe('/admin?klart=valkommen');
    const session = setCookies(accepted).riktning_session;
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const welcome = await app.inject({ url: '/admin?klart=valkommen', headers: as(session!) });
    expect(welcome.statusCode).toBe(200);
    expect(welcome.body).toContain('Välkommen! Ditt konto är skapat och du är inloggad.');
    expect(welcome.body).toContain('ny@example.se');
    expect((await accept(PASSWORD)).statusCode).toBe(404);
    expect((await signIn(app, 'ny@example.se', { ip: '10.7.0.1' })).res.statusCode).toBe(303);
    expect((await app.inject(`/inbjudan/${'b'.repeat(43)}`)).statusCode).toBe(404);
  });

  it('sends an invited coordinator on to set up a second factor before any session starts', async () => {
    const invitation = await inviteUser(context(database.db, systemActor('test')), {
      email: 'ny-samordnare@example.se',
      role: 'samordnare',
    });
    if (!invitation.ok) throw new Error('invitation failed');
    const accepted = await app.inject({
      method: 'POST',
      url: `/inbjudan/${invitation.value.token}`,
      headers: { ...as(null), 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: CSRF, name: 'Ny Samordnare', password: PASSWORD }),
    });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(ENROL_PATH);
    expect(setCookies(accepted).riktning_session).toBeUndefined();
  });

  it('tells a signed-out visitor whose account was just created to sign in', async () => {
    const res = await app.inject('/logga-in?konto=skapat');
    expect(res.body).toContain('Ditt konto är skapat. Logga in med din e-postadress');
  });
});
