import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createTestDatabase, testCtx, withRollback } from '../../test/database.js';
import { fakeTiming, startFixtureServer, type FixtureServer } from '../imports/fixtureServer.js';
import { koladaClient } from '../imports/kolada/koladaClient.js';
import { SourceError } from '../imports/sourceHttp.js';
import { addKoladaIndicator, unitOfKoladaTitle } from './addKoladaIndicator.js';
import { indicatorBySlug } from './indicatorQueries.js';

let database: Database;
let server: FixtureServer;
let failSearch = false;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startFixtureServer((req) => {
    if (req.path === '/kpi' && failSearch) return { status: 503, body: 'nere' };
    if (req.path === '/kpi') return { fixture: 'kolada/kpi-search-forvarvsarbetande.json' };
    if (req.path === '/kpi/N00914') return { fixture: 'kolada/kpi-search-forvarvsarbetande.json' };
    return { fixture: 'kolada/kpi-unknown.json' };
  });
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

const client = () => koladaClient(server.baseUrl, { ...fakeTiming(), backoffMs: 1, retries: 0 });

describe("Kolada's KPI catalogue", () => {
  it('searches KPIs by words in the title, with gender, area and publication date', async () => {
    const found = await client().searchKpis('förvärvsarbetande');
    expect(server.requests.at(-1)?.query.get('title')).toBe('förvärvsarbetande');
    expect(found.map((k) => k.id)).toEqual(['N00914', 'N00913']);
    expect(found[0]).toMatchObject({
      is_divided_by_gender: true,
      operating_area: 'Arbetsmarknad',
      publication_date: '2024-11-27',
    });
  });

  it('shows the cause when the search fails', async () => {
    failSearch = true;
    try {
      await expect(client().searchKpis('x')).rejects.toBeInstanceOf(SourceError);
    } finally {
      failSearch = false;
    }
  });

  it('adds a KPI on a goal in one step with its metadata', async () => {
    await withRollback(database.db, async (db) => {
      const r = await addKoladaIndicator(testCtx(db), { kpi: 'N00914', goalCode: '4.2' }, client());
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const i = await indicatorBySlug(db, r.value.slug);
      expect(i).toMatchObject({
        source: 'kolada',
        sourceRef: 'N00914',
        unit: '%',
        genderSplit: true,
        nameSv: 'Förvärvsarbetande invånare 20-64 år, andel (%)',
      });
      expect(i.goal.code).toBe('4.2');
    });
  });

  it('refuses an id not of Kolada form and a goal that does not exist', async () => {
    const ctx = testCtx(database.db);
    const bad = await addKoladaIndicator(ctx, { kpi: 'X1', goalCode: '4.2' }, client());
    const noGoal = await addKoladaIndicator(ctx, { kpi: 'N00914', goalCode: '9.9' }, client());
    expect(bad.ok || bad.issues[0]?.field).toBe('kpi');
    expect(noGoal.ok || noGoal.issues[0]?.code).toBe('unknown');
    expect(unitOfKoladaTitle('Kostnad ekonomiskt bistånd, kr/inv')).toBe('kr/inv');
  });
});
