import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { goals, initiatives, organisations } from '../../src/db/schema/index.js';
import { createOrganisation } from '../../src/domain/actors/createOrganisation.js';
import { context, systemActor } from '../../src/domain/context.js';
import { createInitiative } from '../../src/domain/initiatives/createInitiative.js';
import { transitionInitiative } from '../../src/domain/initiatives/transitionInitiative.js';
import { createTestDatabase } from '../../src/test/database.js';
import { buildInitiative } from '../../src/test/factories.js';
import { buildApp } from '../../src/web/app.js';
import { as, CSRF, form, makeUser, signIn } from '../../src/web/auth/testSupport.js';

/**
 * Stored text that outlives the rules it was stored under: hostile web addresses (issue 15,
 * row 10) and control characters (row 11), sent over a real socket and read back through the
 * portal, the API and every XML output.
 */
let database: Database;
let app: FastifyInstance;
let origin: string;
let session: string;
let legacyOrgId: number;
let initiativeId: number;

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const CONTROLS = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join('');

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const system = context(database.db, systemActor('test'));
  const org = await createOrganisation(system, {
    slug: 'gammal-adress',
    name: 'Gammal adress AB',
    kind: 'foretag',
  });
  if (!org.ok) throw new Error(JSON.stringify(org.issues));
  legacyOrgId = org.value.id;
  // Stored before web addresses were held to http(s).
  await database.db
    .update(organisations)
    .set({ website: 'javascript:alert(1)' })
    .where(eq(organisations.id, legacyOrgId));
  const [goal] = await database.db.select({ id: goals.id }).from(goals).limit(1);
  const created = await createInitiative(
    system,
    buildInitiative({ ownerOrganisationId: legacyOrgId, goalIds: [goal!.id] }),
  );
  if (!created.ok) throw new Error(JSON.stringify(created.issues));
  initiativeId = created.value.id;
  await transitionInitiative(system, { initiativeId, action: 'submit' });
  await transitionInitiative(system, { initiativeId, action: 'approve' });
  // Stored before control characters were stripped at the door.
  await database.db
    .update(initiatives)
    .set({
      title: `Titel med kontrolltecken ${CONTROLS} slut`,
      summary: `Sammanfattning\u0001\u000B`,
    })
    .where(eq(initiatives.id, initiativeId));
  await makeUser(database.db, 'textprov.admin@example.se', 'admin');
  session = (await signIn(app, 'textprov.admin@example.se')).session!;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (path: string, body: Record<string, string>, lang: 'sv' | 'en' = 'sv') =>
  fetch(`${origin}${path}`, {
    method: 'POST',
    headers: {
      cookie: `${as(session).cookie}${lang === 'en' ? '; riktning_sprak=en' : ''}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: form({ _csrf: CSRF, ...body }),
    redirect: 'manual',
  });

const organisationCount = async () =>
  (await database.db.select({ id: organisations.id }).from(organisations)).length;

describe('stored web addresses are http(s) only (issue 15, row 10)', () => {
  it('refuses javascript:, data: and vbscript: websites with a clear message, writing nothing', async () => {
    const before = await organisationCount();
    for (const website of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
    ]) {
      const res = await post('/admin/organisationer', {
        slug: 'farlig-adress',
        name: 'Farlig adress',
        kind: 'foretag',
        website,
      });
      expect(res.status, website).toBe(400);
      const body = await res.text();
      expect(body).toContain('börjar med https:// eller http://');
      expect(body).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
    }
    const en = await post(
      '/admin/organisationer',
      {
        slug: 'farlig-adress',
        name: 'Farlig adress',
        kind: 'foretag',
        website: 'javascript:alert(1)',
      },
      'en',
    );
    expect(en.status).toBe(400);
    expect(await en.text()).toContain('starting with https:// or http://');
    expect(await organisationCount()).toBe(before);
    const edit = await post(`/admin/organisationer/${legacyOrgId}`, {
      name: 'Gammal adress AB',
      kind: 'foretag',
      website: 'vbscript:msgbox(1)',
    });
    expect(edit.status).toBe(400);
  });

  it('shows a website stored with another scheme as text, and the API gives null', async () => {
    const page = await fetch(`${origin}/aktorer/gammal-adress`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/href="\s*javascript:/i);
    expect(html).toContain('javascript:alert(1)');
    const api = await fetch(`${origin}/api/v1/organisations?per_page=100`);
    const list = (await api.json()) as {
      organisations: { slug: string; website: string | null }[];
    };
    expect(list.organisations.find((o) => o.slug === 'gammal-adress')?.website).toBeNull();
  });
});

describe('text hygiene at the door (issue 15, row 11)', () => {
  it('keeps the Atom feeds, IATI and DCAT valid XML when a stored title holds control characters', async () => {
    for (const path of ['/flode.atom', '/en/flode.atom', '/api/v1/iati/activities.xml']) {
      const res = await fetch(`${origin}${path}`);
      expect(res.status, path).toBe(200);
      const body = await res.text();
      expect(NOT_XML.test(body), path).toBe(false);
      if (path.endsWith('.atom')) expect(body).toContain('Titel med kontrolltecken');
    }
    const dcat = await fetch(`${origin}/dcat`, { headers: { accept: 'application/rdf+xml' } });
    expect(NOT_XML.test(await dcat.text())).toBe(false);
  });

  it('strips control characters from a form body before it is stored', async () => {
    const res = await post('/admin/organisationer', {
      slug: 'rena-tecken',
      name: `Rena\u0001\u0002 tecken\u001F AB`,
      kind: 'foretag',
    });
    expect(res.status).toBe(303);
    const [stored] = await database.db
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.slug, 'rena-tecken'));
    expect(stored?.name).toBe('Rena tecken AB');
  });
});
