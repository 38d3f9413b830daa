import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import {
  accessibilityReports,
  consultationComments,
  consultations,
  goals,
  initiatives,
  invitations,
  organisations,
  strategies,
  users,
} from '../../src/db/schema/index.js';
import { context, systemActor, type Actor } from '../../src/domain/context.js';
import { createInitiative } from '../../src/domain/initiatives/createInitiative.js';
import { transitionInitiative } from '../../src/domain/initiatives/transitionInitiative.js';
import { publisher } from '../../src/domain/opendata/publisher.js';
import { seedDemo } from '../../src/seed/seedDemo.js';
import { buildInitiative } from '../../src/test/factories.js';
import { createTestDatabase } from '../../src/test/database.js';
import { buildApp } from '../../src/web/app.js';
import { CSRF, form, makeUser, PASSWORD } from '../../src/web/auth/testSupport.js';
import { LONG_TESTS } from './fuzzRuns.js';

/**
 * No personal data in public outputs: every portal page reachable from / and /en, feeds, the
 * API, CSV/XLSX downloads, IATI, DCAT and the open-data zip are searched for every seeded user
 * e-mail, user name, phone number, session IP and user agent, and every private contact. Only
 * initiatives' contact addresses (a functional mailbox, shown on purpose) may appear.
 */
let database: Database;
let app: FastifyInstance;

const secretUsers = [
  { email: 'hemlig.handlaggare@region.example', name: 'Hemliga Handläggarsson', role: 'admin' },
  { email: 'privat.aktor@foretag.example', name: 'Privata Aktörsdotter', role: 'aktor' },
  { email: 'tyst.analytiker@kommun.example', name: 'Tysta Analytikersson', role: 'analytiker' },
] as const;
const secretIp = '203.0.113.77';
const secretAgent = 'HemligWebblasare/9.9';
const secretPhones = ['070-123 45 67', '+46 70 765 43 21', '0480-55 66 77'];
const secretContacts = ['anmalare.privat@hem.example', 'kommentar.privat@hem.example'];
const invitedEmail = 'inbjuden.privat@hem.example';
let publicContacts: string[] = [];

