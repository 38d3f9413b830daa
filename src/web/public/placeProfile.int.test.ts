import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { searchInitiatives } from '../../domain/initiatives/searchInitiatives.js';
import { parseSearchQuery } from '../../domain/initiatives/searchQuery.js';
import { createDemoDatabase } from '../../test/database.js';
import { buildApp } from '../app.js';

let database: Database;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  database = await createDemoDatabase();
  app = await buildApp({ database });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = async (path: string) => {
  const res = await fetch(`${base}${path}`);
  expect(res.status, path).toBe(200);
  return res.text();
};

/** The cells of the profile row of an indicator, as text. */
function profileRow(page: string, slug: string): string[] {
  const row = new RegExp(
    `<tr><th scope="row"><a href="[^"]*/indikatorer/${slug}">[\\s\\S]*?</tr>`,
  ).exec(page)?.[0];
  if (!row) return [];
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) =>
    m[1]!.replace(/<[^>]+>/g, '').trim(),
  );
}

describe('a municipality page tells how the municipality is doing', () => {
  it('lists every indicator of the strategy with the municipality, the county and riket', async () => {
    const indicators = await queryRows<{ slug: string; id: number; decimals: number }>(
      database.db,
      sql`select i.id, i.slug, i.decimals from indicators i join goals g on g.id = i.goal_id
        join goal_areas a on a.id = g.goal_area_id join strategies s on s.id = a.strategy_id
        where s.is_current and i.published_at is not null order by i.id`,
    );
    expect(indicators.length).toBeGreaterThan(0);
    const page = await get('/kommuner/0881');
    expect(page).toContain('<h1>Nybro</h1>');
    expect(page).toContain('Så går det i Nybro');
    for (const i of indicators) {
      expect(page, i.slug).toContain(`href="/indikatorer/${i.slug}"`);
    }
    // One indicator's cells read back from the database: the latest year of Nybro's total, and
    // the three values of that year.
    const i = indicators[0]!;
    const [latest] = await queryRows<{ year: number }>(
      database.db,
      sql`select max(period)::int as year from observations where indicator_id = ${i.id}
        and place_code = '0881' and gender = 'T' and value is not null`,
    );
    const value = async (code: string) => {
      const [r] = await queryRows<{ value: number | null }>(
        database.db,
        sql`select value from observations where indicator_id = ${i.id} and place_code = ${code}
          and period = ${latest!.year} and gender = 'T'`,
      );
      return r?.value == null
        ? 'Saknas'
        : new Intl.NumberFormat('sv-SE', {
            minimumFractionDigits: i.decimals,
            maximumFractionDigits: i.decimals,
          }).format(r.value);
    };
    const cells = profileRow(page, i.slug);
    expect(cells.slice(0, 4)).toEqual([
      String(latest!.year),
      await value('0881'),
      await value('0008'),
      await value('0000'),
    ]);
    expect(cells[4]).toMatch(
      /^År \d{4} var värdet för Nybro .+ år \d{4}(: en (ökning|minskning) med [\d,]+, en (förbättring|försämring)\.|\.)/,
    );
  });

  it('reads the county against riket on the county page, and in English', async () => {
    const county = await get('/kommuner/0008');
    expect(county).toMatch(/<h2 id="sa-gar-det">Så går det i [^<]+ län<\/h2>/);
    expect(county).toContain('bredvid riket');
    const en = await get('/en/kommuner/0881');
    expect(en).toContain('How Nybro is doing');
    expect(en).toMatch(
      /In \d{4} the value for Nybro was [^<]+ in \d{4}(: an (increase|decrease) of [\d.]+, an? (improvement|deterioration)\.|\.)/,
    );
  });

  it('names every municipality on the county map', async () => {
    const page = await get('/kommuner');
    const names = await queryRows<{ name: string }>(
      database.db,
      sql`select name_sv as name from places where kind = 'kommun' and not comparison and geometry is not null`,
    );
    expect(names.length).toBe(12);
    for (const n of names)
      expect(page).toMatch(new RegExp(`<tspan class="name"[^>]*>${n.name}</tspan>`));
  });

  it('links municipality names from the indicator tables to their pages', async () => {
    const [i] = await queryRows<{ slug: string }>(
      database.db,
      sql`select slug from indicators where published_at is not null order by id limit 1`,
    );
    const page = await get(`/indikatorer/${i!.slug}`);
    expect(page).toMatch(/<th scope="row"><a href="\/kommuner\/0881">Nybro<\/a><\/th>/);
  });
});

describe('text search and the place facet agree on places', () => {
  it('finds every initiative of a place when its name is searched', async () => {
    const byFacet = await searchInitiatives(database.db, parseSearchQuery({ plats: '0881' }), {
      pageSize: 500,
    });
    const byText = await searchInitiatives(database.db, parseSearchQuery({ q: 'Nybro' }), {
      pageSize: 500,
    });
    expect(byFacet.total).toBeGreaterThan(0);
    const found = new Set(byText.hits.map((h) => h.id));
    expect(byFacet.hits.filter((h) => !found.has(h.id)).map((h) => h.title)).toEqual([]);
    const nybro = byText.facets.places.find((f) => f.value === '0881');
    expect(nybro?.count).toBe(byFacet.total);
    // A word of the text and the place together narrow the search rather than widening it.
    const both = await searchInitiatives(
      database.db,
      parseSearchQuery({ q: 'Nybro', plats: '0881' }),
      { pageSize: 500 },
    );
    expect(both.total).toBe(byFacet.total);
  });
});
