import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { accessibilityReports, auditEvents } from '../../db/schema/index.js';
import { createTestDatabase } from '../../test/database.js';
import { htmlProblems } from '../../test/html.js';
import { buildApp } from '../app.js';
import { listenOnLoopback, loopbackClient, makeUser, signIn } from '../auth/testSupport.js';

/**
 * Visitors' accessibility reports (DOS-lagen): a visitor reports through the portal's form, the
 * Region's coordinator and administrator read the report and mark it handled with a note; an
 * actor and an analyst are refused; the desk counts what waits.
 */
let database: Database;
let app: FastifyInstance;
let client: ReturnType<typeof loopbackClient<'samordnare' | 'admin' | 'aktor' | 'analytiker'>>;

const DESCRIPTION = 'Diagrammet på indikatorsidan går inte att läsa med skärmläsare.';
const CONTACT = 'besokare@example.se';
const PATH = '/admin/tillganglighet';

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  const base = await listenOnLoopback(app);
  const sessions = { samordnare: '', admin: '', aktor: '', analytiker: '' };
  for (const role of ['samordnare', 'admin', 'aktor', 'analytiker'] as const) {
    await makeUser(database.db, `${role}@tillganglighet.se`, role);
    sessions[role] = (await signIn(app, `${role}@tillganglighet.se`)).session!;
  }
  client = loopbackClient(base, sessions);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const reportId = async () => {
  const [row] = await database.db
    .select({ id: accessibilityReports.id })
    .from(accessibilityReports)
    .where(eq(accessibilityReports.description, DESCRIPTION));
  return row!.id;
};

const stored = async (id: number) =>
  (await database.db.select().from(accessibilityReports).where(eq(accessibilityReports.id, id)))[0];

describe('accessibility reports', () => {
  it('reach the Region from the portal form and wait on the desk', async () => {
    const sent = await client.post('/tillganglighet', null, {
      pageUrl: '/uppfoljning/indikatorer/x',
      description: DESCRIPTION,
      contactEmail: CONTACT,
    });
    expect(sent.status).toBe(303);
    const desk = await client.get('/admin', 'samordnare');
    expect(desk.body).toContain(`<a href="${PATH}">1 tillgänglighetsanmälan väntar på svar</a>`);
    const page = await client.get(PATH, 'samordnare');
    expect(page.status).toBe(200);
    expect(page.body).toContain(DESCRIPTION);
    expect(page.body).toContain(`<a href="mailto:${CONTACT}">${CONTACT}</a>`);
    expect(page.body).toContain('<code>/uppfoljning/indikatorer/x</code>');
    expect(await htmlProblems(page.body)).toEqual([]);
    const en = await client.get(PATH, 'admin', 'en');
    expect(en.body).toContain('<h1>Reported accessibility problems</h1>');
    expect(en.body).toContain('Mark as handled');
  });

  it('are not shown to an actor or an analyst, nor handled by them', async () => {
    const id = await reportId();
    for (const who of ['aktor', 'analytiker'] as const) {
      expect((await client.get(PATH, who)).status).toBe(403);
      expect((await client.post(`${PATH}/${id}/hanterad`, who, { note: 'x' })).status).toBe(403);
      expect((await client.get('/admin', who)).body).not.toContain('tillgänglighetsanmälan');
    }
    const row = await stored(id);
    expect(row!.status).toBe('ny');
  });

  it('keeps a note that is too long in its form, with the reason, and saves nothing', async () => {
    const id = await reportId();
    const long = 'å'.repeat(5001);
    const res = await client.post(`${PATH}/${id}/hanterad`, 'samordnare', { note: long });
    expect(res.status).toBe(400);
    expect(res.body).toContain('Högst 5 000 tecken.');
    expect(res.body).toContain(`>${long}</textarea>`);
    expect(res.body).toContain(`aria-invalid="true"`);
    const row = await stored(id);
    expect(row!.status).toBe('ny');
  });

  it('are marked handled with a note, once, and the log says so in words', async () => {
    const id = await reportId();
    const note = 'Diagrammet har fått en tabell bredvid.\nSvar skickat till besökaren.';
    const done = await client.post(`${PATH}/${id}/hanterad`, 'samordnare', { note });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${PATH}?klart=hanterad`);
    const waiting = await client.get(`${PATH}?klart=hanterad`, 'samordnare');
    expect(waiting.body).toContain('Anmälan är markerad som hanterad.');
    expect(waiting.body).toContain('Inga anmälningar väntar.');
    const handled = await client.get(`${PATH}?visa=hanterade`, 'samordnare');
    expect(handled.body).toContain(DESCRIPTION);
    expect(handled.body).toContain('Hanterad av samordnare');
    expect(handled.body).toContain(note);
    // The administrator posting the same form again changes nothing and is told why.
    const again = await client.post(`${PATH}/${id}/hanterad`, 'admin', { note: 'Annan text' });
    expect(again.location).toBe(`${PATH}?klart=redan`);
    const row = await stored(id);
    expect(row!.handlingNote).toBe(note);
    const events = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityType, 'accessibility_report'));
    expect(events.map((e) => e.action).sort()).toEqual([
      'accessibility_report.handled',
      'accessibility_report.received',
    ]);
    const log = await client.get('/admin/logg', 'admin');
    expect(log.body).toContain('Tillgänglighetsanmälan hanterad');
    const desk = await client.get('/admin', 'samordnare');
    expect(desk.body).not.toContain('tillgänglighetsanmälan');
  });

  it('answer 404 for a report that does not exist', async () => {
    expect((await client.post(`${PATH}/999999/hanterad`, 'samordnare', {})).status).toBe(404);
  });
});