let contactInitiativeId = 0;
beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  const system = context(database.db, systemActor('test'));
  await seedDemo(system);
  const [org] = await database.db.select({ id: organisations.id }).from(organisations).limit(1);
  const [goal] = await database.db.select({ id: goals.id }).from(goals).limit(1);
  for (const u of secretUsers) {
    const id = await makeUser(database.db, u.email, u.role, u.role === 'aktor' ? [org!.id] : []);
    await database.db.update(users).set({ name: u.name }).where(eq(users.id, id));
    // A session with an IP address and a user agent.
    const res = await app.inject({
      method: 'POST',
      url: '/logga-in',
      remoteAddress: secretIp,
      headers: {
        'user-agent': secretAgent,
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `riktning_csrf=${CSRF}`,
      },
      payload: form({ _csrf: CSRF, email: u.email, password: PASSWORD }),
    });
    expect(res.statusCode).toBe(303);
  }
  // An initiative created and published by a signed-in user: the audit trail names them.
  const [aktor] = await database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, secretUsers[1].email));
  const actor: Actor = {
    kind: 'user',
    userId: aktor!.id,
    role: 'aktor',
    organisationIds: [org!.id],
    label: `user:${secretUsers[1].email}`,
  };
  const created = await createInitiative(
    context(database.db, actor),
    buildInitiative({
      ownerOrganisationId: org!.id,
      goalIds: [goal!.id],
      title: 'Insats registrerad av en aktör',
      contactEmail: 'funktionsbrevlada@foretag.example',
    }),
  );
  if (!created.ok) throw new Error(JSON.stringify(created.issues));
  contactInitiativeId = created.value.id;
  await transitionInitiative(context(database.db, actor), {
    initiativeId: created.value.id,
    action: 'submit',
  });
  await transitionInitiative(system, { initiativeId: created.value.id, action: 'approve' });

  await database.db.insert(accessibilityReports).values({
    pageUrl: '/insatser',
    description: `Kontrasten är för låg. Ring mig på ${secretPhones[0]}.`,
    contactEmail: secretContacts[0],
  });
  await database.db.insert(invitations).values({
    tokenHash: 'x'.repeat(64),
    email: invitedEmail,
    role: 'aktor',
    createdAt: new Date(),
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  const [strategy] = await database.db.select({ id: strategies.id }).from(strategies).limit(1);
  const [consultation] = await database.db
    .insert(consultations)
    .values({
      strategyId: strategy!.id,
      titleSv: 'Remiss av strategin',
      opensOn: '2026-01-01',
      closesOn: '2026-12-31',
    })
    .returning({ id: consultations.id });
  await database.db.insert(consultationComments).values([
    {
      consultationId: consultation!.id,
      displayName: 'Anna',
      body: `Bra strategi. Nå mig på ${secretPhones[1]}.`,
      email: secretContacts[1],
      status: 'publicerad',
    },
    {
      consultationId: consultation!.id,
      displayName: 'Bertil',
      body: `Dold kommentar, ${secretPhones[2]}.`,
      email: secretContacts[1],
      status: 'dold',
    },
  ]);
  publicContacts = (
    await database.db.select({ c: initiatives.contactEmail }).from(initiatives)
  ).flatMap((r) => (r.c ? [r.c.toLowerCase()] : []));
}, 300_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** Every spelling of a secret a page might carry: as is, URL-encoded, and without spaces. */
function spellings(secret: string): string[] {
  const s = secret.toLowerCase();
  return [
    ...new Set([s, encodeURIComponent(s), s.replace(/[\s-]/g, ''), s.replace(/@/g, '&#64;')]),
  ];
}

function secrets(): string[] {
  return [
    ...secretUsers.flatMap((u) => [u.email, u.name]),
    ...secretPhones,
    ...secretContacts,
    invitedEmail,
    secretIp,
    secretAgent,
  ];
}

/** The secrets found in one output, with where. */
function leaks(where: string, body: string): string[] {
  const text = body.toLowerCase();
  const found: string[] = [];
  for (const secret of secrets()) {
    for (const s of spellings(secret)) {
      if (text.includes(s)) found.push(`${where}: ${secret}`);
    }
  }
  // Any e-mail address that is not a published initiative contact or the Region's own.
  for (const m of text.matchAll(/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/g)) {
    const address = m[0];
    // The Region's own functional mailbox, named as the data's publisher, is public too.
    if (!publicContacts.includes(address) && address !== publisher.contactEmail.toLowerCase()) {
      found.push(`${where}: unexpected address ${address}`);
    }
  }
  return found;
}

async function fetchBody(url: string): Promise<{ status: number; type: string; body: Buffer }> {
  const res = await app.inject({ url });
  return {
    status: res.statusCode,
    type: String(res.headers['content-type'] ?? ''),
    body: res.rawPayload,
  };
}

/** Text of a response; a zip (XLSX, the open-data dump) is unpacked and all its entries read. */
function textOf(type: string, body: Buffer): string {
  if (
    type.includes('zip') ||
    type.includes('spreadsheetml') ||
    body.subarray(0, 2).toString() === 'PK'
  ) {
    const files = unzipSync(new Uint8Array(body));
    return Object.entries(files)
      .map(([name, data]) => `${name}\n${strFromU8(data)}`)
      .join('\n');
  }
  return body.toString('utf8');
}

describe('personal data in public outputs', () => {
  it('no portal page, in Swedish or English, shows personal data', async () => {
    const limit = LONG_TESTS ? 5000 : 1500;
    const queue = ['/', '/en'];
    const seen = new Set(queue);
    const found: string[] = [];
    let pages = 0;
    while (queue.length > 0 && pages < limit) {
      const url = queue.shift()!;
      const { status, type, body } = await fetchBody(url);
      pages += 1;
      expect(status, url).toBeLessThan(500);
      const text = textOf(type, body);
      found.push(...leaks(url, text));
      if (!type.startsWith('text/html')) continue;
      for (const m of text.matchAll(/href="(\/[^"#]*)/g)) {
        const link = m[1]!.replaceAll('&amp;', '&');
        // Signed-in areas are not public; search permutations would never end.
        if (/^\/(admin|logga-in|logga-ut|sprak|static)/.test(link)) continue;
        if (link.includes('?') && !/^\/(en\/)?(insatser|sok)\?sida=\d+$/.test(link)) {
          const path = link.split('?')[0]!;
          if (!seen.has(path)) {
            seen.add(path);
            queue.push(path);
          }
          continue;
        }
        if (!seen.has(link)) {
          seen.add(link);
          queue.push(link);
        }
      }
    }
    expect(found).toEqual([]);
    console.info(`personal data crawl: ${pages} pages`);
    // The crawl did reach the initiative pages and their English versions.
    expect([...seen].filter((u) => /^\/insatser\/\d+/.test(u)).length).toBeGreaterThan(5);
    expect([...seen].filter((u) => /^\/en\/insatser\/\d+/.test(u)).length).toBeGreaterThan(5);
    // The initiative contact, marked public, is shown: the search is not blind.
    expect(seen.has(`/insatser/${contactInitiativeId}`)).toBe(true);
    const page = (await fetchBody(`/insatser/${contactInitiativeId}`)).body;
    expect(page.toString()).toContain('mailto:funktionsbrevlada@foretag.example');
  }, 600_000);

  it('feeds, the API, downloads, IATI, DCAT and the open-data zip show no personal data', async () => {
    const urls = [
      '/flode.atom',
      '/en/flode.atom',
      '/api/v1/openapi.json',
      '/api/v1/strategies',
      '/api/v1/goal-areas',
      '/api/v1/goals',
      '/api/v1/perspectives',
      '/api/v1/sdg-goals',
      '/api/v1/places',
      '/api/v1/organisations?per_page=100',
      '/api/v1/initiatives?per_page=100',
      '/api/v1/indicators?per_page=100',
      '/api/v1/progress-reports?per_page=100',
      '/api/v1/initiatives.csv',
      '/api/v1/initiatives.xlsx',
      '/insatser.csv',
      '/insatser.xlsx',
      '/api/v1/iati/activities.xml',
      '/dcat',
      '/oppna-data/riktning.zip',
    ];
    const list = JSON.parse(
      (await fetchBody('/api/v1/initiatives?per_page=100')).body.toString(),
    ) as {
      initiatives: { id: number }[];
    };
    for (const i of list.initiatives) urls.push(`/api/v1/initiatives/${i.id}`);
    const indicators = JSON.parse(
      (await fetchBody('/api/v1/indicators?per_page=100')).body.toString(),
    ) as { indicators: { slug: string }[] };
    for (const i of indicators.indicators.slice(0, 5)) {
      urls.push(`/api/v1/indicators/${i.slug}/observations.csv`);
      urls.push(`/api/v1/indicators/${i.slug}/observations.xlsx`);
    }
    const found: string[] = [];
    let answered = 0;
    for (const url of urls) {
      const { status, type, body } = await fetchBody(url);
      expect(status, url).toBeLessThan(500);
      if (status !== 200) continue;
      answered += 1;
      found.push(...leaks(url, textOf(type, body)));
    }
    expect(found).toEqual([]);
    expect(answered).toBeGreaterThan(urls.length - 2);
  }, 300_000);
});
