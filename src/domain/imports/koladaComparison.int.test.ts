import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { goals, places } from '../../db/schema/index.js';
import { refreshIndicator } from '../../jobs/refreshIndicators.js';
import { createTestDatabase, testCtx } from '../../test/database.js';
import { buildApp } from '../../web/app.js';
import { defineIndicator } from '../followup/defineIndicator.js';
import { readFixture, startFixtureServer, type FixtureServer } from './fixtureServer.js';
import { KOLADA_BATCH_SIZE } from './kolada/koladaClient.js';
import { publishFollowUpReport } from '../evaluation/publishFollowUpReport.js';

/**
 * The nightly import fetches the comparison areas by default (riket, every län, the county's
 * municipalities) in Kolada's batch sizes, from recorded responses served on loopback; the
 * indicator page then shows the county among all 21 län.
 */
let database: Database;
let server: FixtureServer;
let app: FastifyInstance;

interface KoladaRow {
  municipality: string;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const recorded = JSON.parse(await readFixture('kolada/data-N00914-comparison.json')) as {
    values: KoladaRow[];
  };
  server = await startFixtureServer((req) => {
    if (req.path === '/kpi/N00914') return { fixture: 'kolada/kpi-search-forvarvsarbetande.json' };
    const m = /^\/data\/kpi\/N00914\/municipality\/([\d,]+)\/year\/[\d,]+$/.exec(req.path);
    if (!m) return { status: 404, body: { error: 'not found' } };
    const ids = new Set(m[1]!.split(','));
    const values = recorded.values.filter((r) => ids.has(r.municipality));
    return { body: { count: values.length, values, next_url: null } };
  });
  const ctx = testCtx(database.db);
  const [goal] = await database.db
    .select({ id: goals.id })
    .from(goals)
    .where(eq(goals.code, '4.2'));
  const defined = await defineIndicator(ctx, {
    goalId: goal!.id,
    slug: 'forvarvsarbetande',
    nameSv: 'Förvärvsarbetande invånare 20–64 år, andel (%)',
    nameEn: 'Gainfully employed residents aged 20–64, share (%)',
    unit: '%',
    source: 'kolada',
    sourceRef: 'N00914',
    direction: 'higher',
    genderSplit: true,
    baselineYear: 2022,
    baselineValue: 76,
  });
  if (!defined.ok) throw new Error(JSON.stringify(defined.issues));
  const sources = { koladaBaseUrl: server.baseUrl, scbV1BaseUrl: '', scbV2BaseUrl: '' };
  const outcome = await refreshIndicator(ctx, { slug: 'forvarvsarbetande' }, sources);
  if (!outcome?.ok) throw new Error(`import failed: ${JSON.stringify(outcome)}`);
  await publishFollowUpReport(ctx, { year: 2023 });
  app = await buildApp({ database });
}, 120_000);

/** The text of a page section, tags removed and white space folded. */
const textOf = (body: string, start: string) => {
  const from = body.indexOf(start);
  const section = body.slice(from, body.indexOf('</section>', from));
  return section.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
};

afterAll(async () => {
  await app?.close();
  await server?.close();
  await database?.close();
});

