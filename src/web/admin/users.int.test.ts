import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { auditEvents, memberships, organisations, users } from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { inviteUser } from '../../domain/actors/invitations.js';
import { context, systemActor } from '../../domain/context.js';
import { createTestDatabase } from '../../test/database.js';
import { htmlProblems } from '../../test/html.js';
import { buildApp } from '../app.js';
import {
  as,
  CSRF,
  form,
  makeUser,
  setCookies,
  signIn,
  startMailCatcher,
} from '../auth/testSupport.js';
import { testConfig } from '../../test/config.js';

let database: Database;
let app: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startMailCatcher>>;
let orgA: number;
const s: Record<string, string | null> = {};
const ids: Record<string, number> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startMailCatcher();
  app = await buildApp({ database, config: testConfig({ SMTP_URL: smtp.url }) });
  const a = await createOrganisation(context(database.db, systemActor('test')), {
    slug: 'forening-a',
    name: 'Förening A',
    kind: 'ideell-forening',
  });
  if (!a.ok) throw new Error('org');
  orgA = a.value.id;
  for (const [who, role, orgs] of [
    ['admin', 'admin', []],
    ['samordnare', 'samordnare', []],
    ['aktor', 'aktor', [orgA]],
    ['annan', 'analytiker', []],
  ] as const) {
    ids[who] = await makeUser(database.db, `${who}@example.se`, role, [...orgs]);
    s[who] = (await signIn(app, `${who}@example.se`)).session;
  }
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
  await database?.close();
});

const get = (url: string, who: string, extra = '') =>
  app.inject({ method: 'GET', url, headers: { cookie: as(s[who]!).cookie + extra } });
/** The page an invitation form redirects to, opened with the cookie that carries its result. */
async function invitationResultPage(
  res: { statusCode: number; headers: Record<string, unknown> },
  server: FastifyInstance = app,
  who = 'admin',
) {
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toBe('/admin/anvandare/inbjuden');
  const once = setCookies(res).riktning_inbjudan;
  expect(once).toBeTruthy();
  return server.inject({
    method: 'GET',
    url: '/admin/anvandare/inbjuden',
    headers: { cookie: `${as(s[who]!).cookie}; riktning_inbjudan=${once}` },
  });
}
const post = (url: string, who: string, data: Record<string, string>) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...as(s[who]!), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: CSRF, ...data }),
  });

