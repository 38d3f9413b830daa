import { strFromU8, unzipSync } from 'fflate';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import {
  accessibilityReports,
  goalAreas,
  goals,
  indicators,
  initiativeGoals,
  initiatives,
  invitations,
  users,
} from '../../db/schema/index.js';
import { context, systemActor } from '../../domain/context.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import { readXlsx } from '../../lib/xlsx.js';
import { createTestDatabase } from '../../test/database.js';
import { buildApp } from '../app.js';
import { hostileTitle, person, seedOpenDataFixtures } from './testFixtures.js';

let database: Database;
let app: FastifyInstance;
let ids: Awaited<ReturnType<typeof seedOpenDataFixtures>>;
/** Someone who typed their own sign-in address as an initiative's contact. */
const ownAddress = 'karin.privat@kalmar.example';
const reporterAddress = 'besokare.privat@example.org';
const inviteeAddress = 'inbjuden.person@example.org';
const functionalAddress = 'insatser@region.example';

beforeAll(async () => {
  database = await createTestDatabase();
  ids = await seedOpenDataFixtures(database.db);
  const db = database.db;
  await db.insert(users).values({ email: ownAddress, name: 'Karin Privat', role: 'aktor' });
  await db
    .update(initiatives)
    .set({ contactEmail: ownAddress.toUpperCase() })
    .where(eq(initiatives.id, ids.hostileId));
  // A functional mailbox on another published initiative: published, as the policy says.
  await db.execute(
    sql`update initiatives set contact_email = ${functionalAddress} where id = (select min(id) from initiatives where workflow_state = 'publicerad' and id <> ${ids.hostileId})`,
  );
  await db.insert(accessibilityReports).values({
    pageUrl: '/insatser',
    description: 'Knappen går inte att nå med tangentbordet.',
    contactEmail: reporterAddress,
  });
  await db.insert(invitations).values({
    tokenHash: 'x'.repeat(64),
    email: inviteeAddress,
    role: 'aktor',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    expiresAt: new Date('2026-01-08T00:00:00Z'),
  });
  app = await buildApp({ database });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function firstIndicator() {
  const [row] = await database.db.select().from(indicators).limit(1);
  return row!;
}

describe('XLSX downloads', () => {
  it('writes the initiatives as a workbook with source, licence and units above the header', async () => {
    const res = await app.inject('/api/v1/initiatives.xlsx?place=0880');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toContain('insatser.xlsx');
    const files = unzipSync(res.rawPayload);
    expect(Object.keys(files)).toContain('xl/worksheets/sheet1.xml');
    const sheetXml = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheetXml).not.toContain('<f>');
    expect(sheetXml).toContain('&lt;b&gt;');
    const [sheet] = readXlsx(res.rawPayload);
    expect(sheet!.name).toBe('Insatser');
    expect(sheet!.rows[0]![0]).toMatch(/^Källa: Region Kalmar län/);
    expect(sheet!.rows[1]![0]).toContain('creativecommons.org/publicdomain/zero/1.0/');
    expect(sheet!.rows[2]![0]).toMatch(/kronor/);
    expect(sheet!.rows[3]!.slice(0, 4)).toEqual(['id', 'title', 'summary', 'status']);
    const data = sheet!.rows.slice(4);
    const csv = (await app.inject('/api/v1/initiatives.csv?place=0880')).body;
    const csvRows = csv.split('\r\n').filter((l) => /^\d/.test(l));
    expect(data).toHaveLength(csvRows.length);
    const hostile = data.find((r) => r[0] === String(ids.hostileId))!;
    // A workbook holds text as text: no apostrophe, no formula.
    expect(hostile[1]).toBe(hostileTitle);
    expect(data.some((r) => r[0] === String(ids.draftId))).toBe(false);
  });

  it('writes an indicator with its unit and the Kolada attribution where it applies', async () => {
    const i = await firstIndicator();
    const res = await app.inject(`/api/v1/indicators/${i.slug}/observations.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(`utfall-${i.slug}.xlsx`);
    const [sheet] = readXlsx(res.rawPayload);
    const comments = sheet!.rows.filter((r) => r.length === 1).map((r) => r[0]);
    expect(comments).toContain(`Indikator: ${i.nameSv} (${i.unit})`);
    if (i.source === 'kolada') expect(comments).toContain('Källa: Kolada');
    const header = sheet!.rows.findIndex((r) => r[0] === 'indicator');
    const values = sheet!.rows.slice(header + 1);
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((r) => r[0] === i.slug)).toBe(true);
    const bad = await app.inject(
      `/api/v1/indicators/${i.slug}/observations.xlsx?delimiter=semicolon`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('delimiter');
  });
});

describe('the bulk dump', () => {
  it('is one ZIP of CSV and JSON with a README and a datapackage listing every file', async () => {
    const res = await app.inject('/oppna-data/riktning.zip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = unzipSync(res.rawPayload);
    const names = Object.keys(files);
    for (const n of [
      'README.md',
      'datapackage.json',
      'insatser.csv',
      'insatser.json',
      'indikatorer.json',
      'malomraden.json',
      'lagesrapporter.json',
    ]) {
      expect(names).toContain(n);
    }
    expect(names.some((n) => n.startsWith('utfall/') && n.endsWith('.csv'))).toBe(true);
    const pkg = JSON.parse(strFromU8(files['datapackage.json']!));
    expect(pkg.licenses[0].name).toBe('CC0-1.0');
    const listed = pkg.resources.map((r: { path: string }) => r.path);
    for (const n of names.filter((x) => x !== 'README.md' && x !== 'datapackage.json')) {
      expect(listed).toContain(n);
    }
    const readme = strFromU8(files['README.md']!);
    expect(readme).toContain('CC0');
    expect(readme).toContain('Kolada');
    const json = JSON.parse(strFromU8(files['insatser.json']!));
    const api = (await app.inject('/api/v1/initiatives?per_page=100')).json();
    expect(json.initiatives.map((i: { id: number }) => i.id)).toEqual(
      api.initiatives.map((i: { id: number }) => i.id),
    );
    expect(json.initiatives.some((i: { id: number }) => i.id === ids.draftId)).toBe(false);
    expect(Buffer.from(files['insatser.csv']!).toString('utf8')).toBe(
      (await app.inject('/api/v1/initiatives.csv')).body,
    );
  });

  it('is kept until the data changes, then built again', async () => {
    const first = await app.inject('/oppna-data/riktning.zip');
    const etag = first.headers.etag as string;
    const same = await app.inject({
      url: '/oppna-data/riktning.zip',
      headers: { 'if-none-match': etag },
    });
    expect(same.statusCode).toBe(304);
    const ctx = context(database.db, systemActor('test'));
    await transitionInitiative(ctx, { initiativeId: ids.draftId, action: 'submit' });
    await transitionInitiative(ctx, { initiativeId: ids.draftId, action: 'approve' });
    const after = await app.inject({
      url: '/oppna-data/riktning.zip',
      headers: { 'if-none-match': etag },
    });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    const files = unzipSync(after.rawPayload);
    const json = JSON.parse(strFromU8(files['insatser.json']!));
    expect(json.initiatives.some((i: { id: number }) => i.id === ids.draftId)).toBe(true);
    await transitionInitiative(ctx, { initiativeId: ids.draftId, action: 'archive' });
  });
});

describe('widgets and the embed page', () => {
  it('lets only the widget pages be framed', async () => {
    const [area] = await database.db.select().from(goalAreas).limit(1);
    const i = await firstIndicator();
    for (const url of [
      `/inbaddning/malomraden/${area!.slug}`,
      `/en/inbaddning/malomraden/${area!.slug}`,
      `/inbaddning/indikatorer/${i.slug}`,
      `/en/inbaddning/indikatorer/${i.slug}`,
    ]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-security-policy'], url).toContain('frame-ancestors *');
      expect(res.headers['content-security-policy'], url).toContain("script-src 'none'");
      expect(res.headers['x-frame-options'], url).toBeUndefined();
      expect(res.body).toMatch(/<html lang="(sv|en)">/);
      expect(res.body).toContain('target="_top"');
      expect(res.body).not.toContain('<script');
    }
    for (const url of [
      `/malomraden/${area!.slug}`,
      '/oppna-data',
      '/badda-in',
      '/api/v1/initiatives',
    ]) {
      const res = await app.inject(url);
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options'], url).toBe('DENY');
    }
    const missing = await app.inject('/inbaddning/malomraden/finns-inte');
    expect(missing.statusCode).toBe(404);
  });

  it('lists the published initiatives of the goal area in the widget', async () => {
    // The hostile initiative is published with the fixture's first goal; its area shows it.
    const [area] = await database.db
      .select({ slug: goalAreas.slug })
      .from(goalAreas)
      .innerJoin(goals, eq(goals.goalAreaId, goalAreas.id))
      .innerJoin(initiativeGoals, eq(initiativeGoals.goalId, goals.id))
      .where(eq(initiativeGoals.initiativeId, ids.hostileId));
    const res = await app.inject(`/inbaddning/malomraden/${area!.slug}`);
    expect(res.body).toMatch(/<h1>Insatser inom /);
    expect(res.body).toContain('=HYPERLINK(&quot;http://evil.example&quot;)&amp;&lt;b&gt;');
    expect(res.body).not.toContain('Hemligt utkast');
  });

  it('gives a copyable snippet with a link fallback on the embed page, in both languages', async () => {
    const [area] = await database.db.select().from(goalAreas).limit(1);
    const res = await app.inject(`/badda-in?malomrade=${area!.slug}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<label for="snippet">');
    expect(res.body).toContain(
      `&lt;iframe src=&quot;http://localhost:3000/inbaddning/malomraden/${area!.slug}&quot;`,
    );
    expect(res.body).toContain(
      `&lt;a href=&quot;http://localhost:3000/malomraden/${area!.slug}&quot;&gt;`,
    );
    const en = await app.inject(`/en/badda-in?malomrade=${area!.slug}`);
    expect(en.body).toContain('/en/inbaddning/malomraden/');
    const plain = await app.inject('/badda-in?malomrade=<script>');
    expect(plain.statusCode).toBe(200);
    expect(plain.body).not.toContain('<textarea');
  });

  it('links the dump, the XLSX files and the embed page from the open-data page', async () => {
    for (const [url, embed] of [
      ['/oppna-data', '/badda-in'],
      ['/en/oppna-data', '/en/badda-in'],
    ] as const) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('href="/oppna-data/riktning.zip"');
      expect(res.body).toContain('href="/api/v1/initiatives.xlsx"');
      expect(res.body).toContain(`href="${embed}"`);
    }
  });
});

describe('personal data in open exports', () => {
  it('never contains a user, an invitee, a visitor or a personal contact address', async () => {
    const i = await firstIndicator();
    const [area] = await database.db.select().from(goalAreas).limit(1);
    const userRows = await database.db.select({ email: users.email, name: users.name }).from(users);
    const secrets = [
      ...userRows.map((u) => u.email.toLowerCase()),
      person.name.toLowerCase(),
      reporterAddress,
      inviteeAddress,
    ];
    expect(secrets).toContain(person.email);
    expect(secrets).toContain(ownAddress);
    const texts: [string, string][] = [];
    const get = async (url: string, accept?: string) => {
      const res = await app.inject({ url, headers: accept ? { accept } : {} });
      expect(res.statusCode, url).toBe(200);
      return res;
    };
    for (const url of [
      '/api/v1/initiatives?per_page=100',
      `/api/v1/initiatives/${ids.hostileId}`,
      '/api/v1/progress-reports?per_page=100',
      '/api/v1/organisations?per_page=100',
      '/api/v1/initiatives.csv',
      `/api/v1/indicators/${i.slug}/observations.csv`,
      '/api/v1/iati/activities.xml',
      `/inbaddning/malomraden/${area!.slug}`,
    ]) {
      texts.push([url, (await get(url)).body]);
    }
    texts.push(['/dcat turtle', (await get('/dcat')).body]);
    texts.push(['/dcat rdf', (await get('/dcat', 'application/rdf+xml')).body]);
    for (const url of [
      '/api/v1/initiatives.xlsx',
      `/api/v1/indicators/${i.slug}/observations.xlsx`,
    ]) {
      const sheets = readXlsx((await get(url)).rawPayload);
      texts.push([url, JSON.stringify(sheets)]);
    }
    const zip = unzipSync((await get('/oppna-data/riktning.zip')).rawPayload);
    for (const [name, bytes] of Object.entries(zip)) texts.push([`zip:${name}`, strFromU8(bytes)]);
    for (const [where, text] of texts) {
      const lower = text.toLowerCase();
      for (const secret of secrets)
        expect(lower.includes(secret), `${secret} in ${where}`).toBe(false);
    }
    // An initiative's functional mailbox is published, as the policy says.
    expect(texts.some(([, t]) => t.includes(functionalAddress))).toBe(true);
  });
});
