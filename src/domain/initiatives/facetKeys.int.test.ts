import { readFile } from 'node:fs/promises';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder, type Database, type Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { seedSynthetic } from '../../seed/synthetic/seedSynthetic.js';
import { createTestDatabase, testCtx } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { createInitiative } from './createInitiative.js';
import { refreshFacetKeys } from './facetKeys.js';
import { parseSearchQuery } from './searchQuery.js';
import { searchInitiatives, type SearchResult } from './searchInitiatives.js';

let database: Database;
let db: Db;
const ids = async (q: SQL) => (await queryRows<{ id: number }>(db, q)).map((r) => r.id).sort();
const keysById = async () =>
  new Map(
    (
      await queryRows<{ id: number; keys: string[] }>(
        db,
        sql`select id, facet_keys as keys from initiatives order by id`,
      )
    ).map((r) => [r.id, r.keys]),
  );

let ref: { area: string; goal: string; persp: string; org: string; orgId: number };
let createdId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const ctx = testCtx(db);
  await seedSynthetic(ctx, { initiatives: 300, seed: 11, batchSize: 120 });
  const [picked] = await queryRows<typeof ref>(
    db,
    sql`select ga.slug as area, g.code as goal, g.id as "goalId",
      (select slug from perspectives order by id limit 1) as persp,
      (select slug from organisations where slug like 'syntetisk-11-%' order by id limit 1) as org,
      (select id from organisations where slug like 'syntetisk-11-%' order by id limit 1) as "orgId"
      from goals g join goal_areas ga on ga.id = g.goal_area_id
      join strategies s on s.id = ga.strategy_id and s.is_current order by g.id limit 1`,
  );
  ref = picked!;
  const [goal] = await queryRows<{ id: number }>(
    db,
    sql`select g.id from goals g join goal_areas ga on ga.id = g.goal_area_id where ga.slug = ${ref.area} order by g.id limit 2`,
  );
  const created = await createInitiative(
    ctx,
    buildInitiative({
      ownerOrganisationId: ref.orgId,
      goalIds: [goal!.id],
      funding: [
        { source: 'eruf', amountSek: 500_000, year: 2025 },
        { source: 'eruf', amountSek: 100_000, year: 2026 },
      ],
    }),
  );
  if (!created.ok) throw new Error('factory initiative rejected');
  createdId = created.value.id;
});
afterAll(async () => {
  await database?.close();
});

describe('facet keys', () => {
  it('are written by createInitiative from its relations, distinct and sorted', async () => {
    const keys = (await keysById()).get(createdId)!;
    expect(keys).toContain('place:0880');
    expect(keys).toContain('place:0881');
    expect(keys).toContain('sdg:4');
    expect(keys).toContain(`org:${ref.orgId}`);
    expect(keys.filter((k) => k === 'src:eruf')).toHaveLength(1);
    expect(keys.some((k) => k.startsWith('area:'))).toBe(true);
    expect([...keys].sort()).toEqual(keys);
  });

  it('are recomputed by refreshFacetKeys, and the backfill migration computes the same', async () => {
    const before = await keysById();
    expect([...before.values()].every((k) => k.length > 0)).toBe(true);
    await db.execute(
      sql`delete from initiative_places where initiative_id = ${createdId} and place_code = '0881'`,
    );
    await refreshFacetKeys(db, [createdId]);
    expect((await keysById()).get(createdId)).not.toContain('place:0881');
    await db.execute(
      sql`insert into initiative_places (initiative_id, place_code) values (${createdId}, '0881')`,
    );
    await refreshFacetKeys(db, [createdId]);
    expect(await keysById()).toEqual(before);

    const migration = await readFile(`${migrationsFolder}/0004_backfill_facet_keys.sql`, 'utf8');
    const backfill = migration.split('--> statement-breakpoint')[0]!;
    await db.execute(sql`update initiatives set facet_keys = '{}'`);
    await db.execute(sql.raw(backfill));
    expect(await keysById()).toEqual(before);
  });
});

/**
 * The reference: matches and facet counts computed from the relation tables, as the search did
 * before the keys existed.
 */
