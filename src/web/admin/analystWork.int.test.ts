import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { goals, importRuns, indicators, jobs } from '../../db/schema/index.js';
import { context, systemActor } from '../../domain/context.js';
import { defineIndicator } from '../../domain/followup/defineIndicator.js';
import { IMPORT_REQUESTED } from '../../domain/imports/importRuns.js';
import { toXlsx } from '../../lib/xlsx.js';
import { createTestDatabase } from '../../test/database.js';
import { buildApp } from '../app.js';
import { CSRF, makeUser, signIn, testCookies, listenOnLoopback } from '../auth/testSupport.js';

/**
 * The analyst's work, over a real socket as a browser sends it: the indicator catalogue, drafts
 * the portal does not show, own values typed into a table and uploaded as a file (all or
 * nothing, errors by row and column), and a failed import run again.
 */
let database: Database;
let app: FastifyInstance;
let base: string;
const session: Record<'analyst' | 'editor' | 'actor', string> = {
  analyst: '',
  editor: '',
  actor: '',
};
let goalId: number;
let koladaSlug: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  base = await listenOnLoopback(app);
  await makeUser(database.db, 'analytiker@example.se', 'analytiker');
  await makeUser(database.db, 'samordnare@example.se', 'samordnare');
  await makeUser(database.db, 'aktor@example.se', 'aktor');
  session.analyst = (await signIn(app, 'analytiker@example.se')).session!;
  session.editor = (await signIn(app, 'samordnare@example.se')).session!;
  session.actor = (await signIn(app, 'aktor@example.se')).session!;
  goalId = (await database.db.select({ id: goals.id }).from(goals).where(eq(goals.code, '4.2')))[0]!
    .id;
  koladaSlug = 'analys-invanare';
  const kolada = await defineIndicator(context(database.db, systemActor('test')), {
    goalId,
    slug: koladaSlug,
    nameSv: 'Invånare (analys)',
    nameEn: 'Inhabitants (analysis)',
    unit: 'antal',
    source: 'kolada',
    sourceRef: 'N01951',
    direction: 'higher',
  });
  if (!kolada.ok) throw new Error('indicator');
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

