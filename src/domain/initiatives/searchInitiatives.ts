import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import type { FacetKeyPrefix } from './facetKeys.js';
import { PAGE_SIZE, type SearchQuery } from './searchQuery.js';

export interface SearchHit {
  id: number;
  title: string;
  titleEn: string | null;
  summary: string;
  /** Text with matches between \u0001 and \u0002, to be escaped and marked up by the view. */
  snippet: string | null;
  status: 'planerad' | 'pagaende' | 'avslutad' | 'avbruten';
  startDate: string;
  endDate: string | null;
  ownerName: string;
  fundingSek: number;
  isDemo: boolean;
  publishedAt: string | null;
}

export interface FacetValue {
  value: string;
  labelSv: string;
  labelEn: string;
  count: number;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  page: number;
  pageCount: number;
  /** True when no word matched and similar titles (typo tolerance) are shown instead. */
  fuzzy: boolean;
  /**
   * True when the matches are too many to count on every search: the total and the facet counts
   * are estimates from a sample of the table (rounded to two significant digits), and the pages
   * reach the first `hitLimit` hits in the chosen order (see SearchOptions).
   */
  approximate: boolean;
  /** How many hits the pages reach: the total when exact, at most `hitLimit` when approximate. */
  reachable: number;
  facets: Record<
    | 'goalAreas'
    | 'goals'
    | 'perspectives'
    | 'sdgGoals'
    | 'places'
    | 'organisations'
    | 'statuses'
    | 'years'
    | 'sources',
    FacetValue[]
  >;
}

