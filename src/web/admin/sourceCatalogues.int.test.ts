import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { indicators } from '../../db/schema/index.js';
import { startFixtureServer, type FixtureServer } from '../../domain/imports/fixtureServer.js';
import { testConfig } from '../../test/config.js';
import { createTestDatabase } from '../../test/database.js';
import { buildApp } from '../app.js';
import { as, CSRF, form, signedInAs } from '../auth/testSupport.js';
import { htmlProblems } from '../../test/html.js';

/**
 * The analysts' search in Kolada's KPI catalogue and SCB's tables (PxWebApi 2.0) over recorded
 * responses on loopback: words find KPIs and tables with their metadata, one is added on a goal in
 * one step (a table with a chosen value per variable), a failure says why and keeps what was
 * typed and chosen, and only those who keep the indicators may use them.
 */
let database: Database;
let server: FixtureServer;
let app: FastifyInstance;
let analyst: string | null;
let actor: string | null;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startFixtureServer((req) => {
    if (req.path === '/kpi' && req.query.get('title') === 'förvärvsarbetande')
      return { fixture: 'kolada/kpi-search-forvarvsarbetande.json' };
    if (req.path === '/kpi' && req.query.get('title') === 'trasig')
      return { status: 400, body: { error: 'bad request' } };
    if (req.path === '/kpi') return { fixture: 'kolada/kpi-unknown.json' };
    if (req.path === '/kpi/N00914') return { fixture: 'kolada/kpi-search-forvarvsarbetande.json' };
    if (req.path === '/tables' && req.query.get('query') === 'trasig')
      return { status: 400, body: { title: 'Bad request' } };
    if (req.path === '/tables') return { fixture: 'scb/tables-search-folkmangd.json' };
    if (req.path === '/tables/TAB638/metadata') return { fixture: 'scb/TAB638-metadata.json' };
    return { status: 404, body: { error: 'not found' } };
  });
  app = await buildApp({
    database,
    config: testConfig({ KOLADA_BASE_URL: server.baseUrl, SCB_PXWEB_V2_BASE_URL: server.baseUrl }),
  });
  analyst = await signedInAs(app, database.db, 'analytiker');
  actor = await signedInAs(app, database.db, 'aktor');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await server?.close();
  await database?.close();
});

const PATH = '/admin/indikatorer/kolada';
const get = (url: string, session: string | null) => app.inject({ url, headers: as(session) });
const post = (session: string | null, data: Record<string, string>, url = PATH) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...as(session), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: CSRF, ...data }),
  });

