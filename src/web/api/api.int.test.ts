import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createTestDatabase } from '../../test/database.js';
import { buildApp } from '../app.js';
import { endpoints } from './spec.js';
import { seedOpenDataFixtures } from './testFixtures.js';

let database: Database;
let app: FastifyInstance;
let ids: Awaited<ReturnType<typeof seedOpenDataFixtures>>;
beforeAll(async () => {
  database = await createTestDatabase();
  ids = await seedOpenDataFixtures(database.db);
  app = await buildApp({ database });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

type Initiative = {
  id: number;
  status: string;
  start_date: string;
  end_date: string | null;
  title: string;
  owner: { slug: string };
  partners: { name: string }[];
  places: { code: string }[];
  goals: { code: string; goal_area: string }[];
};
const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });
const list = async (url: string) => {
  const res = await get(url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json() as { initiatives: Initiative[]; meta: { pagination: { total: number } } };
};

describe('open-data API: lists', () => {
  it('answers every list with its key, meta.pagination and the documented shape', async () => {
    const keys = {
      listStrategies: 'strategies',
      listGoalAreas: 'goal_areas',
      listGoals: 'goals',
      listPerspectives: 'perspectives',
      listSdgGoals: 'sdg_goals',
      listPlaces: 'places',
      listOrganisations: 'organisations',
      listInitiatives: 'initiatives',
      listIndicators: 'indicators',
      listProgressReports: 'progress_reports',
    } as const;
    for (const [id, key] of Object.entries(keys) as [keyof typeof keys, string][]) {
      const res = await get(`${endpoints[id].path}?per_page=100`);
      expect(res.statusCode, id).toBe(200);
      expect(res.headers['content-type']).toContain('application/json');
      const body = res.json();
      expect(Object.keys(body).sort(), id).toEqual([key, 'meta'].sort());
      expect(body[key].length, id).toBeGreaterThan(0);
      endpoints[id].schema.parse(body);
    }
    const sdg = (await get('/api/v1/sdg-goals?per_page=100')).json();
    expect(sdg.sdg_goals).toHaveLength(17);
    expect(sdg.sdg_goals.flatMap((g: { targets: unknown[] }) => g.targets)).toHaveLength(169);
  });

  it('pages in a stable order with total and a next link', async () => {
    const all = await list('/api/v1/initiatives?per_page=100');
    const total = all.meta.pagination.total;
    expect(total).toBeGreaterThan(10);
    const seen: number[] = [];
    let url: string | null = '/api/v1/initiatives?per_page=7&status=pagaende';
    let pages = 0;
    while (url) {
      const res = await get(url.replace(/^https?:\/\/[^/]+/, ''));
      const body = res.json();
      expect(body.meta.pagination.per_page).toBe(7);
      seen.push(...body.initiatives.map((i: Initiative) => i.id));
      url = body.meta.pagination.next;
      if (url) expect(url).toContain('status=pagaende');
      pages++;
    }
    const pagaende = all.initiatives.filter((i) => i.status === 'pagaende').map((i) => i.id);
    expect(seen).toEqual(pagaende);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(pages).toBe(Math.ceil(pagaende.length / 7));
    const beyond = await list('/api/v1/initiatives?page=999');
    expect(beyond.initiatives).toEqual([]);
    expect(beyond.meta.pagination).toMatchObject({ page: 999, total, next: null });
  });

  it('filters initiatives by goal area, goal, place, organisation, status, year and text', async () => {
    const area = await list('/api/v1/initiatives?goal_area=starkt-konkurrenskraft&per_page=100');
    expect(area.initiatives.length).toBeGreaterThan(0);
    for (const i of area.initiatives) {
      expect(i.goals.some((g) => g.goal_area === 'starkt-konkurrenskraft')).toBe(true);
    }
    const goal = await list('/api/v1/initiatives?goal=3.3&per_page=100');
    expect(goal.initiatives.length).toBeGreaterThan(0);
    for (const i of goal.initiatives) expect(i.goals.map((g) => g.code)).toContain('3.3');
    const place = await list('/api/v1/initiatives?place=0880&per_page=100');
    expect(place.initiatives.length).toBeGreaterThan(0);
    for (const i of place.initiatives) expect(i.places.map((p) => p.code)).toContain('0880');
    const org = await list('/api/v1/initiatives?organisation=region-kalmar-lan&per_page=100');
    expect(org.initiatives.length).toBeGreaterThan(0);
    for (const i of org.initiatives) {
      expect(
        i.owner.slug === 'region-kalmar-lan' ||
          i.partners.some((p) => p.name === 'Region Kalmar län'),
      ).toBe(true);
    }
    const year = await list('/api/v1/initiatives?year=2020&status=avslutad&per_page=100');
    expect(year.initiatives.length).toBeGreaterThan(0);
    for (const i of year.initiatives) {
      expect(i.status).toBe('avslutad');
      expect(i.start_date <= '2020-12-31').toBe(true);
      expect(i.end_date === null || i.end_date >= '2020-01-01').toBe(true);
    }
    const text = await list(`/api/v1/initiatives?q=${encodeURIComponent('bredband')}`);
    expect(text.initiatives.map((i) => i.title)).toContain(
      'Bredband till landsbygden i Kalmar län',
    );
    const none = await list(`/api/v1/initiatives?q=${encodeURIComponent('"ingenting sådant" -x')}`);
    expect(none.meta.pagination.total).toBe(0);
  });

  it('shows only published initiatives', async () => {
    const all = await list('/api/v1/initiatives?per_page=100');
    expect(all.initiatives.map((i) => i.id)).not.toContain(ids.draftId);
    expect((await get(`/api/v1/initiatives/${ids.draftId}`)).statusCode).toBe(404);
    const one = await get(`/api/v1/initiatives/${ids.hostileId}`);
    expect(one.statusCode).toBe(200);
    endpoints.getInitiative.schema.parse(one.json());
  });

  it('serves observations of an indicator with filters and the Kolada attribution', async () => {
    const indicators = (await get('/api/v1/indicators?per_page=100')).json().indicators;
    const slug = indicators[0].slug as string;
    const res = await get(
      `/api/v1/indicators/${slug}/observations?place=0008&gender=T&per_page=100`,
    );
    expect(res.statusCode).toBe(200);
    const body = endpoints.listObservations.schema.parse(res.json());
    expect(body.observations.length).toBeGreaterThan(0);
    for (const o of body.observations) expect([o.place_code, o.gender]).toEqual(['0008', 'T']);
    const period = body.observations[0]!.period;
    const one = (
      await get(`/api/v1/indicators/${slug}/observations?place=0008&gender=T&period=${period}`)
    ).json();
    expect(one.observations).toHaveLength(1);
    expect(one.meta.attribution).toBe(indicators[0].source === 'kolada' ? 'Källa: Kolada' : null);
    expect((await get(`/api/v1/indicators/${slug}`)).json().indicators[0].slug).toBe(slug);
    expect((await get('/api/v1/indicators/finns-inte/observations')).statusCode).toBe(404);
  });

  it('lists progress reports of published initiatives without who submitted them', async () => {
    const res = await get(`/api/v1/progress-reports?initiative=${ids.hostileId}`);
    const body = endpoints.listProgressReports.schema.parse(res.json());
    expect(body.progress_reports).toHaveLength(1);
    expect(body.progress_reports[0]).toMatchObject({
      traffic_light: 'risk',
      outputs: { participants_k: 3, participants_m: 4, companies_reached: null },
    });
  });
});

describe('open-data API: errors, caching and CORS', () => {
  it('answers an unknown parameter with 400 naming it', async () => {
    const res = await get('/api/v1/initiatives?colour=red&page=2');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      errors: [{ code: 'unknown_parameter', message: expect.any(String), field: 'colour' }],
    });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers wrong types and values with 400 naming the field', async () => {
    for (const [query, field] of [
      ['page=abc', 'page'],
      ['per_page=1000', 'per_page'],
      ['per_page=0', 'per_page'],
      ['status=okand', 'status'],
      ['year=20x0', 'year'],
      ['place=Kalmar', 'place'],
      ['status=pagaende&status=avslutad', 'status'],
    ] as const) {
      const res = await get(`/api/v1/initiatives?${query}`);
      expect(res.statusCode, query).toBe(400);
      const errors = res.json().errors as { code: string; field: string }[];
      expect(
        errors.map((e) => [e.code, e.field]),
        query,
      ).toContainEqual(['invalid_parameter', field]);
    }
    const bad = await get('/api/v1/initiatives/abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ code: 'invalid_parameter', field: 'id' });
    const csv = await get('/api/v1/initiatives.csv?delimiter=tab');
    expect(csv.json().errors[0]).toMatchObject({ field: 'delimiter' });
  });

  it('answers unknown addresses and records in the errors format', async () => {
    for (const url of ['/api/v1/nothing-here', '/api/v1/initiatives/99999999']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().errors[0]).toMatchObject({ code: 'not_found', field: null });
    }
  });

  it('sends an ETag, caches for a minute, allows any origin and answers 304', async () => {
    for (const url of [
      '/api/v1/initiatives',
      '/api/v1/initiatives.csv',
      '/api/v1/iati/activities.xml',
      '/dcat',
      '/api/v1/openapi.json',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('public, max-age=60');
      expect(res.headers['access-control-allow-origin'], url).toBe('*');
      const etag = res.headers.etag as string;
      expect(etag, url).toMatch(/^"[\w-]+"$/);
      const again = await get(url, { 'if-none-match': etag });
      expect(again.statusCode, url).toBe(304);
      expect(again.body, url).toBe('');
      const weak = await get(url, { 'if-none-match': `"other", W/${etag}` });
      expect(weak.statusCode, url).toBe(304);
      expect((await get(url, { 'if-none-match': '"other"' })).statusCode).toBe(200);
    }
  });
});
