import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { memberships, oidcIdentities, sessions, users } from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor } from '../../domain/context.js';
import { testConfig } from '../../test/config.js';
import { createTestDatabase } from '../../test/database.js';
import { buildApp } from '../app.js';
import {
  followProvider,
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
  startTestProvider,
  type TestProvider,
} from './oidcTestProvider.js';
import { OIDC_COOKIE, openOidcState, sealOidcState } from './oidcState.js';
import { makeUser, setCookies } from './testSupport.js';

const BASE = 'http://riktning.test';
const CALLBACK = `${BASE}/logga-in/oidc/callback`;
let oidcEnv: Record<string, string>;

let database: Database;
let app: FastifyInstance;
let provider: TestProvider;
let kalmar: number;
let region: number;

beforeAll(async () => {
  database = await createTestDatabase();
  provider = await startTestProvider(CALLBACK);
  oidcEnv = {
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID,
    OIDC_CLIENT_SECRET,
    OIDC_NAME: 'Freja eID',
    OIDC_EMAIL_DOMAINS: 'kalmar.se=kalmar-testkommun',
    OIDC_ORGANISATION_CLAIM: 'organisation',
    RIKTNING_PUBLIC_URL: BASE,
  };
  app = await buildApp({ database, config: testConfig(oidcEnv) });
  const ctx = context(database.db, systemActor('test'));
  const a = await createOrganisation(ctx, {
    slug: 'kalmar-testkommun',
    name: 'Kalmar testkommun',
    kind: 'kommun',
  });
  const b = await createOrganisation(ctx, {
    slug: 'testregionen',
    name: 'Testregionen',
    kind: 'region',
    orgNumber: '212000-0142',
  });
  if (!a.ok || !b.ok) throw new Error('organisations');
  kalmar = a.value.id;
  region = b.value.id;
});

afterAll(async () => {
  await app?.close();
  await provider?.close();
  await database?.close();
});

/** Starts a sign-in at Riktning: the provider's URL and the signed state cookie. */
async function start(back = '/admin/konto') {
  const res = await app.inject({
    method: 'GET',
    url: `/logga-in/oidc?tillbaka=${encodeURIComponent(back)}`,
  });
  expect(res.statusCode).toBe(303);
  const location = String(res.headers.location);
  expect(location.startsWith(`${provider.issuer}/`)).toBe(true);
  return { location, cookie: setCookies(res)[OIDC_COOKIE]! };
}

/** Riktning's callback, reached the way the provider's redirect sends the browser. */
async function callback(url: URL, stateCookie: string, session?: string) {
  expect(url.origin).toBe(BASE);
  const res = await app.inject({
    method: 'GET',
    url: url.pathname + url.search,
    headers: {
      cookie: `${OIDC_COOKIE}=${stateCookie}${session ? `; riktning_session=${session}` : ''}`,
    },
  });
  return { res, session: setCookies(res).riktning_session || null };
}

async function signInThroughProvider(subject: string, claims: Record<string, unknown>) {
  provider.signInAs(subject, claims);
  const { location, cookie } = await start();
  return callback(await followProvider(location, provider.issuer), cookie);
}

const userByEmail = async (email: string) =>
  (await database.db.select().from(users).where(eq(users.email, email)))[0];