async function relationFacets(matched: number[]) {
  const inMatched = sql.raw(`(${matched.length ? matched.join(',') : 'null'})`);
  const counts = async (q: SQL) =>
    Object.fromEntries(
      (await queryRows<{ v: string; n: number }>(db, q)).map((r) => [r.v, r.n]),
    ) as Record<string, number>;
  return {
    goalAreas: await counts(
      sql`select ga.slug as v, count(distinct (r.initiative_id, ga.id))::int as n from initiative_goals r join goals g on g.id = r.goal_id join goal_areas ga on ga.id = g.goal_area_id where r.initiative_id in ${inMatched} group by 1`,
    ),
    goals: await counts(
      sql`select g.code as v, count(*)::int as n from initiative_goals r join goals g on g.id = r.goal_id where r.initiative_id in ${inMatched} group by 1`,
    ),
    perspectives: await counts(
      sql`select p.slug as v, count(*)::int as n from initiative_perspectives r join perspectives p on p.id = r.perspective_id where r.initiative_id in ${inMatched} group by 1`,
    ),
    sdgGoals: await counts(
      sql`select st.goal_number::text as v, count(distinct r.initiative_id)::int as n from initiative_sdg_targets r join sdg_targets st on st.code = r.sdg_target_code where r.initiative_id in ${inMatched} group by 1`,
    ),
    places: await counts(
      sql`select r.place_code as v, count(*)::int as n from initiative_places r where r.initiative_id in ${inMatched} group by 1`,
    ),
    sources: await counts(
      sql`select r.source::text as v, count(distinct r.initiative_id)::int as n from funding_lines r where r.initiative_id in ${inMatched} group by 1`,
    ),
  };
}

const asCounts = (values: SearchResult['facets'][keyof SearchResult['facets']]) =>
  Object.fromEntries(values.map((v) => [v.value, v.count]));

describe('search over facet keys', () => {
  const cases: { query: () => Record<string, unknown>; expected: () => SQL }[] = [
    { query: () => ({}), expected: () => sql`true` },
    {
      query: () => ({ q: 'företag' }),
      expected: () => sql`i.search @@ websearch_to_tsquery('swedish', 'företag')`,
    },
    {
      query: () => ({ omrade: ref.area }),
      expected: () =>
        sql`i.id in (select ig.initiative_id from initiative_goals ig join goals g on g.id = ig.goal_id join goal_areas ga on ga.id = g.goal_area_id where ga.slug = ${ref.area})`,
    },
    {
      query: () => ({ mal: ref.goal }),
      expected: () =>
        sql`i.id in (select ig.initiative_id from initiative_goals ig join goals g on g.id = ig.goal_id where g.code = ${ref.goal})`,
    },
    {
      query: () => ({ perspektiv: ref.persp }),
      expected: () =>
        sql`i.id in (select ip.initiative_id from initiative_perspectives ip join perspectives p on p.id = ip.perspective_id where p.slug = ${ref.persp})`,
    },
    {
      query: () => ({ agenda: ['4', '8'] }),
      expected: () =>
        sql`i.id in (select ist.initiative_id from initiative_sdg_targets ist join sdg_targets st on st.code = ist.sdg_target_code where st.goal_number in (4, 8))`,
    },
    {
      query: () => ({ org: ref.org }),
      expected: () =>
        sql`i.id in (select pa.initiative_id from initiative_partners pa where pa.organisation_id = ${ref.orgId})`,
    },
    {
      query: () => ({ q: 'utveckling', plats: '0880', kalla: ['eruf', 'esf-plus'] }),
      expected: () =>
        sql`i.search @@ websearch_to_tsquery('swedish', 'utveckling')
          and i.id in (select initiative_id from initiative_places where place_code = '0880')
          and i.id in (select initiative_id from funding_lines where source in ('eruf', 'esf-plus'))`,
    },
    {
      query: () => ({ omrade: ref.area, status: 'pagaende', ar: '2025' }),
      expected: () =>
        sql`i.id in (select ig.initiative_id from initiative_goals ig join goals g on g.id = ig.goal_id join goal_areas ga on ga.id = g.goal_area_id where ga.slug = ${ref.area})
          and i.status = 'pagaende' and extract(year from i.start_date) <= 2025
          and (i.end_date is null or extract(year from i.end_date) >= 2025)`,
    },
  ];

  it.each(cases.map((c, n) => [n, c] as const))(
    'finds and counts as the relation tables do (case %i)',
    async (_n, c) => {
      const expected = await ids(
        sql`select id from initiatives i where i.workflow_state = 'publicerad' and ${c.expected()}`,
      );
      expect(expected.length).toBeGreaterThan(0);
      const result = await searchInitiatives(db, parseSearchQuery(c.query()), {
        pageSize: 10_000,
      });
      expect(result.total).toBe(expected.length);
      expect(result.hits.map((h) => h.id).sort()).toEqual(expected);
      const reference = await relationFacets(expected);
      for (const name of Object.keys(reference) as (keyof typeof reference)[])
        expect(asCounts(result.facets[name]), name).toEqual(reference[name]);
    },
  );

  it('orders facet values as before: areas by position, goals and places by code', async () => {
    const { facets } = await searchInitiatives(db, parseSearchQuery({}));
    const codes = facets.goals.map((g) => g.value);
    expect(codes).toEqual([...codes].sort());
    const places = facets.places.map((p) => p.value);
    expect(places).toEqual([...places].sort());
    const [positions] = await queryRows<{ slugs: string[] }>(
      db,
      sql`select array_agg(ga.slug order by ga.position) as slugs from goal_areas ga join strategies s on s.id = ga.strategy_id and s.is_current`,
    );
    expect(facets.goalAreas.map((a) => a.value)).toEqual(
      positions!.slugs.filter((s) => facets.goalAreas.some((a) => a.value === s)),
    );
    expect(facets.goalAreas[0]).toMatchObject({
      labelSv: expect.any(String),
      labelEn: expect.any(String),
    });
  });
});