describe('Kolada comparison areas', () => {
  it('asks for riket, all 21 län and the county’s municipalities, at most a batch per call', () => {
    const data = server.requests.filter((r) => r.path.startsWith('/data/'));
    const asked = data.flatMap((r) => {
      const ids = /\/municipality\/([\d,]+)\//.exec(r.path)?.[1]?.split(',') ?? [];
      expect(ids.length).toBeLessThanOrEqual(KOLADA_BATCH_SIZE);
      return ids;
    });
    expect(data.length).toBe(2);
    const lan = asked.filter((c) => /^00\d\d$/.test(c) && c !== '0000');
    expect(lan).toHaveLength(21);
    expect(asked).toContain('0000');
    expect(asked.filter((c) => c.startsWith('08'))).toHaveLength(12);
    expect(asked.some((c) => c.startsWith('01'))).toBe(false);
    expect(new Set(asked).size).toBe(asked.length);
  });

  it('shows the county among the 21 län, over time against riket, in both languages', async () => {
    const sv = await app.inject('/indikatorer/forvarvsarbetande');
    expect(sv.statusCode).toBe(200);
    expect(sv.body).toMatch(/plats \d+ av 21/);
    expect(sv.body).toContain('Kalmar län och riket');
    expect(sv.body).toContain('Västra Götalands län');
    const en = await app.inject('/en/indikatorer/forvarvsarbetande');
    expect(en.body).toMatch(/rank \d+ of 21/);
  });

  it('tells the numbers in words from the values shown, in both languages', async () => {
    const sv = (await app.inject('/indikatorer/forvarvsarbetande')).body;
    const rank = /plats (\d+) av 21/.exec(sv)![1];
    const words = textOf(sv, '<section aria-labelledby="i-ord">');
    expect(words).toContain(
      'År 2023 var värdet för Kalmar län 76,2 %, mot 76,0 % år 2022: en ökning med 0,2, en förbättring.',
    );
    expect(words).toContain(
      `Bland de 21 län som har ett värde 2023 har Kalmar län plats ${rank}; riket hade 80,4 %.`,
    );
    expect(words).toContain(
      'År 2023 var värdet 75,0 % för kvinnor och 77,3 % för män, en skillnad på 2,3 (högre för män).',
    );
    const en = textOf(
      (await app.inject('/en/indikatorer/forvarvsarbetande')).body,
      '<section aria-labelledby="i-ord">',
    );
    expect(en).toContain(
      `Among the 21 counties with a value in 2023, Kalmar County ranks ${rank}; Sweden had 80.4 %.`,
    );
  });

  it('shows the municipality beside the county and riket, with its change in words', async () => {
    const body = (await app.inject('/kommuner/0881')).body;
    const row = body.slice(body.indexOf('/indikatorer/forvarvsarbetande'));
    const cells = [
      ...row.slice(0, row.indexOf('</tr>')).matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g),
    ].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
    expect(cells.slice(0, 4)).toEqual(['2023', '77,7', '76,2', '80,4']);
    expect(cells[4]).toBe(
      'År 2023 var värdet för Nybro 77,7 %, mot 77,5 % år 2022: en ökning med 0,2, en förbättring.',
    );
  });

  it('freezes the county among the län and riket into the annual report', async () => {
    const sv = (await app.inject('/utvecklingsaret/2023')).body;
    const rank = /plats (\d+) av 21/.exec(
      (await app.inject('/indikatorer/forvarvsarbetande')).body,
    )![1];
    expect(sv).toContain(
      `Bland de 21 län som har ett värde 2023 har Kalmar län plats ${rank}; riket hade 80,4 %.`,
    );
    const en = (await app.inject('/en/utvecklingsaret/2023')).body;
    expect(en).toContain('<h3>The numbers in words</h3>');
    expect(en).toContain(`Kalmar County ranks ${rank}; Sweden had 80.4 %.`);
  });

  it('sets the county beside riket, the län and its municipalities in the annual report', async () => {
    // The county's lowest and highest municipality in 2023, from the recorded Kolada answer.
    const recorded = JSON.parse(await readFixture('kolada/data-N00914-comparison.json')) as {
      values: {
        municipality: string;
        period: number;
        values: { gender: string; value: number }[];
      }[];
    };
    const own = recorded.values
      .filter((r) => r.period === 2023 && /^08\d\d$/.test(r.municipality))
      .map((r) => ({ code: r.municipality, value: r.values.find((v) => v.gender === 'T')!.value }))
      .sort((a, b) => a.value - b.value);
    const [lowest, highest] = [own[0]!, own[own.length - 1]!];
    const [low, high] = await Promise.all(
      [lowest, highest].map(
        async (m) =>
          (await database.db.select().from(places).where(eq(places.code, m.code)))[0]!.nameSv,
      ),
    );
    const sv = (await app.inject('/utvecklingsaret/2023')).body;
    const rank = /plats (\d+) av 21/.exec(
      (await app.inject('/indikatorer/forvarvsarbetande')).body,
    )![1];
    const table = sv.slice(sv.indexOf('<table class="comparison-summary">'));
    const row = table.slice(table.indexOf('<tbody>'));
    const cells = [
      ...row
        .slice(row.indexOf('<tbody>'), row.indexOf('</tr>'))
        .matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g),
    ].map((m) => m[1]!.trim());
    const pct = (v: number) => `${v.toFixed(1).replace('.', ',')} %`;
    expect(cells).toEqual([
      'Förvärvsarbetande invånare 20–64 år, andel (%)',
      '2023',
      '76,2 %',
      '80,4 %',
      `${rank} av 21`,
      `${low} ${pct(lowest.value)}`,
      `${high} ${pct(highest.value)}`,
    ]);
    const en = (await app.inject('/en/utvecklingsaret/2023')).body;
    expect(en).toContain('<h3>The county among the counties and its municipalities</h3>');
    expect(en).toContain(`<td class="num">${rank} of 21</td>`);
  });

  it('downloads the comparison table with every län and riket and the places', async () => {
    const res = await app.inject('/indikatorer/forvarvsarbetande/jamforelse.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.split(/\r?\n/).filter((l) => /^"?00\d\d/.test(l) && l.includes('2023'));
    expect(lines).toHaveLength(22);
    expect(res.body).toContain('Källa: Kolada');
  });
});
