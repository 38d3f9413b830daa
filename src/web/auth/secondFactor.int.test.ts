import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import {
  auditEvents,
  pendingSignIns,
  recoveryCodes,
  totpSecrets,
  users,
} from '../../db/schema/index.js';
import { requestPasswordReset } from '../../domain/actors/passwordResets.js';
import { resetSecondFactors } from '../../domain/actors/secondFactor/removeSecondFactors.js';
import { anonymiseUser } from '../../domain/privacy/anonymiseUser.js';
import { extractPersonalData } from '../../domain/privacy/extractPersonalData.js';
import { totpCode, TOTP_PERIOD_S } from '../../domain/actors/secondFactor/totp.js';
import { context, systemActor } from '../../domain/context.js';
import { createTestDatabase } from '../../test/database.js';
import { htmlProblems } from '../../test/html.js';
import { buildApp } from '../app.js';
import { PENDING_COOKIE } from './pendingCookie.js';
import { socketBrowser } from './socketBrowser.js';
import { makeUser } from './testSupport.js';

/**
 * The second factor over a real socket: password → half session → second factor → session, the
 * forced enrolment of coordinators, replay and drift, recovery codes and the throttle.
 */
let database: Database;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  await makeUser(database.db, 'samordnare@example.se', 'samordnare', [], { enrolled: false });
  await makeUser(database.db, 'aktor@example.se', 'aktor');
  await makeUser(database.db, 'analytiker@example.se', 'analytiker');
  await makeUser(database.db, 'admin@example.se', 'admin', [], { enrolled: false });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const browser = () => socketBrowser(base);

