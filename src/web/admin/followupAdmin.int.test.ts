import { and, desc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { auditEvents, goals, importRuns, indicators, jobs } from '../../db/schema/index.js';
import { systemActor } from '../../domain/context.js';
import { defineIndicator } from '../../domain/followup/defineIndicator.js';
import { startFixtureServer, type FixtureServer } from '../../domain/imports/fixtureServer.js';
import { IMPORT_REQUESTED, runRequestedImport } from '../../jobs/requestedImport.js';
import { createWorker } from '../../jobs/worker.js';
import { createTestDatabase, testCtx } from '../../test/database.js';
import { buildApp } from '../app.js';
import { as, CSRF, form, makeUser, signIn } from '../auth/testSupport.js';

let database: Database;
let app: FastifyInstance;
let server: FixtureServer;
let editor: string | null;
let member: string | null;
let goalId: number;
let koladaId: number;
let manualId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  server = await startFixtureServer((req) => {
    if (req.path === '/kpi/N01951') return { fixture: 'kolada/kpi-N01951.json' };
    return { fixture: `kolada/data-N01951-page${req.query.get('page') ?? '1'}.json` };
  });
  await makeUser(database.db, 'redaktor@example.se', 'samordnare');
  await makeUser(database.db, 'aktor@example.se', 'aktor');
  editor = (await signIn(app, 'redaktor@example.se')).session;
  member = (await signIn(app, 'aktor@example.se')).session;
  goalId = (await database.db.select({ id: goals.id }).from(goals).where(eq(goals.code, '4.2')))[0]!
    .id;
  const ctx = testCtx(database.db, systemActor('test'));
  const kolada = await defineIndicator(ctx, {
    goalId,
    slug: 'admin-invanare',
    nameSv: 'Invånare (test)',
    nameEn: 'Inhabitants (test)',
    unit: 'antal',
    source: 'kolada',
    sourceRef: 'N01951',
    direction: 'higher',
  });
  const manual = await defineIndicator(ctx, {
    goalId,
    slug: 'admin-egen',
    nameSv: 'Egen (test)',
    nameEn: 'Own (test)',
    unit: 'antal',
    source: 'manual',
    direction: 'higher',
  });
  if (!kolada.ok || !manual.ok) throw new Error('indicators');
  koladaId = kolada.value.id;
  manualId = manual.value.id;
});
afterAll(async () => {
  await app?.close();
  await server?.close();
  await database?.close();
});

const post = (url: string, session: string | null, data: Record<string, string | string[]>) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...as(session), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: CSRF, ...data }),
  });
const get = (url: string, session: string | null, lang?: 'en') =>
  app.inject({
    url,
    headers: { cookie: `${as(session).cookie}${lang ? '; riktning_sprak=en' : ''}` },
  });

const validIndicator = {
  goalId: '',
  nameSv: 'Andel med bredband',
  nameEn: 'Share with broadband',
  slug: 'andel-bredband-test',
  description: 'Hushåll med minst 1 Gbit/s.',
  unit: 'procent',
  source: 'scb',
  sourceRef: 'TAB638',
  direction: 'higher',
  genderSplit: 'ja',
  decimals: '1',
  baselineYear: '2020',
  baselineValue: '71,5',
  targetYear: '2030',
  targetValue: '98',
  targetIsExample: 'ja',
  placeCodes: ['0880', '0008'],
  methodNote: 'PTS bredbandskartläggning.',
};

