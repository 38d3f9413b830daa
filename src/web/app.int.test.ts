import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/rows.js';
import type { Database } from '../db/client.js';
import { listPublishedInitiatives } from '../domain/initiatives/queries.js';
import { createDemoDatabase, createTestDatabase } from '../test/database.js';
import { buildApp } from './app.js';

let database: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await createDemoDatabase();
  app = await buildApp({ database });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('public pages', () => {
  it('shows the vision and the four goal areas with counts on /', async () => {
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.body).toContain('<html lang="sv">');
    expect(res.body).toContain('År 2030 är Kalmar län en hållbar region');
    for (const slug of [
      'delaktighet-halsa-och-valbefinnande',
      'god-miljo-for-barn-och-unga',
      'hallbar-samhallsplanering',
      'starkt-konkurrenskraft',
    ]) {
      expect(res.body).toContain(`href="/malomraden/${slug}"`);
    }
    expect(res.body).toMatch(/\d+ insatser \(\d+ pågående\)/);
  });

  it('lists goals and initiatives of a goal area, with examples of a year', async () => {
    const res = await app.inject('/malomraden/starkt-konkurrenskraft');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('God tillgång till välutbildad arbetskraft.');
    expect(res.body).toContain('Ökat antal företag inom kunskapsintensiv tjänstesektor.');
    expect(res.body).toMatch(/Exempel på insatser under \d{4}/);
    expect(res.body).toContain('href="/insatser/');
  });

  it('shows a published initiative, the site saying once that it shows demo data', async () => {
    const [first] = await listPublishedInitiatives(database.db, { limit: 1 });
    const res = await app.inject(`/insatser/${first!.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(first!.title.replace(/&/g, '&amp;'));
    expect(res.body.match(/Demodata/g)).toHaveLength(1);
    expect(res.body).toContain(
      '<div class="demo-notice"><p class="wrap"><strong>Demodata:</strong> insatser, rapporter',
    );
    const search = await app.inject('/insatser');
    expect(search.body.match(/Demodata/g)).toHaveLength(1);
    const en = await app.inject('/en/aktorer');
    expect(en.body.match(/Demo data/g)).toHaveLength(1);
  });

  it('dates an initiative by its latest change, a published progress report included', async () => {
    const [row] = await queryRows<{ id: number; year: string }>(
      database.db,
      sql`select i.id, extract(year from max(coalesce(r.published_at, r.submitted_at)))::text as year
        from initiatives i join progress_reports r on r.initiative_id = i.id and r.state = 'publicerad'
        where i.workflow_state = 'publicerad'
        group by i.id having max(coalesce(r.published_at, r.submitted_at)) > max(i.updated_at) + interval '1 year'
        order by i.id limit 1`,
    );
    expect(row).toBeDefined();
    const res = await app.inject(`/insatser/${row!.id}`);
    expect(res.body).toMatch(
      new RegExp(`<dt>Senast uppdaterad</dt><dd>\\d+ \\p{L}+ ${row!.year}</dd>`, 'u'),
    );
  });

  it("draws an initiative's own places on its map, not every initiative's counts", async () => {
    const [row] = await queryRows<{ id: number; names: string[] }>(
      database.db,
      sql`select i.id, array_agg(p.name_sv order by p.code) as names
        from initiatives i join initiative_places ip on ip.initiative_id = i.id
        join places p on p.code = ip.place_code and p.kind = 'kommun'
        where i.workflow_state = 'publicerad' group by i.id having count(*) between 1 and 3 order by i.id limit 1`,
    );
    const body = (await app.inject(`/insatser/${row!.id}`)).body;
    const map = /<svg class="county-map"[\s\S]*?<\/svg>/.exec(body)![0];
    expect(map).toContain('aria-label="Insatsens platser"');
    expect(map).not.toContain('class="count"');
    for (const name of row!.names)
      expect(map).toContain(`aria-label="${name}: insatsen verkar här"`);
    expect(map.match(/insatsen verkar här/g)!.length).toBe(row!.names.length * 2);
    expect(map.match(/class="current"/g)!.length).toBe(row!.names.length);
    // The municipalities' page keeps the counts.
    expect((await app.inject('/kommuner')).body).toContain('class="count"');
  });

  it('says nothing of demo data where there is none', async () => {
    const plain = await createTestDatabase();
    const plainApp = await buildApp({ database: plain });
    try {
      for (const url of ['/', '/insatser', '/en/strategin']) {
        const res = await plainApp.inject(url);
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).not.toContain('demo-notice');
      }
    } finally {
      await plainApp.close();
      await plain.close();
    }
  });

  it('answers unknown pages and records with a Swedish 404', async () => {
    for (const url of ['/finns-inte', '/insatser/99999999', '/insatser/abc', '/malomraden/okand']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('Sidan finns inte');
    }
    const json = await app.inject({ url: '/finns-inte', headers: { accept: 'application/json' } });
    expect(json.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('reports health and readiness', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready' });
  });

  it('serves the stylesheet with an ETag', async () => {
    const res = await app.inject('/static/app.css');
    expect(res.statusCode).toBe(200);
    const again = await app.inject({
      url: '/static/app.css',
      headers: { 'if-none-match': res.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
  });
});