type Who = keyof typeof session;
const get = async (path: string, who: Who | null, lang?: 'en') => {
  const res = await fetch(`${base}${path}`, {
    headers: {
      cookie: testCookies(who ? session[who] : null, lang ? 'riktning_sprak=en' : ''),
      accept: 'text/html',
    },
    redirect: 'manual',
  });
  return { status: res.status, body: await res.text(), location: res.headers.get('location') };
};
const post = async (path: string, who: Who, body: URLSearchParams | FormData) => {
  body.set('_csrf', CSRF);
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { cookie: testCookies(session[who]), accept: 'text/html' },
    body,
    redirect: 'manual',
  });
  return { status: res.status, body: await res.text(), location: res.headers.get('location') };
};
const fields = (data: Record<string, string>) => new URLSearchParams(data);
const upload = (name: string, data: string | Buffer) => {
  const f = new FormData();
  f.set('_csrf', CSRF);
  f.set('file', new Blob([data]), name);
  return f;
};
const observationCount = async (indicatorId: number) =>
  (
    await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from observations where indicator_id = ${indicatorId}`,
    )
  )[0]!.n;

const newIndicator = {
  goalId: '',
  slug: 'egen-analys',
  nameSv: 'Egen analys',
  nameEn: 'Own analysis',
  unit: 'procent',
  source: 'manual',
  direction: 'higher',
  genderSplit: 'ja',
  decimals: '1',
  placeCodes: '0880',
};

describe('an analyst at work', () => {
  it('reaches the indicator catalogue and the imports, which stay closed to actors', async () => {
    for (const path of ['/admin/indikatorer', '/admin/importer', '/admin/indikatorer/ny']) {
      expect((await get(path, 'analyst')).status).toBe(200);
      expect((await get(path, 'actor')).status).toBe(403);
    }
  });

  let id = 0;
  it('creates an indicator as a draft the portal does not show until an editor publishes it', async () => {
    const created = await post(
      '/admin/indikatorer',
      'analyst',
      fields({ ...newIndicator, goalId: String(goalId) }),
    );
    expect(created.status).toBe(303);
    const [row] = await database.db
      .select()
      .from(indicators)
      .where(eq(indicators.slug, 'egen-analys'));
    id = row!.id;
    expect(row!.publishedAt).toBeNull();
    expect(created.location).toBe(`/admin/indikatorer/${id}?klart=skapad`);
    const page = await get(created.location!, 'analyst');
    expect(page.body).toContain('skapad som utkast');
    expect(page.body).not.toContain(`/admin/indikatorer/${id}/publicera`);
    expect((await get('/indikatorer/egen-analys', null)).status).toBe(404);
    expect((await get('/api/v1/indicators/egen-analys', null)).status).toBe(404);

    expect((await post(`/admin/indikatorer/${id}/publicera`, 'analyst', fields({}))).status).toBe(
      403,
    );
    const english = await get(`/admin/indikatorer/${id}`, 'editor', 'en');
    expect(english.body).toContain('Publish the indicator');
    const published = await post(`/admin/indikatorer/${id}/publicera`, 'editor', fields({}));
    expect(published.status).toBe(303);
    expect((await get('/indikatorer/egen-analys', null)).status).toBe(200);
  });

  it('types values into the table: one value that is not a number saves nothing and is named', async () => {
    const path = `/admin/indikatorer/${id}/varden`;
    const table = await get(path, 'analyst');
    expect(table.status).toBe(200);
    expect(table.body).toContain('name="v_0880_2024_K"');
    expect(table.body).toContain('aria-label="Kalmar 2024, kvinnor"');
    const bad = await post(
      path,
      'analyst',
      fields({ v_0880_2024_K: '51,5', v_0880_2024_M: 'femtio' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Inget har sparats');
    expect(bad.body).toContain('href="#v_0880_2024_M"');
    expect(bad.body).toContain('value="femtio"');
    expect(await observationCount(id)).toBe(0);
    const good = await post(
      path,
      'analyst',
      fields({ v_0880_2024_K: '51,5', v_0880_2024_M: '48.5', v_0880_2024_T: '' }),
    );
    expect(good.status).toBe(303);
    expect(await observationCount(id)).toBe(2);
    const after = await get(good.location!, 'analyst');
    expect(after.body).toMatch(/Värdena är sparade \(importkörning \d+\)/);
    expect(after.body).toContain('value="51,5"');
    expect((await post(path, 'actor', fields({ v_0880_2024_K: '1' }))).status).toBe(403);
  });

  it('uploads a CSV file with one bad row: nothing is saved, the row and column are named', async () => {
    const path = `/admin/indikatorer/${id}/varden/fil`;
    const csv = [
      'indicator,place,period,gender,value,status',
      'egen-analys,0880,2023,K,50,',
      'egen-analys,0880,2023,M,tre,',
      'egen-analys,0880,2023,T,49,',
    ].join('\n');
    const bad = await post(path, 'analyst', upload('varden.csv', csv));
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Inget har sparats: filen har fel.');
    expect(bad.body).toMatch(
      /<td>3<\/td><td>value<\/td><td>Värdet &quot;tre&quot; är inte ett tal\.<\/td>/,
    );
    expect(await observationCount(id)).toBe(2);
    const other = await post(
      path,
      'analyst',
      upload(
        'varden.csv',
        `indicator,place,period,gender,value,status\n${koladaSlug},0880,2023,T,1,\n`,
      ),
    );
    expect(other.status).toBe(400);
    expect(other.body).toContain(`Raden gäller ${koladaSlug}`);
    const good = await post(path, 'analyst', upload('varden.csv', csv.replace('tre', '47')));
    expect(good.status).toBe(303);
    expect(await observationCount(id)).toBe(5);
    const xlsx = toXlsx([
      {
        name: 'Värden',
        rows: [
          ['indicator', 'place', 'period', 'gender', 'value', 'status'],
          ['egen-analys', '0880', '2022', 'T', '44', ''],
        ],
      },
    ]);
    const sheet = await post(path, 'analyst', upload('varden.xlsx', xlsx));
    expect(sheet.status).toBe(303);
    expect(await observationCount(id)).toBe(6);
    const wrong = await post(path, 'analyst', upload('varden.pdf', 'x'));
    expect(wrong.status).toBe(415);
  });

  it('runs a failed import again, shows its choices in words and no notice after a reload', async () => {
    const [run] = await database.db
      .insert(importRuns)
      .values({
        source: 'kolada',
        status: 'failed',
        params: { kpi: 'N01951', indicator: koladaSlug, years: [2015, 2016, 2017, 2020] },
        errors: [{ row: 0, field: '_', message: 'Kolada svarade inte.', code: 'source' }],
        finishedAt: new Date(),
      })
      .returning({ id: importRuns.id });
    const page = await get(`/admin/importer/${run!.id}`, 'analyst');
    expect(page.body).toContain('<dt>Nyckeltal i Kolada</dt><dd>N01951</dd>');
    expect(page.body).toContain('<dt>År</dt><dd>2015–2017, 2020</dd>');
    expect(page.body).not.toContain('<code>kpi</code>');
    expect(page.body).toContain(`action="/admin/importer/${run!.id}/igen"`);
    const retried = await post(`/admin/importer/${run!.id}/igen`, 'analyst', fields({}));
    expect(retried.status).toBe(303);
    expect(retried.location).toBe('/admin/importer');
    const queued = await database.db.select().from(jobs).where(eq(jobs.kind, IMPORT_REQUESTED));
    expect(queued.map((j) => j.payload)).toContainEqual(
      expect.objectContaining({ slug: koladaSlug }),
    );
    const list = await get('/admin/importer', 'analyst');
    expect(list.body).toContain('Köade importer');
    expect(list.body).toContain('Invånare (analys)');
    expect(list.body).not.toContain('Importen är köad');
    expect((await post(`/admin/importer/${run!.id}/igen`, 'actor', fields({}))).status).toBe(403);
  });
});