describe('funding sums kept beside the facet keys', () => {
  it('equal the funding lines, from refreshFacetKeys and from the backfill migration', async () => {
    const reference = sql`select i.id, coalesce((select sum(f.amount_sek) from funding_lines f where f.initiative_id = i.id), 0)::float8 as sum from initiatives i order by i.id`;
    const stored = sql`select id, funding_sek::float8 as sum from initiatives order by id`;
    const expected = await queryRows<{ id: number; sum: number }>(db, reference);
    expect(expected.find((r) => r.id === createdId)?.sum).toBe(600_000);
    expect(await queryRows(db, stored)).toEqual(expected);

    const migration = await readFile(`${migrationsFolder}/0006_search_order.sql`, 'utf8');
    const backfill = migration.split('--> statement-breakpoint').at(-1)!;
    await db.execute(sql`update initiatives set funding_sek = 0`);
    await db.execute(sql.raw(backfill));
    expect(await queryRows(db, stored)).toEqual(expected);
  });
});

describe('search with more matches than it counts exactly', () => {
  // Limits scaled down to the 300 initiatives here, as the defaults are to 100 000.
  const limits = { exactLimit: 50, sampleRows: 150, hitLimit: 60 };
  const newest = (where: SQL) =>
    ids(
      sql`select id from (select id from initiatives i where i.workflow_state = 'publicerad' and ${where}
        order by published_at desc nulls last, id desc) x`,
    );
  const published = async (where: SQL) =>
    (
      await queryRows<{ id: number }>(
        db,
        sql`select id from initiatives i where i.workflow_state = 'publicerad' and ${where}
          order by published_at desc nulls last, id desc`,
      )
    ).map((r) => r.id);

  beforeAll(async () => {
    // The sample is sized from the table's statistics, which ANALYZE writes.
    await db.execute(sql`analyze initiatives`);
  });

  it('estimates the total and the facets from a sample and pages through the newest matches', async () => {
    const all = await published(sql`true`);
    const result = await searchInitiatives(db, parseSearchQuery({}), limits);
    expect(result.approximate).toBe(true);
    expect(result.total).toBeGreaterThan(all.length * 0.6);
    expect(result.total).toBeLessThan(all.length * 1.4);
    expect(String(result.total)).toMatch(/^\d{1,2}0*$/);
    expect(result.reachable).toBe(limits.hitLimit);
    expect(result.pageCount).toBe(limits.hitLimit / 20);
    expect(result.hits.map((h) => h.id)).toEqual(all.slice(0, 20));

    const exact = await searchInitiatives(db, parseSearchQuery({}), { pageSize: 10_000 });
    // Organisations list only the 25 largest, which a sample may rank differently.
    const named = (Object.keys(result.facets) as (keyof SearchResult['facets'])[]).filter(
      (name) => name !== 'organisations',
    );
    for (const name of named) {
      const truth = asCounts(exact.facets[name]);
      for (const v of result.facets[name]) {
        expect(truth[v.value], `${name} ${v.value}`).toBeGreaterThan(0);
        expect(v.count, `${name} ${v.value}`).toBeLessThanOrEqual(truth[v.value]! * 4 + 10);
      }
    }
    // The values that hold most of the matches are all seen by the sample.
    const places = asCounts(result.facets.places);
    for (const v of exact.facets.places.filter((p) => p.count > all.length / 5))
      expect(places[v.value], v.value).toBeGreaterThan(0);
  });

  it('clamps a page beyond the reachable hits to the last one', async () => {
    const all = await published(sql`true`);
    const result = await searchInitiatives(db, parseSearchQuery({ sida: '9999' }), limits);
    expect(result.approximate).toBe(true);
    expect(result.page).toBe(result.pageCount);
    expect(result.hits.map((h) => h.id)).toEqual(all.slice(40, 60));
  });

  it('sorts by budget from the stored funding sums', async () => {
    const result = await searchInitiatives(db, parseSearchQuery({ sort: 'budget' }), limits);
    expect(result.approximate).toBe(true);
    const top = await queryRows<{ id: number }>(
      db,
      sql`select i.id from initiatives i where i.workflow_state = 'publicerad'
        order by coalesce((select sum(f.amount_sek) from funding_lines f where f.initiative_id = i.id), 0) desc, i.id desc limit 20`,
    );
    expect(result.hits.map((h) => h.id)).toEqual(top.map((r) => r.id));
  });

  it('ranks words by relevance among the newest matches, every hit a real match', async () => {
    const matches = await published(sql`i.search @@ websearch_to_tsquery('swedish', 'utveckling')`);
    expect(matches.length).toBeGreaterThan(limits.hitLimit);
    const result = await searchInitiatives(db, parseSearchQuery({ q: 'utveckling' }), limits);
    expect(result.approximate).toBe(true);
    const candidates = new Set(matches.slice(0, limits.hitLimit));
    expect(result.hits.every((h) => candidates.has(h.id))).toBe(true);
    const ranks = await queryRows<{ id: number; rank: number }>(
      db,
      sql`select id, ts_rank_cd(search, websearch_to_tsquery('swedish', 'utveckling'))::float8 as rank
        from initiatives where id in (${sql.join(
          result.hits.map((h) => sql`${h.id}`),
          sql`, `,
        )})`,
    );
    const rankOf = new Map(ranks.map((r) => [r.id, r.rank]));
    const inOrder = result.hits.map((h) => rankOf.get(h.id)!);
    expect(inOrder).toEqual([...inOrder].sort((a, b) => b - a));
    expect(result.hits[0]!.snippet).toContain('\u0001');
  });

  it('counts exactly when the walk finds fewer matches than the page needs', async () => {
    const expected = await newest(sql`i.facet_keys && array['place:0880']::text[]`);
    const result = await searchInitiatives(db, parseSearchQuery({ plats: '0880', sida: '9999' }), {
      ...limits,
      hitLimit: (Math.floor(expected.length / 20) + 1) * 20,
    });
    expect(result.approximate).toBe(false);
    expect(result.total).toBe(expected.length);
  });

  it('stays exact below the limit', async () => {
    const result = await searchInitiatives(
      db,
      parseSearchQuery({ q: 'utveckling', plats: '0880', status: 'pagaende' }),
      { ...limits, exactLimit: 10_000 },
    );
    expect(result.approximate).toBe(false);
    expect(result.reachable).toBe(result.total);
  });
});