describe("Kolada's KPI catalogue in the admin", () => {
  it('finds KPIs by words with their description, unit, gender division, area and dates', async () => {
    const res = await get(`${PATH}?sok=${encodeURIComponent('förvärvsarbetande')}`, analyst);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('2 nyckeltal matchar ”förvärvsarbetande”.');
    expect(res.body).toContain('<code>N00914</code>');
    expect(res.body).toContain('<dt>Uppdelat på kön</dt><dd>ja</dd>');
    expect(res.body).toContain('<dt>Verksamhetsområde</dt><dd>Arbetsmarknad</dd>');
    expect(res.body).toContain('<dt>Publicerat</dt><dd>27 november 2024</dd>');
    expect(res.body).toContain('<dt>Enhet</dt><dd>%</dd>');
    expect(res.body).toContain('value="förvärvsarbetande"');
    expect(await htmlProblems(res.body)).toEqual([]);
    expect(server.requests.at(-1)?.query.get('title')).toBe('förvärvsarbetande');
    const none = await get(`${PATH}?sok=zzz`, analyst);
    expect(none.body).toContain('Inga nyckeltal i Kolada matchar ”zzz”.');
  });

  it('adds a KPI as a draft indicator on a goal in one step, with Kolada’s metadata', async () => {
    const res = await post(analyst, {
      kpi: 'N00914',
      goal: '4.2',
      direction: 'higher',
      sok: 'förvärvsarbetande',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/admin\/indikatorer\/\d+\?klart=skapad$/);
    const [row] = await database.db
      .select()
      .from(indicators)
      .where(eq(indicators.sourceRef, 'N00914'));
    expect(row).toMatchObject({
      source: 'kolada',
      nameSv: 'Förvärvsarbetande invånare 20-64 år, andel (%)',
      unit: '%',
      genderSplit: true,
      publishedAt: null,
    });
    const again = await get(`${PATH}?sok=${encodeURIComponent('förvärvsarbetande')}`, analyst);
    expect(again.body).toContain('Redan en indikator:');
  });

  it('says why a search failed and keeps what was typed', async () => {
    const res = await get(`${PATH}?sok=trasig`, analyst);
    expect(res.statusCode).toBe(502);
    expect(res.body).toMatch(
      /<div class="error-summary" role="alert"><p>Sökningen i Kolada misslyckades: /,
    );
    expect(res.body).toContain('value="trasig"');
    expect(await htmlProblems(res.body)).toEqual([]);
  });

  it('refuses a KPI id not of Kolada’s form and keeps the search', async () => {
    const res = await post(analyst, {
      kpi: 'X1',
      goal: '4.2',
      direction: 'lower',
      sok: 'förvärvsarbetande',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Ett Kolada-id är N eller U och fem siffror');
    expect(res.body).toContain('value="förvärvsarbetande"');
  });

  it('is for those who keep the indicators only', async () => {
    expect((await get(PATH, actor)).statusCode).toBe(403);
    expect((await post(actor, { kpi: 'N00913', goal: '4.2' })).statusCode).toBe(403);
    expect((await app.inject(PATH)).statusCode).toBe(303);
    const rows = await database.db
      .select()
      .from(indicators)
      .where(eq(indicators.sourceRef, 'N00913'));
    expect(rows).toEqual([]);
  });
});

const SCB_PATH = '/admin/indikatorer/scb';

describe("SCB's table catalogue in the admin", () => {
  it('finds tables by words and shows a table’s variables as choices', async () => {
    const found = await get(`${SCB_PATH}?sok=${encodeURIComponent('folkmängd')}`, analyst);
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('2 tabeller matchar ”folkmängd”.');
    expect(found.body).toContain(`href="${SCB_PATH}/TAB638?sok=folkm%C3%A4ngd"`);
    const table = await get(`${SCB_PATH}/TAB638?sok=folkm%C3%A4ngd`, analyst);
    expect(table.statusCode).toBe(200);
    expect(table.body).toContain('<h1>Tabell TAB638</h1>');
    expect(table.body).toContain('Importen väljer själv region, kön, år');
    expect(table.body).toContain('name="v.ContentsCode"');
    expect(table.body).toContain(
      '<option value="">(utelämna – summan)</option><option value="OG">',
    );
    expect(table.body).not.toContain('name="v.Region"');
    expect(await htmlProblems(found.body)).toEqual([]);
    expect(await htmlProblems(table.body)).toEqual([]);
  });

  it('adds the table with the chosen values as a draft indicator', async () => {
    const res = await post(
      analyst,
      {
        'v.ContentsCode': 'BE0101N2',
        'v.Civilstand': '',
        goal: '3.1',
        direction: 'higher',
        sok: 'folkmängd',
      },
      `${SCB_PATH}/TAB638`,
    );
    expect(res.statusCode).toBe(303);
    const [row] = await database.db
      .select()
      .from(indicators)
      .where(eq(indicators.sourceRef, 'TAB638'));
    expect(row).toMatchObject({
      source: 'scb',
      sourceSelection: { ContentsCode: ['BE0101N2'] },
      publishedAt: null,
    });
  });

  it('keeps what was chosen when a value is missing, and says why a search failed', async () => {
    const res = await post(
      analyst,
      {
        'v.Alder': '100+',
        goal: '2.1',
        direction: 'lower',
        sok: 'folkmängd',
      },
      `${SCB_PATH}/TAB638`,
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<li>Välj ett värde för tabellinnehåll.</li>');
    expect(res.body).toContain('<option value="100+" selected>');
    expect(res.body).toMatch(/<option value="2\.1" selected>/);
    expect(res.body).toContain('<option value="lower" selected>');
    expect(await htmlProblems(res.body)).toEqual([]);
    const failed = await get(`${SCB_PATH}?sok=trasig`, analyst);
    expect(failed.statusCode).toBe(502);
    expect(failed.body).toContain('Frågan till SCB misslyckades:');
    expect(failed.body).toContain('value="trasig"');
    expect((await get(`${SCB_PATH}/TAB999`, analyst)).statusCode).toBe(404);
  });

  it('is for those who keep the indicators only', async () => {
    expect((await get(SCB_PATH, actor)).statusCode).toBe(403);
    expect((await get(`${SCB_PATH}/TAB638`, actor)).statusCode).toBe(403);
    expect(
      (await post(actor, { 'v.ContentsCode': 'BE0101N1', goal: '3.1' }, `${SCB_PATH}/TAB638`))
        .statusCode,
    ).toBe(403);
  });
});