const userId = async (email: string) =>
  (await database.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
const secretOf = (page: string) => /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(page)![1]!;
const codesOf = (page: string) =>
  [...page.matchAll(/<li><code>([a-z2-9-]{14})<\/code><\/li>/g)].map((m) => m[1]!);
/** A code the server takes now: the next step's, within the one step of drift allowed. */
const nextCode = (secret: string) => totpCode(secret, new Date(Date.now() + TOTP_PERIOD_S * 1000));

describe('second factor for password sign-in', () => {
  let secret = '';
  let codes: string[] = [];

  it('sends a coordinator from the password to enrolment, with a half session that opens nothing else', async () => {
    const b = browser();
    const res = await b.signIn('samordnare@example.se');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/logga-in/aktivera');
    expect(b.jar.has('riktning_session')).toBe(false);
    const pending = b.jar.get(PENDING_COOKIE)!;
    expect(pending).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The half session's token is no session, and the admin area stays closed.
    const admin = await fetch(`${base}/admin`, {
      redirect: 'manual',
      headers: { cookie: `riktning_session=${pending}` },
    });
    expect(admin.status).toBe(303);
    expect(admin.headers.get('location')).toMatch(/^\/logga-in/);
    expect((await b.get('/admin')).location).toMatch(/^\/logga-in/);
    // The second step redirects to enrolment while nothing is enrolled.
    expect((await b.get('/logga-in/andra-steget')).location).toBe('/logga-in/aktivera');

    const page = await b.get('/logga-in/aktivera');
    expect(page.status).toBe(200);
    expect(await htmlProblems(page.text)).toEqual([]);
    secret = secretOf(page.text).replace(/ /g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(page.text).toContain(`otpauth://totp/Riktning:samordnare%40example.se?`);
    expect(page.text).toContain(`secret=${secret}`);
    // Reloading shows the same, still unconfirmed secret.
    expect(secretOf((await b.get('/logga-in/aktivera')).text).replace(/ /g, '')).toBe(secret);

    const wrong = await b.post('/logga-in/aktivera', {
      code: '000000' === totpCode(secret, new Date()) ? '111111' : '000000',
    });
    expect(wrong.status).toBe(400);
    expect(b.jar.has('riktning_session')).toBe(false);

    const done = await b.post('/logga-in/aktivera', { code: totpCode(secret, new Date()) });
    expect(done.status).toBe(200);
    expect(await htmlProblems(done.text)).toEqual([]);
    codes = codesOf(done.text);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(done.text).toContain('href="/admin/insatser"');
    expect(b.jar.has(PENDING_COOKIE)).toBe(false);
    expect(b.jar.get('riktning_session')).not.toBe(pending);
    expect((await b.get('/admin/insatser')).status).toBe(200);

    // Stored: the codes as hashes only, the secret confirmed and never shown again.
    const id = await userId('samordnare@example.se');
    const stored = await database.db
      .select()
      .from(recoveryCodes)
      .where(eq(recoveryCodes.userId, id));
    expect(stored).toHaveLength(10);
    for (const c of codes) expect(stored.some((s) => s.codeHash.includes(c))).toBe(false);
    const [row] = await database.db.select().from(totpSecrets).where(eq(totpSecrets.userId, id));
    expect(row?.confirmedAt).toBeTruthy();
    const account = await b.get('/admin/konto/tvastegsverifiering');
    expect(account.status).toBe(200);
    expect(await htmlProblems(account.text)).toEqual([]);
    expect(account.text).not.toContain(secret);
    expect((await b.get('/admin/konto/tvastegsverifiering/app')).location).toBe(
      '/admin/konto/tvastegsverifiering',
    );
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, String(id)));
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it('after sign-out asks for a code: a wrong one is refused, the right one signs in once', async () => {
    const b = browser();
    const res = await b.signIn('samordnare@example.se');
    expect(res.location).toBe('/logga-in/andra-steget');
    expect(b.jar.has('riktning_session')).toBe(false);
    const step = await b.get('/logga-in/andra-steget');
    expect(step.status).toBe(200);
    expect(step.text).toContain('name="code"');
    expect(await htmlProblems(step.text)).toEqual([]);
    b.jar.set('riktning_sprak', 'en');
    expect((await b.get('/logga-in/andra-steget')).text).toContain('Confirm that it is you');
    b.jar.delete('riktning_sprak');
    expect(step.text).not.toContain(secret);

    const code = nextCode(secret);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await b.post('/logga-in/andra-steget', { code: wrong });
    expect(refused.status).toBe(401);
    expect(b.jar.has('riktning_session')).toBe(false);

    const ok = await b.post('/logga-in/andra-steget', { code });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/admin/insatser');
    expect((await b.get('/admin')).status).toBe(200);
    await b.signOut();

    // The same code again, in a new sign-in within its window: refused.
    const again = browser();
    await again.signIn('samordnare@example.se');
    const replay = await again.post('/logga-in/andra-steget', { code });
    expect(replay.status).toBe(401);
    expect(again.jar.has('riktning_session')).toBe(false);
  });

  it('takes each recovery code once', async () => {
    const b = browser();
    await b.signIn('samordnare@example.se');
    const ok = await b.post('/logga-in/andra-steget', { code: codes[0]!.toUpperCase() });
    expect(ok.status).toBe(303);
    expect((await b.get('/admin')).status).toBe(200);
    await b.signOut();
    const again = browser();
    await again.signIn('samordnare@example.se');
    expect((await again.post('/logga-in/andra-steget', { code: codes[0]! })).status).toBe(401);
    const page = await b.get('/admin/konto/tvastegsverifiering');
    expect(page.location).toMatch(/^\/logga-in/);
  });

  it('ends the half session after five wrong codes, and the password must be given again', async () => {
    const b = browser();
    await b.signIn('samordnare@example.se');
    for (let i = 0; i < 4; i++) {
      expect((await b.post('/logga-in/andra-steget', { code: '12345x' })).status).toBe(401);
    }
    const fifth = await b.post('/logga-in/andra-steget', { code: '12345x' });
    expect(fifth.status).toBe(303);
    expect(fifth.location).toBe('/logga-in?avbruten=koder');
    expect(b.jar.has(PENDING_COOKIE)).toBe(false);
    expect((await b.get('/logga-in?avbruten=koder')).text).toContain('För många felaktiga koder');
    expect((await b.post('/logga-in/andra-steget', { code: codes[1]! })).location).toBe(
      '/logga-in?avbruten=1',
    );
  });

  it('limits wrong codes per account across half sessions', async () => {
    // Five wrong codes came from the test before; five more reach the limit of ten.
    const b = browser();
    await b.signIn('samordnare@example.se');
    for (let i = 0; i < 4; i++) await b.post('/logga-in/andra-steget', { code: '99999x' });
    const c = browser();
    await c.signIn('samordnare@example.se');
    await c.post('/logga-in/andra-steget', { code: '99999x' });
    const limited = await c.post('/logga-in/andra-steget', { code: codes[2]! });
    expect(limited.status).toBe(429);
    expect(c.jar.has('riktning_session')).toBe(false);
  });

  it('lets an actor sign in with the password alone', async () => {
    const b = browser();
    const res = await b.signIn('aktor@example.se');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/admin/insatser');
    expect(b.jar.has(PENDING_COOKIE)).toBe(false);
    expect((await b.get('/admin/insatser')).status).toBe(200);
  });

  it('does not let a password reset skip the second factor', async () => {
    const reset = await requestPasswordReset(
      context(database.db, systemActor('test')),
      'admin@example.se',
    );
    const b = browser();
    const done = await b.post(`/aterstall/${reset!.token}`, {
      password: 'ett helt nytt lösenord för admin',
    });
    expect(done.status).toBe(200);
    expect(b.jar.has('riktning_session')).toBe(false);
    const res = await b.signIn('admin@example.se', 'ett helt nytt lösenord för admin');
    expect(res.location).toBe('/logga-in/aktivera');
    expect(b.jar.has('riktning_session')).toBe(false);
  });

  it('sends a coordinator back to enrolment after an operator reset their second factor', async () => {
    const half = browser();
    await half.signIn('samordnare@example.se');
    const reset = await resetSecondFactors(
      context(database.db, systemActor('test')),
      'samordnare@example.se',
    );
    expect(reset.ok).toBe(true);
    const id = await userId('samordnare@example.se');
    expect(await database.db.select().from(totpSecrets).where(eq(totpSecrets.userId, id))).toEqual(
      [],
    );
    expect(
      await database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, id)),
    ).toEqual([]);
    // A half session opened before the reset is gone; the password leads to enrolment again.
    expect((await half.get('/logga-in/andra-steget')).location).toBe('/logga-in?avbruten=1');
    expect((await browser().signIn('samordnare@example.se')).location).toBe('/logga-in/aktivera');
  });

  it('lists factors in a register extract without their secrets, and removes them on anonymisation', async () => {
    const b = browser();
    await b.signIn('samordnare@example.se');
    await b.post('/logga-in/aktivera', { code: '000000' });
    const id = await userId('samordnare@example.se');
    expect(
      await database.db.select().from(pendingSignIns).where(eq(pendingSignIns.userId, id)),
    ).not.toEqual([]);
    const [stored] = await database.db.select().from(totpSecrets).where(eq(totpSecrets.userId, id));
    const extract = await extractPersonalData(context(database.db, systemActor('test')), {
      email: 'samordnare@example.se',
    });
    expect(extract.ok && extract.value.secondFactors.map((f) => f.kind)).toEqual(['totp']);
    expect(extract.ok && extract.value.halfSignIns.length).toBeGreaterThan(0);
    expect(JSON.stringify(extract)).not.toContain(stored!.secret);
    const result = await anonymiseUser(context(database.db, systemActor('test')), {
      email: 'samordnare@example.se',
    });
    expect(result.ok).toBe(true);
    for (const table of [totpSecrets, recoveryCodes, pendingSignIns]) {
      expect(await database.db.select().from(table).where(eq(table.userId, id))).toEqual([]);
    }
  });

  it('lets an analyst turn the app on, then asks for it, and off only with a current code', async () => {
    const b = browser();
    expect((await b.signIn('analytiker@example.se')).location).toBe('/admin/insatser');
    const A = '/admin/konto/tvastegsverifiering';
    const enrol = await b.get(`${A}/app`);
    expect(enrol.status).toBe(200);
    const secret = secretOf(enrol.text).replace(/ /g, '');
    const on = await b.post(`${A}/app`, { code: totpCode(secret, new Date()) });
    expect(codesOf(on.text)).toHaveLength(10);
    await b.signOut();

    const again = browser();
    expect((await again.signIn('analytiker@example.se')).location).toBe('/logga-in/andra-steget');
    const code = nextCode(secret);
    expect((await again.post('/logga-in/andra-steget', { code })).status).toBe(303);
    // Turning it off needs a current code: none, a wrong one and the one just used are refused.
    expect((await again.post(`${A}/app/ta-bort`, {})).status).toBe(400);
    expect((await again.post(`${A}/app/ta-bort`, { code: '12345x' })).status).toBe(400);
    expect((await again.post(`${A}/app/ta-bort`, { code })).status).toBe(400);
    const off = await again.post(`${A}/app/ta-bort`, { code: codesOf(on.text)[0]! });
    expect(off.location).toBe(`${A}?klart=borttagen`);
    const id = await userId('analytiker@example.se');
    expect(
      await database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, id)),
    ).toEqual([]);
    await again.signOut();
    expect((await browser().signIn('analytiker@example.se')).location).toBe('/admin/insatser');
  });
});
