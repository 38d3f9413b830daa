import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { goals } from '../../db/schema/index.js';
import { refreshIndicator } from '../../jobs/refreshIndicators.js';
import { createTestDatabase, testCtx } from '../../test/database.js';
import { buildApp } from '../../web/app.js';
import { defineIndicator } from '../followup/defineIndicator.js';
import { readFixture, startFixtureServer, type FixtureServer } from './fixtureServer.js';
import { KOLADA_BATCH_SIZE } from './kolada/koladaClient.js';

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
  app = await buildApp({ database });
}, 120_000);

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

  it('downloads the comparison table with every län and riket and the places', async () => {
    const res = await app.inject('/indikatorer/forvarvsarbetande/jamforelse.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.split(/\r?\n/).filter((l) => /^"?00\d\d/.test(l) && l.includes('2023'));
    expect(lines).toHaveLength(22);
    expect(res.body).toContain('Källa: Kolada');
  });
});