describe('users and roles', () => {
  it('lists and filters users for administrators, with valid HTML', async () => {
    const res = await get('/admin/anvandare?roll=aktor', 'admin');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('aktor@example.se');
    expect(res.body).not.toContain('samordnare@example.se</a>');
    expect(await htmlProblems(res.body)).toEqual([]);
    const q = await get('/admin/anvandare?q=samord', 'admin');
    expect(q.body).toContain('samordnare@example.se');
    expect(q.body).not.toContain('aktor@example.se</a>');
  });

  it('refuses the users screen to everyone but administrators', async () => {
    for (const who of ['samordnare', 'aktor', 'annan']) {
      expect((await get('/admin/anvandare', who)).statusCode).toBe(403);
      expect(
        (await post(`/admin/anvandare/${ids.annan}/roll`, who, { role: 'admin', confirm: '1' }))
          .statusCode,
      ).toBe(403);
    }
    const anon = await app.inject({ method: 'GET', url: '/admin/anvandare' });
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toContain('/logga-in');
  });

  it('changes a role, which ends the user’s sessions, with an audit event', async () => {
    const session = (await signIn(app, 'annan@example.se')).session;
    const asked = await post(`/admin/anvandare/${ids.annan}/roll`, 'admin', { role: 'aktor' });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('name="confirm" value="1"');
    const [unchanged] = await database.db.select().from(users).where(eq(users.id, ids.annan!));
    expect(unchanged?.role).not.toBe('aktor');
    const res = await post(`/admin/anvandare/${ids.annan}/roll`, 'admin', {
      role: 'aktor',
      confirm: '1',
    });
    expect(res.statusCode).toBe(303);
    const [u] = await database.db.select().from(users).where(eq(users.id, ids.annan!));
    expect(u?.role).toBe('aktor');
    const old = await app.inject({ method: 'GET', url: '/admin', headers: as(session) });
    expect(old.statusCode).toBe(303);
    const page = await get(res.headers.location!, 'admin');
    expect(page.body).toContain('Rollen är ändrad');
    s.annan = (await signIn(app, 'annan@example.se')).session;
  });

  it('refuses an unknown role and the administrator’s own demotion, next to the field', async () => {
    const bad = await post(`/admin/anvandare/${ids.annan}/roll`, 'admin', { role: 'kung' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="role-error"');
    const self = await post(`/admin/anvandare/${ids.admin}/roll`, 'admin', {
      role: 'aktor',
      confirm: '1',
    });
    expect(self.statusCode).toBe(400);
    const [u] = await database.db.select().from(users).where(eq(users.id, ids.admin!));
    expect(u?.role).toBe('admin');
  });

  it('disables and enables an account; a disabled account cannot sign in', async () => {
    const off = await post(`/admin/anvandare/${ids.aktor}/stang-av`, 'admin', {});
    expect(off.statusCode).toBe(303);
    expect((await signIn(app, 'aktor@example.se')).session).toBeNull();
    expect((await post(`/admin/anvandare/${ids.admin}/stang-av`, 'admin', {})).statusCode).toBe(
      400,
    );
    expect((await post(`/admin/anvandare/${ids.aktor}/aktivera`, 'admin', {})).statusCode).toBe(
      303,
    );
    s.aktor = (await signIn(app, 'aktor@example.se')).session;
    expect(s.aktor).toBeTruthy();
    const events = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, String(ids.aktor)));
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['user.disabled', 'user.enabled']),
    );
  });

  it('invites a person by mail into an organisation, keeping the form on errors', async () => {
    const bad = await post('/admin/anvandare/bjud-in', 'admin', {
      email: 'inte-en-adress',
      role: 'aktor',
      organisation: 'forening-a',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="inte-en-adress"');
    expect(bad.body).toContain('id="email-error"');
    const res = await post('/admin/anvandare/bjud-in', 'admin', {
      email: 'ny@example.se',
      role: 'aktor',
      organisation: 'forening-a',
    });
    const page = await invitationResultPage(res);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('En inbjudan har skickats till ny@example.se.');
    expect(page.body).toMatch(
      /<input type="text" id="inbjudningslank" value="[^"]*\/inbjudan\/[^"]+" readonly/,
    );
    expect(page.body).toContain('<a href="/admin/anvandare">');
    expect(smtp.mails.some((m) => m.to.includes('ny@example.se'))).toBe(true);
    // A reload shows the link no more and sends nothing.
    const before = smtp.mails.length;
    const reload = await get('/admin/anvandare/inbjuden', 'admin');
    expect(reload.statusCode).toBe(200);
    expect(reload.body).toContain('Inbjudningslänken visas bara en gång');
    expect(reload.body).not.toContain('/inbjudan/');
    expect(smtp.mails.length).toBe(before);
  });

  it('says so when no mail server is configured, and gives the link to hand over', async () => {
    const noMail = await buildApp({ database, config: testConfig({}) });
    try {
      const before = smtp.mails.length;
      const res = await noMail.inject({
        method: 'POST',
        url: '/admin/anvandare/bjud-in',
        headers: { ...as(s.admin!), 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({
          _csrf: CSRF,
          email: 'utan-post@example.se',
          role: 'aktor',
          organisation: '',
        }),
      });
      const page = await invitationResultPage(res, noMail);
      expect(page.body).toContain('ingen e-post har skickats: ingen e-postserver är inställd');
      expect(page.body).not.toContain('En inbjudan har skickats');
      expect(page.body).toContain('Inbjudningslänk att lämna över:');
      expect(page.body).toMatch(/id="inbjudningslank" value="[^"]*\/inbjudan\/[A-Za-z0-9_-]{43}"/);
      expect(smtp.mails.length).toBe(before);
    } finally {
      await noMail.close();
    }
  });

  it('answers 404 for a user that does not exist or a malformed id', async () => {
    expect((await get('/admin/anvandare/999999', 'admin')).statusCode).toBe(404);
    expect((await get('/admin/anvandare/abc', 'admin')).statusCode).toBe(404);
  });
});

describe('organisations and members', () => {
  it('creates an organisation, checking the organisationsnummer and keeping what was typed', async () => {
    const bad = await post('/admin/organisationer', 'samordnare', {
      name: 'Kalmar Idrottsförening',
      slug: 'kalmar-if',
      kind: 'ideell-forening',
      orgNumber: '556677-8898',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="orgNumber-error"');
    expect(bad.body).toContain('value="Kalmar Idrottsförening"');
    expect(await htmlProblems(bad.body)).toEqual([]);
    const res = await post('/admin/organisationer', 'samordnare', {
      name: 'Kalmar Idrottsförening',
      slug: 'kalmar-if',
      kind: 'ideell-forening',
      orgNumber: '556677-8899',
    });
    expect(res.statusCode).toBe(303);
    const [org] = await database.db
      .select()
      .from(organisations)
      .where(eq(organisations.slug, 'kalmar-if'));
    expect(org?.orgNumber).toBe('5566778899');
    const page = await get(res.headers.location!, 'samordnare');
    expect(page.statusCode).toBe(200);
    expect(await htmlProblems(page.body)).toEqual([]);
  });

  it('edits, archives and restores an organisation', async () => {
    const res = await post(`/admin/organisationer/${orgA}`, 'admin', {
      name: 'Förening A i Kalmar',
      kind: 'ideell-forening',
      website: 'https://a.example.se',
    });
    expect(res.statusCode).toBe(303);
    expect((await post(`/admin/organisationer/${orgA}/arkivera`, 'admin', {})).statusCode).toBe(
      303,
    );
    const list = await get('/admin/organisationer', 'admin');
    expect(list.body).not.toContain('Förening A i Kalmar');
    const archived = await get('/admin/organisationer?arkiverade=1', 'admin');
    expect(archived.body).toContain('Förening A i Kalmar');
    expect((await post(`/admin/organisationer/${orgA}/aterstall`, 'admin', {})).statusCode).toBe(
      303,
    );
    const [org] = await database.db.select().from(organisations).where(eq(organisations.id, orgA));
    expect(org).toMatchObject({ name: 'Förening A i Kalmar', archivedAt: null });
  });

  it('adds an existing user, changes the membership role and removes it', async () => {
    const where = and(
      eq(memberships.userId, ids.samordnare!),
      eq(memberships.organisationId, orgA),
    );
    const unknown = await post(`/admin/organisationer/${orgA}/medlemmar`, 'admin', {
      email: 'finns-inte@example.se',
      role: 'editor',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('id="member-email-error"');
    const add = await post(`/admin/organisationer/${orgA}/medlemmar`, 'admin', {
      email: 'samordnare@example.se',
      role: 'reporter',
    });
    expect(add.statusCode).toBe(303);
    expect((await database.db.select().from(memberships).where(where))[0]?.role).toBe('reporter');
    const change = await post(
      `/admin/organisationer/${orgA}/medlemmar/${ids.samordnare}`,
      'admin',
      {
        role: 'editor',
      },
    );
    expect(change.statusCode).toBe(303);
    expect((await database.db.select().from(memberships).where(where))[0]?.role).toBe('editor');
    const remove = await post(
      `/admin/organisationer/${orgA}/medlemmar/${ids.samordnare}/ta-bort`,
      'admin',
      {},
    );
    expect(remove.statusCode).toBe(303);
    expect(await database.db.select().from(memberships).where(where)).toEqual([]);
  });

  it('refuses organisation management to members and readers', async () => {
    for (const who of ['aktor', 'annan']) {
      expect((await get('/admin/organisationer', who)).statusCode).toBe(403);
      const r = await post(`/admin/organisationer/${orgA}/arkivera`, who, {});
      expect(r.statusCode).toBe(403);
    }
    const r = await post(`/admin/organisationer/${orgA}/bjud-in`, 'samordnare', {
      email: 'x@example.se',
      role: 'aktor',
    });
    expect(r.statusCode).toBe(403);
  });

  it('explains the two role layers where roles are set, in both languages', async () => {
    const invite = await get('/admin/anvandare/bjud-in', 'admin');
    expect(invite.body).toContain('<summary>Så fungerar rollerna</summary>');
    expect(invite.body).toContain('Rollen i organisationen (redigerare eller rapportör)');
    const org = await get(`/admin/organisationer/${orgA}`, 'admin', '; riktning_sprak=en');
    expect(org.body.match(/<summary>How the roles work<\/summary>/g)).toHaveLength(1);
    expect(org.body).toContain('<dt>Analyst (reader)</dt>');
    expect(await htmlProblems(org.body)).toEqual([]);
  });

  it("invites a member from the organisation's page and leads back to it", async () => {
    const res = await post(`/admin/organisationer/${orgA}/bjud-in`, 'admin', {
      email: 'medlem.via.org@example.se',
      role: 'aktor',
    });
    const page = await invitationResultPage(res);
    expect(page.body).toContain('En inbjudan har skickats till medlem.via.org@example.se.');
    expect(page.body).toContain(`<a href="/admin/organisationer/${orgA}">`);
    expect(await htmlProblems(page.body)).toEqual([]);
  });

  it('needs the CSRF token for every change', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/admin/organisationer/${orgA}/arkivera`,
      headers: { ...as(s.admin!), 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: 'wrong' }),
    });
    expect(res.statusCode).toBe(403);
    const [org] = await database.db.select().from(organisations).where(eq(organisations.id, orgA));
    expect(org?.archivedAt).toBeNull();
  });
});

describe('admin pages in English', () => {
  it('switches the language by a cookie and back to a local path only', async () => {
    const sw = await app.inject({
      method: 'GET',
      url: '/sprak?till=en&tillbaka=%2Fadmin%2Forganisationer',
    });
    expect(sw.statusCode).toBe(303);
    expect(sw.headers.location).toBe('/admin/organisationer');
    expect(String(sw.headers['set-cookie'])).toContain('riktning_sprak=en');
    const evil = await app.inject({
      method: 'GET',
      url: '/sprak?till=en&tillbaka=https://evil.example',
    });
    expect(evil.headers.location).toBe('/admin');
    const page = await get('/admin/organisationer', 'admin', '; riktning_sprak=en');
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('<h1>Organisations</h1>');
    expect(page.body).toContain('href="/sprak?till=sv&amp;tillbaka=%2Fadmin%2Forganisationer"');
    const signInPage = await app.inject({
      method: 'GET',
      url: '/logga-in',
      headers: { cookie: 'riktning_sprak=en' },
    });
    expect(signInPage.body).toContain('<h1>Sign in</h1>');
    const bad = await post('/admin/organisationer', 'admin', {
      name: '',
      slug: 'x y',
      kind: 'kommun',
    });
    // cookie-less post: Swedish; with the cookie: English field errors.
    expect(bad.body).toContain('Använd små bokstäver');
    const badEn = await app.inject({
      method: 'POST',
      url: '/admin/organisationer',
      headers: {
        cookie: `${as(s.admin!).cookie}; riktning_sprak=en`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: form({ _csrf: CSRF, name: '', slug: 'x y', kind: 'kommun' }),
    });
    expect(badEn.body).toContain('Use lower-case letters');
  });

  it('shows the sign-in pages’ field errors in English', async () => {
    const inv = await inviteUser(context(database.db, systemActor('test')), {
      email: 'engelska@example.se',
      role: 'aktor',
    });
    if (!inv.ok) throw new Error('invitation');
    const res = await app.inject({
      method: 'POST',
      url: `/inbjudan/${inv.value.token}`,
      headers: {
        cookie: `riktning_csrf=${CSRF}; riktning_sprak=en`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: form({ _csrf: CSRF, name: 'Eng Elska', password: 'kort' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The password must have at least 12 characters.');
    expect(res.body).toContain('value="Eng Elska"');
  });
});
