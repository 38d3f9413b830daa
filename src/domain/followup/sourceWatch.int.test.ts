import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { goals, indicators } from '../../db/schema/index.js';
import { buildApp } from '../../web/app.js';
import { as, CSRF, form, signedInAs } from '../../web/auth/testSupport.js';
import { context, systemActor } from '../context.js';
import { createTestDatabase } from '../../test/database.js';
import { publishFollowUpReport, publishedReport } from '../evaluation/publishFollowUpReport.js';
import { readFixture, startFixtureServer, type FixtureServer } from '../imports/fixtureServer.js';
import { importKoladaValues } from '../imports/importKoladaValues.js';
import { koladaClient } from '../imports/kolada/koladaClient.js';
import { defineIndicator } from './defineIndicator.js';
import { revisionsSinceReports, sourceNotices } from './sourceWatch.js';

/**
 * The source watch: values the imports revise after a follow-up report was frozen show as a dated
 * notice above the report and for the analysts; a Kolada KPI renamed or removed shows for the
 * analysts until one of them marks it as seen. Kolada's answers are recorded responses on loopback.
 */
let database: Database;
let server: FixtureServer;
let app: FastifyInstance;
let analyst: string | null;
let actor: string | null;
let kpiReply: () => Promise<unknown>;
let dataReply: (page: string) => string;
let indicatorId: number;

const at = (iso: string) => context(database.db, systemActor('test'), () => new Date(iso));
const importAt = (iso: string) =>
  importKoladaValues(
    at(iso),
    { kpi: 'N01951', indicator: 'bevakad', places: ['0008', '0880'], years: [2022, 2023, 2024] },
    { client: koladaClient(server.baseUrl) },
  );
const renamed = async () => {
  const body = JSON.parse(await readFixture('kolada/kpi-N01951.json')) as {
    values: { title: string }[];
  };
  body.values[0]!.title = 'Invånare, totalt antal';
  return body;
};

beforeAll(async () => {
  database = await createTestDatabase();
  kpiReply = async () => JSON.parse(await readFixture('kolada/kpi-N01951.json'));
  dataReply = (page) => `kolada/data-N01951-page${page}.json`;
  server = await startFixtureServer(async (req) =>
    req.path === '/kpi/N01951'
      ? { body: await kpiReply() }
      : { fixture: dataReply(req.query.get('page') ?? '1') },
  );
  const [goal] = await database.db
    .select({ id: goals.id })
    .from(goals)
    .where(eq(goals.code, '4.2'));
  const defined = await defineIndicator(at('2026-06-01T08:00:00Z'), {
    goalId: goal!.id,
    slug: 'bevakad',
    nameSv: 'Invånare i länet',
    nameEn: 'Inhabitants of the county',
    unit: 'antal',
    source: 'kolada',
    sourceRef: 'N01951',
    direction: 'higher',
  });
  if (!defined.ok) throw new Error(JSON.stringify(defined.issues));
  indicatorId = defined.value.id;
  app = await buildApp({ database });
  analyst = await signedInAs(app, database.db, 'analytiker');
  actor = await signedInAs(app, database.db, 'aktor');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await server?.close();
  await database?.close();
});

const get = (url: string, session: string | null = null) =>
  app.inject({ url, headers: session ? as(session) : {} });

describe('the source watch', () => {
  it('keeps the KPI title at the first import and says nothing', async () => {
    const first = await importAt('2026-06-01T09:00:00Z');
    expect(first.ok).toBe(true);
    const [row] = await database.db
      .select({ title: indicators.sourceTitle, notice: indicators.sourceNotice })
      .from(indicators)
      .where(eq(indicators.id, indicatorId));
    expect(row).toEqual({ title: 'Invånare totalt, antal', notice: null });
    expect(await sourceNotices(database.db)).toEqual([]);
    expect(await revisionsSinceReports(database.db)).toEqual([]);
  });

  it('shows values revised after the report was frozen above the report, whose text stays as it was', async () => {
    await publishFollowUpReport(at('2026-07-01T09:00:00Z'), { year: 2024 });
    const frozen = await publishedReport(database.db, 2024);
    const before = (await get('/utvecklingsaret/2024')).body;
    expect(before).not.toContain('id="reviderat"');

    dataReply = () => 'kolada/data-N01951-revised.json';
    kpiReply = renamed;
    const second = await importAt('2026-08-03T02:00:00Z');
    expect(second.ok && second.counts.rowsChanged).toBe(2);

    const [revised] = await revisionsSinceReports(database.db);
    expect(revised).toMatchObject({
      year: 2024,
      count: 2,
      latest: new Date('2026-08-03T02:00:00Z'),
      indicators: [{ slug: 'bevakad', count: 2 }],
    });
    const page = (await get('/utvecklingsaret/2024')).body;
    expect(page).toContain(
      '2 värden som rapporten bygger på har reviderats av källan sedan rapporten publicerades 1 juli 2026 (senast 3 augusti 2026).',
    );
    expect(page).toContain(
      '<a href="/indikatorer/bevakad#revideringar">Invånare i länet</a> (2 värden)',
    );
    const strip = (html: string) => html.slice(html.indexOf('<article class="report">'));
    expect(strip(page)).toBe(strip(before));
    expect((await publishedReport(database.db, 2024)).data).toEqual(frozen.data);
    const en = (await get('/en/utvecklingsaret/2024')).body;
    expect(en).toContain('2 values the report rests on have been revised by the source');
  });

  it('tells the analysts of the revisions and the renamed KPI, until one marks it as seen', async () => {
    const page = (await get('/admin/indikatorer', analyst)).body;
    expect(page).toContain('<h2 id="kallbevakning">Källbevakning</h2>');
    expect(page).toContain('2 värden har reviderats sedan rapporten 2024 publicerades');
    expect(page).toContain(
      'Kolada har bytt namn på N01951 den 3 augusti 2026: från ”Invånare totalt, antal” till ”Invånare, totalt antal”.',
    );
    const seen = {
      method: 'POST' as const,
      url: `/admin/indikatorer/${indicatorId}/bevakning/sedd`,
      payload: form({ _csrf: CSRF }),
    };
    const refused = await app.inject({
      ...seen,
      headers: { ...as(actor), 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(refused.statusCode).toBe(403);
    expect(await sourceNotices(database.db)).toHaveLength(1);
    const done = await app.inject({
      ...seen,
      headers: { ...as(analyst), 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.statusCode).toBe(303);
    expect(await sourceNotices(database.db)).toEqual([]);
    const after = (await get('/admin/indikatorer', analyst)).body;
    expect(after).not.toContain('Kolada har bytt namn');
    expect(after).toContain('2 värden har reviderats sedan rapporten 2024 publicerades');
  });

  it('marks a KPI Kolada no longer knows as removed, and keeps the values it had', async () => {
    kpiReply = async () => JSON.parse(await readFixture('kolada/kpi-unknown.json'));
    const gone = await importAt('2026-09-01T02:00:00Z');
    expect(gone.ok).toBe(false);
    const [notice] = await sourceNotices(database.db);
    expect(notice?.notice).toEqual({ kind: 'removed', at: '2026-09-01T02:00:00.000Z' });
    const page = (await get('/admin/indikatorer', analyst)).body;
    expect(page).toContain('Kolada känner inte längre till N01951 (sedan 1 september 2026)');
    const indicatorPage = (await get('/indikatorer/bevakad')).body;
    expect(indicatorPage).toContain('id="revideringar"');
  });
});
