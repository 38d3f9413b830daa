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

/**
 * The analysts' search in Kolada's KPI catalogue over recorded responses on loopback: words find
 * KPIs with their metadata, one is added on a goal in one step, a failing search says why and
 * keeps what was typed, and only those who keep the indicators may use it.
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
    return { status: 404, body: { error: 'not found' } };
  });
  app = await buildApp({
    database,
    config: testConfig({ KOLADA_BASE_URL: server.baseUrl }),
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
const post = (session: string | null, data: Record<string, string>) =>
  app.inject({
    method: 'POST',
    url: PATH,
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