describe('the indicator catalogue in the admin', () => {
  it('is for editors: members are refused and visitors sent to sign in', async () => {
    expect((await get('/admin/indikatorer', editor)).statusCode).toBe(200);
    expect((await get('/admin/indikatorer', member)).statusCode).toBe(403);
    expect((await get('/admin/indikatorer', null)).statusCode).toBe(303);
    expect((await post('/admin/indikatorer', member, validIndicator)).statusCode).toBe(403);
    const page = await get('/admin/indikatorer', editor);
    expect(page.body).toContain('Invånare (test)');
    expect(page.body).toContain('href="/admin/indikatorer"');
  });

  it('shows field errors next to the fields and keeps what was typed', async () => {
    const res = await post('/admin/indikatorer', editor, {
      ...validIndicator,
      goalId: String(goalId),
      nameSv: 'x',
      baselineValue: 'sjuttio',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/id="nameSv-error">Ange ett namn på svenska/);
    expect(res.body).toMatch(/id="baselineValue-error">Ange ett tal\./);
    expect(res.body).toContain('value="sjuttio"');
    expect(res.body).toContain('PTS bredbandskartläggning.');
    expect(res.body).toMatch(/aria-invalid="true"/);
    const years = await post('/admin/indikatorer', editor, {
      ...validIndicator,
      goalId: String(goalId),
      targetYear: '2019',
    });
    expect(years.statusCode).toBe(400);
    expect(years.body).toMatch(/id="targetYear-error">Målåret ska komma efter utgångsåret\./);
    const english = await app.inject({
      method: 'POST',
      url: '/admin/indikatorer',
      headers: {
        cookie: `${as(editor).cookie}; riktning_sprak=en`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: form({ _csrf: CSRF, ...validIndicator, goalId: '' }),
    });
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain('Choose a goal.');
    const unknownPlace = await post('/admin/indikatorer', editor, {
      ...validIndicator,
      goalId: String(goalId),
      placeCodes: ['9999'],
    });
    expect(unknownPlace.statusCode).toBe(400);
    expect(unknownPlace.body).toContain('Okända områden: 9999.');
    const [n] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from indicators where slug = 'andel-bredband-test'`,
    );
    expect(n!.n).toBe(0);
  });

  it('creates and edits an indicator with an audit event each', async () => {
    const created = await post('/admin/indikatorer', editor, {
      ...validIndicator,
      goalId: String(goalId),
    });
    expect(created.statusCode).toBe(303);
    const [row] = await database.db
      .select()
      .from(indicators)
      .where(eq(indicators.slug, 'andel-bredband-test'));
    expect(row).toMatchObject({
      nameEn: 'Share with broadband',
      source: 'scb',
      sourceRef: 'TAB638',
      genderSplit: true,
      baselineValue: 71.5,
      targetYear: 2030,
      targetIsExample: true,
      placeCodes: ['0008', '0880'],
      methodNote: 'PTS bredbandskartläggning.',
    });
    const form = await get(`/admin/indikatorer/${row!.id}`, editor);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="71.5"');
    expect(form.body).toMatch(/value="0880" checked/);
    const edited = await post(`/admin/indikatorer/${row!.id}`, editor, {
      ...validIndicator,
      goalId: String(goalId),
      targetValue: '99',
      targetIsExample: [],
      placeCodes: [],
    });
    expect(edited.statusCode).toBe(303);
    const [after] = await database.db.select().from(indicators).where(eq(indicators.id, row!.id));
    expect(after).toMatchObject({ targetValue: 99, targetIsExample: false, placeCodes: [] });
    const events = await database.db
      .select({ action: auditEvents.action, before: auditEvents.before })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityType, 'indicator'), eq(auditEvents.entityId, String(row!.id))),
      )
      .orderBy(auditEvents.id);
    expect(events.map((e) => e.action)).toEqual(['indicator.defined', 'indicator.updated']);
    expect(events[1]!.before).toMatchObject({ targetValue: 98 });
    expect((await get('/admin/indikatorer/999999', editor)).statusCode).toBe(404);
  });
});

describe('import runs in the admin', () => {
  it('queues an import for an indicator with a source, and refuses one without', async () => {
    const refused = await post('/admin/importer', editor, { indicatorId: String(manualId) });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Indikatorn har ingen källa att hämta från');
    expect(
      (await post('/admin/importer', member, { indicatorId: String(koladaId) })).statusCode,
    ).toBe(403);
    const queued = await post('/admin/importer', editor, { indicatorId: String(koladaId) });
    expect(queued.statusCode).toBe(303);
    const [job] = await database.db
      .select()
      .from(jobs)
      .where(eq(jobs.kind, IMPORT_REQUESTED))
      .orderBy(desc(jobs.id));
    expect(job!.payload).toMatchObject({ slug: 'admin-invanare' });
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'import.requested'));
    expect(event!.actorLabel).toBe('user:redaktor@example.se');

    // The worker runs it as the editor, so the run names who started it.
    const sources = {
      koladaBaseUrl: server.baseUrl,
      scbV1BaseUrl: server.baseUrl,
      scbV2BaseUrl: server.baseUrl,
    };
    const worker = createWorker({
      db: database.db,
      registry: { [IMPORT_REQUESTED]: (ctx, p) => runRequestedImport(ctx, p, sources) },
    });
    const result = await worker.runOnce();
    expect(result?.status, (result as { error?: string } | undefined)?.error).toBe('done');
    const [run] = await database.db.select().from(importRuns).orderBy(desc(importRuns.id));
    expect(run!.status).toBe('succeeded');
    expect(run!.progressTotal).toBeGreaterThan(0);
    expect(run!.progressDone).toBe(run!.progressTotal);

    const list = await get('/admin/importer', editor);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/admin/importer/${run!.id}"`);
    expect(list.body).toContain('redaktor');
    const detail = await get(`/admin/importer/${run!.id}`, editor);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Invånare (test)');
    expect(detail.body).toMatch(/<dt>Nya<\/dt><dd>\d+<\/dd>/);
    expect(detail.body).toContain('<dt>Nyckeltal i Kolada</dt><dd>N01951</dd>');
    expect(detail.headers.refresh).toBeUndefined();
  });

  it('shows a running import with a progress bar that refreshes itself, and the errors of a failed one', async () => {
    const [running] = await database.db
      .insert(importRuns)
      .values({
        source: 'kolada',
        params: { indicator: 'admin-invanare' },
        progressDone: 2,
        progressTotal: 5,
      })
      .returning({ id: importRuns.id });
    const page = await get(`/admin/importer/${running!.id}`, editor);
    expect(page.headers.refresh).toBe('3');
    expect(page.body).toMatch(/<progress max="5" value="2"/);
    expect(page.body).toContain('2 av 5 steg klara');
    const english = await get(`/admin/importer/${running!.id}`, editor, 'en');
    expect(english.body).toContain('2 of 5 steps done');
    expect((await get('/admin/importer', editor)).headers.refresh).toBe('3');

    const [failed] = await database.db
      .insert(importRuns)
      .values({
        source: 'csv',
        status: 'failed',
        params: { file: 'utfall.csv' },
        errors: [
          { row: 3, field: 'value', message: 'Värdet <b>1e13</b> är orimligt.', code: 'absurd' },
        ],
        finishedAt: new Date(),
      })
      .returning({ id: importRuns.id });
    const failedPage = await get(`/admin/importer/${failed!.id}`, editor);
    expect(failedPage.body).toContain('Misslyckades');
    expect(failedPage.body).toContain('Värdet &lt;b&gt;1e13&lt;/b&gt; är orimligt.');
    expect((await get(`/admin/importer/${failed!.id}`, member)).statusCode).toBe(403);
    expect((await get('/admin/importer/abc', editor)).statusCode).toBe(404);
  });
});