describe('single sign-on through OpenID Connect', () => {
  it('offers the provider on the sign-in page', async () => {
    const res = await app.inject({ method: 'GET', url: '/logga-in' });
    expect(res.body).toContain('Logga in med Freja eID');
    expect(res.body).toContain('action="/logga-in/oidc"');
  });

  it('asks the provider with PKCE (S256), state, nonce and the registered redirect', async () => {
    const { location } = await start();
    const q = new URL(location).searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toBeTruthy();
    expect(q.get('nonce')).toBeTruthy();
    expect(q.get('redirect_uri')).toBe(CALLBACK);
  });

  it('creates a user in the organisation of the email domain and signs them in', async () => {
    const { res, session } = await signInThroughProvider('freja-1001', {
      email: 'Anna@Kalmar.se',
      email_verified: true,
      name: 'Anna Andersson',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/konto');
    expect(String(res.headers['set-cookie'])).toContain(`${OIDC_COOKIE}=;`);
    const user = await userByEmail('anna@kalmar.se');
    expect(user).toMatchObject({ role: 'aktor', name: 'Anna Andersson', passwordHash: null });
    const m = await database.db.select().from(memberships).where(eq(memberships.userId, user!.id));
    expect(m.map((r) => r.organisationId)).toEqual([kalmar]);
    const ids = await database.db
      .select()
      .from(oidcIdentities)
      .where(eq(oidcIdentities.userId, user!.id));
    expect(ids).toMatchObject([{ issuer: provider.issuer, subject: 'freja-1001' }]);
    const account = await app.inject({
      method: 'GET',
      url: '/admin/konto',
      headers: { cookie: `riktning_session=${session}` },
    });
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('anna@kalmar.se');
  });

  it('signs a known identity in again, rotating the session the browser held', async () => {
    const first = await signInThroughProvider('freja-1001', { email: 'anna@kalmar.se' });
    expect(first.session).toBeTruthy();
    provider.signInAs('freja-1001', { email: 'anna@kalmar.se' });
    const { location, cookie } = await start();
    const url = await followProvider(location, provider.issuer);
    const second = await callback(url, cookie, first.session!);
    expect(second.res.statusCode).toBe(303);
    expect(second.session).toBeTruthy();
    expect(second.session).not.toBe(first.session);
    const old = await app.inject({
      method: 'GET',
      url: '/admin/konto',
      headers: { cookie: `riktning_session=${first.session}` },
    });
    expect(old.statusCode).toBe(303);
    const rows = await database.db.select().from(users).where(eq(users.email, 'anna@kalmar.se'));
    expect(rows).toHaveLength(1);
  });

  it('places a new user by the organisation claim (organisationsnummer)', async () => {
    const { res } = await signInThroughProvider('entra-77', {
      email: 'bo@testregionen.se',
      email_verified: true,
      organisation: '2120000142',
    });
    expect(res.statusCode).toBe(303);
    const user = await userByEmail('bo@testregionen.se');
    const m = await database.db.select().from(memberships).where(eq(memberships.userId, user!.id));
    expect(m.map((r) => r.organisationId)).toEqual([region]);
  });

  it('links a verified email to an existing local account', async () => {
    const id = await makeUser(database.db, 'cecilia@example.se', 'samordnare');
    const { res } = await signInThroughProvider('freja-cecilia', {
      email: 'cecilia@example.se',
      email_verified: true,
    });
    expect(res.statusCode).toBe(303);
    const [identity] = await database.db
      .select()
      .from(oidcIdentities)
      .where(eq(oidcIdentities.subject, 'freja-cecilia'));
    expect(identity?.userId).toBe(id);
  });

  it('signs a coordinator in through the provider without the local second factor', async () => {
    await makeUser(database.db, 'greta@example.se', 'samordnare', [], { enrolled: false });
    const { res, session } = await signInThroughProvider('freja-greta', {
      email: 'greta@example.se',
      email_verified: true,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/konto');
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const admin = await app.inject({
      url: '/admin',
      headers: { cookie: `riktning_session=${session}` },
    });
    expect(admin.statusCode).toBe(200);
  });

  it('does not link an unverified email to an existing account', async () => {
    const id = await makeUser(database.db, 'erik@kalmar.se', 'aktor');
    const { res, session } = await signInThroughProvider('freja-erik', {
      email: 'erik@kalmar.se',
      email_verified: false,
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('inte bekräftat adressen');
    expect(session).toBeNull();
    const linked = await database.db
      .select()
      .from(oidcIdentities)
      .where(eq(oidcIdentities.userId, id));
    expect(linked).toEqual([]);
  });

  it('refuses, with a clear message, a person no rule places in an organisation', async () => {
    const { res, session } = await signInThroughProvider('freja-stranger', {
      email: 'okand@example.org',
      email_verified: true,
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('hör inte till någon organisation');
    expect(session).toBeNull();
    expect(await userByEmail('okand@example.org')).toBeUndefined();
  });

  it('refuses a disabled account', async () => {
    await signInThroughProvider('freja-dora', { email: 'dora@kalmar.se', email_verified: true });
    await database.db
      .update(users)
      .set({ disabledAt: new Date() })
      .where(eq(users.email, 'dora@kalmar.se'));
    const { res, session } = await signInThroughProvider('freja-dora', { email: 'dora@kalmar.se' });
    expect(res.statusCode).toBe(403);
    expect(session).toBeNull();
  });

  describe('refuses a callback that does not belong to the sign-in it started', () => {
    const sessionsNow = async () => (await database.db.select().from(sessions)).length;

    it('when the state in the redirect is not the one sent', async () => {
      provider.signInAs('freja-1001', { email: 'anna@kalmar.se' });
      const { location, cookie } = await start();
      const url = await followProvider(location, provider.issuer);
      url.searchParams.set('state', 'forged-state');
      const before = await sessionsNow();
      const { res, session } = await callback(url, cookie);
      expect(res.statusCode).toBe(400);
      expect(session).toBeNull();
      expect(await sessionsNow()).toBe(before);
    });

    it('when the browser carries the cookie of another sign-in (login CSRF)', async () => {
      provider.signInAs('freja-1001', { email: 'anna@kalmar.se' });
      const attacker = await start();
      const victim = await start();
      const url = await followProvider(attacker.location, provider.issuer);
      const { res, session } = await callback(url, victim.cookie);
      expect(res.statusCode).toBe(400);
      expect(session).toBeNull();
    });

    it('when the id_token carries another nonce', async () => {
      provider.signInAs('freja-1001', { email: 'anna@kalmar.se' });
      const { location, cookie } = await start();
      const url = await followProvider(location, provider.issuer);
      const state = openOidcState(OIDC_CLIENT_SECRET, cookie, new Date())!;
      // Everything else right (state, PKCE verifier, signature): only the nonce differs.
      const forged = sealOidcState(OIDC_CLIENT_SECRET, { ...state, nonce: 'another-nonce' });
      const { res, session } = await callback(url, forged);
      expect(res.statusCode).toBe(400);
      expect(session).toBeNull();
    });

    it('when the PKCE verifier is not the one the challenge was made from', async () => {
      provider.signInAs('freja-1001', { email: 'anna@kalmar.se' });
      const { location, cookie } = await start();
      const url = await followProvider(location, provider.issuer);
      const state = openOidcState(OIDC_CLIENT_SECRET, cookie, new Date())!;
      const forged = sealOidcState(OIDC_CLIENT_SECRET, {
        ...state,
        verifier: 'x'.repeat(43),
      });
      const { res } = await callback(url, forged);
      expect(res.statusCode).toBe(400);
    });

    it('when the state cookie was altered or is missing', async () => {
      provider.signInAs('freja-1001', { email: 'anna@kalmar.se' });
      const { location, cookie } = await start();
      const url = await followProvider(location, provider.issuer);
      const [payload] = cookie.split('.');
      const tampered = `${payload}.${'A'.repeat(43)}`;
      expect((await callback(url, tampered)).res.statusCode).toBe(400);
      const bare = await app.inject({ method: 'GET', url: url.pathname + url.search });
      expect(bare.statusCode).toBe(400);
    });
  });

  it('only sends the browser back to a path on this site', async () => {
    provider.signInAs('freja-1001', { email: 'anna@kalmar.se' });
    const { location, cookie } = await start('//evil.example/steal');
    const { res } = await callback(await followProvider(location, provider.issuer), cookie);
    expect(res.headers.location).toBe('/admin');
  });
});

describe('without OIDC configured', () => {
  it('shows no provider button and has no OIDC routes', async () => {
    const plain = await buildApp({
      database,
      config: testConfig({ ...oidcEnv, OIDC_ISSUER: undefined }),
    });
    try {
      const page = await plain.inject({ method: 'GET', url: '/logga-in' });
      expect(page.body).not.toContain('/logga-in/oidc');
      expect((await plain.inject({ method: 'GET', url: '/logga-in/oidc' })).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