const list = <T>(values: T[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** The keys of one facet's chosen values (see facetKeys.ts), as a text[] expression. */
const keysOf = (keys: string[]) =>
  keys.length > 0 ? sql`array[${list(keys)}]::text[]` : sql`'{}'::text[]`;

/**
 * The facet keys of the chosen goal areas, goals, perspectives and organisations (slugs and
 * codes in the address, ids in the keys), looked up before the search so that the planner sees
 * the values and can estimate how many initiatives they select.
 */
interface ChosenKeys {
  area: string[];
  goal: string[];
  persp: string[];
  org: string[];
}

async function chosenKeys(db: Db, s: SearchQuery): Promise<ChosenKeys> {
  const none: ChosenKeys = { area: [], goal: [], persp: [], org: [] };
  if (!s.goalAreas.length && !s.goals.length && !s.perspectives.length && !s.organisations.length)
    return none;
  const keysWhere = (prefix: FacetKeyPrefix, table: string, column: string, values: string[]) =>
    values.length > 0
      ? sql`array(select ${`${prefix}:`} || t.id from ${sql.raw(table)} t where t.${sql.raw(column)} in (${list(values)}) order by t.id)`
      : sql`'{}'::text[]`;
  const [row] = await queryRows<ChosenKeys>(
    db,
    sql`select ${keysWhere('area', 'goal_areas', 'slug', s.goalAreas)} as area,
      ${keysWhere('goal', 'goals', 'code', s.goals)} as goal,
      ${keysWhere('persp', 'perspectives', 'slug', s.perspectives)} as persp,
      ${keysWhere('org', 'organisations', 'slug', s.organisations)} as org`,
  );
  return row ?? none;
}

/**
 * The chosen facet values: one value of each facet must match (OR within a facet, AND between
 * facets). Relation facets test the denormalised keys, so the GIN index on facet_keys finds them.
 */
function filters(s: SearchQuery, keys: ChosenKeys): SQL[] {
  const where: SQL[] = [sql`i.workflow_state = 'publicerad'`];
  const anyOf = (chosen: string[]) => where.push(sql`i.facet_keys && ${keysOf(chosen)}`);
  if (s.goalAreas.length) anyOf(keys.area);
  if (s.goals.length) anyOf(keys.goal);
  if (s.perspectives.length) anyOf(keys.persp);
  if (s.sdgGoals.length) anyOf(s.sdgGoals.map((v) => `sdg:${v}`));
  if (s.places.length) anyOf(s.places.map((v) => `place:${v}`));
  if (s.organisations.length) anyOf(keys.org);
  if (s.statuses.length) where.push(sql`i.status::text in (${list(s.statuses)})`);
  if (s.years.length)
    where.push(
      sql`(${sql.join(
        s.years.map(
          (y) =>
            sql`(extract(year from i.start_date) <= ${y} and (i.end_date is null or extract(year from i.end_date) >= ${y}))`,
        ),
        sql` or `,
      )})`,
    );
  if (s.sources.length) anyOf(s.sources.map((v) => `src:${v}`));
  return where;
}

function textCondition(s: SearchQuery, fuzzy: boolean): { where: SQL | null; rank: SQL } {
  if (!s.q) return { where: null, rank: sql`0::float8` };
  if (fuzzy) {
    return {
      // The operators let the trigram index find candidates (thresholds set by withTrigramLimits);
      // the functions keep the exact limits.
      where: sql`(i.title % ${s.q} or ${s.q} <% i.title) and (similarity(i.title, ${s.q}) > 0.2 or word_similarity(${s.q}, i.title) > 0.45)`,
      rank: sql`greatest(similarity(i.title, ${s.q}), word_similarity(${s.q}, i.title))::float8`,
    };
  }
  return {
    where: sql`i.search @@ websearch_to_tsquery('swedish', ${s.q})`,
    rank: sql`ts_rank_cd(i.search, websearch_to_tsquery('swedish', ${s.q}))::float8`,
  };
}

/** A search ready to run: the query, whether it is the typo-tolerant pass, its conditions and rank. */
interface Prepared {
  s: SearchQuery;
  fuzzy: boolean;
  /** Every condition (facet filters and words) on `i`, joined with `and`. */
  where: SQL;
  rank: SQL;
}

function prepare(s: SearchQuery, fuzzy: boolean, keys: ChosenKeys): Prepared {
  const text = textCondition(s, fuzzy);
  const all = text.where ? [...filters(s, keys), text.where] : filters(s, keys);
  return { s, fuzzy, where: sql.join(all, sql` and `), rank: text.rank };
}

/**
 * The matching initiatives, read once per search (materialized): the few columns the facets and
 * the order need, and the relevance rank only when it orders the page.
 */
const matchedCte = (p: Prepared) =>
  sql`matched as materialized (
    select i.id, i.status, i.start_date, i.end_date, i.owner_organisation_id, i.published_at, i.funding_sek, i.facet_keys,
      ${p.s.sort === 'relevans' ? p.rank : sql`0::float8`} as rank
    from initiatives i where ${p.where}
  )`;

/**
 * One relation facet: the counted keys with the prefix, labelled by their table. Values that
 * share a label (a goal area's slug in two strategy versions) are summed, as links name the slug.
 */
const facet = (o: { prefix: FacetKeyPrefix; label: SQL; join: SQL; order: SQL }) =>
  sql`(select coalesce(json_agg(json_build_object('value', x.value, 'labelSv', x."labelSv", 'labelEn', x."labelEn", 'count', x.count) order by ${o.order}), '[]') from (
    select ${o.label}, sum(c.n)::int as count from facet_counts c ${o.join}
    where c.k like ${`${o.prefix}:%`}
    group by value, "labelSv", "labelEn") x)`;

const ORDER: Record<SearchQuery['sort'], SQL> = {
  relevans: sql`m.rank desc, m.published_at desc nulls last, m.id desc`,
  nyast: sql`m.published_at desc nulls last, m.id desc`,
  start: sql`m.start_date desc, m.id desc`,
  budget: sql`m.funding_sek desc, m.id desc`,
};

/**
 * The orders of the partial indexes over published initiatives (schema/initiatives.ts), which a
 * search with many matches walks. Relevance walks the newest matches and ranks those.
 */
const WALK: Record<SearchQuery['sort'], SQL> = {
  relevans: sql`i.published_at desc nulls last, i.id desc nulls last`,
  nyast: sql`i.published_at desc nulls last, i.id desc nulls last`,
  start: sql`i.start_date desc nulls last, i.id desc nulls last`,
  budget: sql`i.funding_sek desc nulls last, i.id desc nulls last`,
};

/** The snippet of a hit: the matched words in context, marked between \u0001 and \u0002. */
function snippetOf({ s, fuzzy }: Prepared): SQL {
  return s.q && !fuzzy
    ? sql`ts_headline('swedish', i.summary || ' ' || i.description, websearch_to_tsquery('swedish', ${s.q}), 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "')`
    : sql`null::text`;
}

/** The hits of `paged` (id, rank, published_at, start_date, funding_sek) as JSON, in order. */
const hitsJson = (p: Prepared) =>
  sql`(select coalesce(json_agg(to_jsonb(h) - 'ord' order by h.ord), '[]') from (
      select i.id, i.title, i.title_en as "titleEn", i.summary, ${snippetOf(p)} as snippet, i.status::text as status,
        i.start_date::text as "startDate", i.end_date::text as "endDate", o.name as "ownerName", i.is_demo as "isDemo",
        to_char(i.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "publishedAt",
        i.funding_sek::float8 as "fundingSek",
        row_number() over (order by ${ORDER[p.s.sort]}) as ord
      from paged m join initiatives i on i.id = m.id join organisations o on o.id = i.owner_organisation_id) h)`;

/** Every facet counted over `matched` (its facet keys, owner, status and years) as one JSON object. */
const facetsJson = sql`json_build_object(
      'goalAreas', ${facet({
        prefix: 'area',
        label: sql`ga.slug as value, ga.name_sv as "labelSv", ga.name_en as "labelEn", min(ga.position) as pos`,
        join: sql`join goal_areas ga on c.k = 'area:' || ga.id`,
        order: sql`x.pos`,
      })},
      'goals', ${facet({
        prefix: 'goal',
        label: sql`g.code as value, g.name_sv as "labelSv", g.name_en as "labelEn"`,
        join: sql`join goals g on c.k = 'goal:' || g.id`,
        order: sql`x.value`,
      })},
      'perspectives', ${facet({
        prefix: 'persp',
        label: sql`p.slug as value, p.name_sv as "labelSv", p.name_en as "labelEn", min(p.position) as pos`,
        join: sql`join perspectives p on c.k = 'persp:' || p.id`,
        order: sql`x.pos`,
      })},
      'sdgGoals', ${facet({
        prefix: 'sdg',
        label: sql`sg.number::text as value, coalesce(sg.short_sv, sg.short_en) as "labelSv", sg.short_en as "labelEn", min(sg.number) as pos`,
        join: sql`join sdg_goals sg on c.k = 'sdg:' || sg.number`,
        order: sql`x.pos`,
      })},
      'places', ${facet({
        prefix: 'place',
        label: sql`pl.code as value, pl.name_sv as "labelSv", pl.name_en as "labelEn"`,
        join: sql`join places pl on c.k = 'place:' || pl.code`,
        order: sql`x.value`,
      })},
      'organisations', (select coalesce(json_agg(x order by x.count desc, x."labelSv"), '[]') from (
        select o.slug as value, o.name as "labelSv", o.name as "labelEn", c.count
        from (select owner_organisation_id, count(*)::int as count from matched group by owner_organisation_id) c
        join organisations o on o.id = c.owner_organisation_id
        order by c.count desc, o.name limit 25) x),
      'statuses', (select coalesce(json_agg(x order by x.value), '[]') from (
        select m.status::text as value, m.status::text as "labelSv", m.status::text as "labelEn", count(*)::int as count
        from matched m group by m.status) x),
      'years', (select coalesce(json_agg(x order by x.value desc), '[]') from (
        select y::text as value, y::text as "labelSv", y::text as "labelEn", count(*)::int as count
        from matched m, generate_series(extract(year from m.start_date)::int,
          least(coalesce(extract(year from m.end_date)::int, extract(year from now())::int + 1), extract(year from m.start_date)::int + 15)) y
        group by y) x),
      'sources', ${facet({
        prefix: 'src',
        label: sql`substr(c.k, 5) as value, substr(c.k, 5) as "labelSv", substr(c.k, 5) as "labelEn"`,
        join: sql``,
        order: sql`x.value`,
      })}
    )`;

const facetCounts = sql`facet_counts as materialized (select k, count(*) as n from matched m, unnest(m.facet_keys) k group by k)`;

/** The offset of the requested page, clamped to the last page of `n` rows (as the links are). */
const pageOffset = (p: Prepared, pageSize: number, n: SQL) =>
  sql`(least(${p.s.page}, greatest(1, ceil(${n}::numeric / ${pageSize})::int)) - 1) * ${pageSize}`;

type Facets = SearchResult['facets'];

/**
 * Exact: one statement per search. The matches are read once, and the total, every facet and the
 * page come from them.
 */
async function searchExact(db: Db, p: Prepared, pageSize: number) {
  const [row] = await queryRows<{ total: number; facets: Facets; hits: SearchHit[] }>(
    db,
    sql`with ${matchedCte(p)},
    total as (select count(*)::int as n from matched),
    ${facetCounts},
    paged as materialized (
      select m.id, m.rank, m.published_at, m.start_date, m.funding_sek from matched m
      order by ${ORDER[p.s.sort]} limit ${pageSize}
      offset (select ${pageOffset(p, pageSize, sql`n`)} from total))
    select (select n from total) as total, ${hitsJson(p)} as hits, ${facetsJson} as facets`,
  );
  return row!;
}

/**
 * A sample of the table (whole pages, the same ones each time for unchanged data): how many rows
 * it holds, how many of them match, and the facets counted over those.
 */
async function searchSample(db: Db, p: Prepared, percent: number) {
  const [row] = await queryRows<{ rows: number; matches: number; facets: Facets }>(
    db,
    sql`with sampled as materialized (
      select i.id, i.status, i.start_date, i.end_date, i.owner_organisation_id, i.facet_keys,
        coalesce(${p.where}, false) as hit
      from initiatives i tablesample system (${percent}::float4) repeatable (7)),
    matched as materialized (select * from sampled where hit),
    ${facetCounts}
    select (select count(*)::int from sampled) as rows, (select count(*)::int from matched) as matches,
      ${facetsJson} as facets`,
  );
  return row!;
}

/**
 * The first `limit` matches in the order of an index (the newest for relevance, then ranked),
 * and the requested page of them.
 */
async function searchWalk(db: Db, p: Prepared, pageSize: number, limit: number) {
  const [row] = await queryRows<{ reached: number; hits: SearchHit[] }>(
    db,
    sql`with walked as materialized (
      select i.id from initiatives i where ${p.where} order by ${WALK[p.s.sort]} limit ${limit}),
    reached as (select count(*)::int as n from walked),
    paged as materialized (
      select m.id, m.rank, m.published_at, m.start_date, m.funding_sek from (
        select i.id, ${p.s.sort === 'relevans' ? p.rank : sql`0::float8`} as rank, i.published_at, i.start_date, i.funding_sek
        from walked w join initiatives i on i.id = w.id) m
      order by ${ORDER[p.s.sort]} limit ${pageSize}
      offset (select ${pageOffset(p, pageSize, sql`n`)} from reached))
    select (select n from reached) as reached, ${hitsJson(p)} as hits`,
  );
  return row!;
}

/** A count estimated from a sample, to two significant digits (never 0 when something was seen). */
export function roundEstimate(n: number): number {
  if (n <= 0) return 0;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.max(1, Math.round(n / step) * step);
}

function scaleFacets(facets: Facets, scale: number): Facets {
  const out = {} as Facets;
  for (const [key, values] of Object.entries(facets) as [keyof Facets, FacetValue[]][]) {
    out[key] = values.map((v) => ({ ...v, count: roundEstimate(v.count * scale) }));
  }
  return out;
}

/** The estimated number of rows of `initiatives`, as the planner scales it; null before ANALYZE. */
async function tableRows(db: Db): Promise<number | null> {
  const [row] = await queryRows<{ rows: number | null }>(
    db,
    sql`select case when c.reltuples < 0 or c.relpages = 0 then null
      else c.reltuples / c.relpages * greatest(1, pg_relation_size(c.oid) / current_setting('block_size')::int) end::float8 as rows
      from pg_class c where c.oid = 'initiatives'::regclass`,
  );
  return row?.rows ?? null;
}

export interface SearchOptions {
  pageSize?: number;
  /**
   * Searches estimated (from a sample) to match more initiatives than this are answered
   * approximately: counts from the sample, pages from an index walk. Below it, everything is exact.
   */
  exactLimit?: number;
  /** Rows the sample reads (whole pages, so about this many). */
  sampleRows?: number;
  /** The hits an approximate search reaches through its pages (at least one page). */
  hitLimit?: number;
}

/** The limits that keep a search on 100 000 initiatives (PGlite) within about 100 ms. */
export const searchLimits = { exactLimit: 2_500, sampleRows: 4_000, hitLimit: 1_000 } as const;

interface Found {
  total: number;
  hits: SearchHit[];
  facets: Facets;
  pageCount: number;
  approximate: boolean;
  reachable: number;
}

async function searchWith(
  db: Db,
  p: Prepared,
  o: Required<SearchOptions>,
  rows: number | null,
): Promise<Found> {
  if (rows !== null && rows > o.exactLimit) {
    const sample = await searchSample(db, p, Math.min(100, (o.sampleRows / rows) * 100));
    const scale = sample.rows > 0 ? rows / sample.rows : 0;
    const estimate = sample.matches * scale;
    if (estimate > o.exactLimit) {
      const limit = Math.max(o.hitLimit, o.pageSize);
      const walk = await searchWalk(db, p, o.pageSize, limit);
      // Fewer matches than the walk's limit means the sample overestimated: count them exactly.
      if (walk.reached >= limit) {
        return {
          total: Math.max(roundEstimate(estimate), walk.reached),
          hits: walk.hits,
          facets: scaleFacets(sample.facets, scale),
          pageCount: Math.max(1, Math.ceil(walk.reached / o.pageSize)),
          approximate: true,
          reachable: walk.reached,
        };
      }
    }
  }
  const exact = await searchExact(db, p, o.pageSize);
  return {
    ...exact,
    pageCount: Math.max(1, Math.ceil(exact.total / o.pageSize)),
    approximate: false,
    reachable: exact.total,
  };
}

/**
 * Full-text search with Swedish stemming, a typo-tolerant fallback, facets, sort and pages: exact
 * up to `exactLimit` matches, estimated above (see SearchOptions and docs/decisions/008).
 */
export async function searchInitiatives(
  db: Db,
  s: SearchQuery,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const o: Required<SearchOptions> = { pageSize: PAGE_SIZE, ...searchLimits, ...options };
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    // Room for the matches of a common word in memory (the default spills them to disk), and
    // pg_trgm thresholds equal to the typo-tolerant limits; both for this transaction only.
    await tx.execute(
      sql`select set_config('work_mem', '32MB', true), set_config('pg_trgm.similarity_threshold', '0.2', true), set_config('pg_trgm.word_similarity_threshold', '0.45', true)`,
    );
    const rows = await tableRows(tx);
    const keys = await chosenKeys(tx, s);
    let fuzzy = false;
    let found = await searchWith(tx, prepare(s, false, keys), o, rows);
    if (found.total === 0 && s.q) {
      const similar = await searchWith(tx, prepare(s, true, keys), o, rows);
      if (similar.total > 0) {
        fuzzy = true;
        found = similar;
      }
    }
    return {
      hits: found.hits,
      total: found.total,
      page: Math.min(s.page, found.pageCount),
      pageCount: found.pageCount,
      fuzzy,
      approximate: found.approximate,
      reachable: found.reachable,
      facets: found.facets,
    };
  });
}
