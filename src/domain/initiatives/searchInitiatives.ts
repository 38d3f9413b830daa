import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import type { FacetKeyPrefix } from './facetKeys.js';
import {
  applyCorrections,
  correctableWords,
  PAGE_SIZE,
  requiredPhrases,
  type SearchQuery,
} from './searchQuery.js';

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
  /**
   * True when nothing matched the words as typed and the hits are those of `correctedQuery`:
   * each misspelt word replaced by the most similar word of the published texts.
   */
  fuzzy: boolean;
  correctedQuery: string | null;
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
 * What the search looks up before it runs, so the planner sees values rather than subqueries:
 * the facet keys of the chosen goal areas, goals, perspectives and organisations (slugs and
 * codes in the address, ids in the keys), and the word pairs of each required phrase.
 */
interface Lookups {
  area: string[];
  goal: string[];
  persp: string[];
  org: string[];
  /** One tsquery (as text) of adjacent word pairs per required phrase that has any. */
  pairs: string[];
}

async function lookups(db: Db, s: SearchQuery): Promise<Lookups> {
  const phrases = requiredPhrases(s.q);
  const none: Lookups = { area: [], goal: [], persp: [], org: [], pairs: [] };
  const chosen =
    s.goalAreas.length || s.goals.length || s.perspectives.length || s.organisations.length;
  if (!chosen && phrases.length === 0) return none;
  const keysWhere = (prefix: FacetKeyPrefix, table: string, column: string, values: string[]) =>
    values.length > 0
      ? sql`array(select ${`${prefix}:`} || t.id from ${sql.raw(table)} t where t.${sql.raw(column)} in (${list(values)}) order by t.id)`
      : sql`'{}'::text[]`;
  const [row] = await queryRows<Lookups>(
    db,
    sql`select ${keysWhere('area', 'goal_areas', 'slug', s.goalAreas)} as area,
      ${keysWhere('goal', 'goals', 'code', s.goals)} as goal,
      ${keysWhere('persp', 'perspectives', 'slug', s.perspectives)} as persp,
      ${keysWhere('org', 'organisations', 'slug', s.organisations)} as org,
      array(select q::text from json_array_elements_text(${JSON.stringify(phrases)}::json) p,
        riktning_phrase_pairs(p) q where q is not null) as pairs`,
  );
  return row ?? none;
}

/**
 * The chosen facet values: one value of each facet must match (OR within a facet, AND between
 * facets). Relation facets test the denormalised keys, so the GIN index on facet_keys finds them.
 */
function filters(s: SearchQuery, keys: Lookups): SQL[] {
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

/**
 * The words: Swedish stemming, web-search syntax ("phrases", -not, or), ranked by cover density.
 * Each required phrase also narrows the candidates through the word-pair index, which the
 * position check of the phrase then confirms.
 */
function textCondition(
  s: SearchQuery,
  keys: Lookups,
): { where: SQL[]; narrowing: SQL[]; rank: SQL } {
  if (!s.q) return { where: [], narrowing: [], rank: sql`0::float8` };
  return {
    where: [sql`i.search @@ websearch_to_tsquery('swedish', ${s.q})`],
    // As a subquery kept apart (offset 0 stops the planner from merging it back into the outer
    // scan): a bitmap on the pair index alone needs no recheck, whereas one combined with the
    // phrase's own index would recompute the pairs of every candidate row.
    narrowing: keys.pairs.map(
      (pairs) =>
        sql`i.id in (select w.id from initiatives w where riktning_word_pairs(w.search) @@ ${pairs}::tsquery offset 0)`,
    ),
    rank: sql`ts_rank_cd(i.search, websearch_to_tsquery('swedish', ${s.q}))::float8`,
  };
}

/** A search ready to run: the query, its conditions and its rank. */
interface Prepared {
  s: SearchQuery;
  /** Every condition (facet filters and words) on `i`, joined with `and`. */
  where: SQL;
  /**
   * The same with the word-pair conditions of required phrases, which only an index can answer
   * cheaply: for finding all matches, not for testing rows one by one (the sample, the walk).
   */
  indexed: SQL;
  rank: SQL;
}

function prepare(s: SearchQuery, keys: Lookups): Prepared {
  const text = textCondition(s, keys);
  const all = [...filters(s, keys), ...text.where];
  return {
    s,
    where: sql.join(all, sql` and `),
    indexed: sql.join([...all, ...text.narrowing], sql` and `),
    rank: text.rank,
  };
}

/**
 * The matching initiatives, read once per search (materialized): the few columns the facets and
 * the order need, and the relevance rank only when it orders the page.
 */
const matchedCte = (p: Prepared) =>
  sql`matched as materialized (
    select i.id, i.status, i.start_date, i.end_date, i.owner_organisation_id, i.published_at, i.funding_sek, i.facet_keys,
      ${p.s.sort === 'relevans' ? p.rank : sql`0::float8`} as rank
    from initiatives i where ${p.indexed}
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
function snippetOf({ s }: Prepared): SQL {
  return s.q
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
  const [row] = await queryRows<{
    rows: number;
    matches: number;
    facets: Facets;
    keys: (string | number)[] | null;
  }>(
    db,
    sql`with sampled as materialized (
      select i.id, i.status, i.start_date, i.end_date, i.owner_organisation_id, i.facet_keys,
        i.published_at, i.funding_sek, coalesce(${p.where}, false) as hit
      from initiatives i tablesample system (${percent}::float4) repeatable (7)),
    matched as materialized (select * from sampled where hit),
    ${facetCounts}
    select (select count(*)::int from sampled) as rows, (select count(*)::int from matched) as matches,
      ${facetsJson} as facets,
      (select json_agg(x.k order by x.n) from (
        select ${CUT_KEY[p.s.sort]} as k, row_number() over (order by ${CUT_ORDER[p.s.sort]}) as n
        from matched m where ${CUT_KEY[p.s.sort]} is not null order by ${CUT_ORDER[p.s.sort]} limit ${CUT_KEYS}) x) as keys`,
  );
  return row!;
}

/**
 * The sort key of the order each walk follows, on a sampled match `m`, and the condition that
 * keeps the rows at or before a key in that order. The sample's first matches in the order
 * bound where the first matches of the table lie: about n / (sample share) of them come before
 * the sample's n-th.
 */
const CUT_KEY: Record<SearchQuery['sort'], SQL> = {
  relevans: sql`m.published_at::text`,
  nyast: sql`m.published_at::text`,
  start: sql`m.start_date::text`,
  budget: sql`m.funding_sek::float8`,
};
const CUT_ORDER: Record<SearchQuery['sort'], SQL> = {
  relevans: sql`m.published_at desc, m.id desc`,
  nyast: sql`m.published_at desc, m.id desc`,
  start: sql`m.start_date desc, m.id desc`,
  budget: sql`m.funding_sek desc, m.id desc`,
};
const atOrBefore = (sort: SearchQuery['sort'], key: string | number): SQL =>
  sort === 'start'
    ? sql`i.start_date >= ${key}::date`
    : sort === 'budget'
      ? sql`i.funding_sek >= ${key}`
      : sql`i.published_at >= ${key}::timestamptz`;
/** The sample's first matches whose keys are kept (enough for a cut at up to 1 000 hits). */
const CUT_KEYS = 50;

/**
 * The same orders written so that no index can produce them: the matches are then found through
 * their own indexes and sorted, which is the faster way when they are not among the rows a walk
 * in the index's order reaches first.
 */
const SORTED: Record<SearchQuery['sort'], SQL> = {
  relevans: sql`(i.published_at + interval '0 seconds') desc nulls last, i.id desc`,
  nyast: sql`(i.published_at + interval '0 seconds') desc nulls last, i.id desc`,
  start: sql`(i.start_date + 0) desc, i.id desc`,
  budget: sql`(i.funding_sek + 0) desc, i.id desc`,
};

/**
 * The page of hits from the first `limit` matches in the order of an index (the newest for
 * relevance, ranked afterwards). `scan` bounds the walk: it reads at most that many rows in the
 * index's order; without it the matches are found and sorted, only those at or before `cut` in
 * the order when it is given.
 */
async function searchWalk(
  db: Db,
  p: Prepared,
  o: { pageSize: number; limit: number; page: number; scan: number | null; cut?: SQL },
) {
  const first =
    o.scan === null
      ? sql`select i.id from initiatives i where ${p.where}${o.cut ? sql` and ${o.cut}` : sql``} order by ${SORTED[p.s.sort]} limit ${o.limit}`
      : sql`select x.id from (
          select i.id, coalesce(${p.where}, false) as hit from initiatives i
          where i.workflow_state = 'publicerad' order by ${WALK[p.s.sort]} limit ${o.scan}) x
        where x.hit limit ${o.limit}`;
  const [row] = await queryRows<{ reached: number; hits: SearchHit[] }>(
    db,
    sql`with walked as materialized (${first}),
    paged as materialized (
      select m.id, m.rank, m.published_at, m.start_date, m.funding_sek from (
        select i.id, ${p.s.sort === 'relevans' ? p.rank : sql`0::float8`} as rank, i.published_at, i.start_date, i.funding_sek
        from walked w join initiatives i on i.id = w.id) m
      order by ${ORDER[p.s.sort]} limit ${o.pageSize} offset ${(o.page - 1) * o.pageSize})
    select (select count(*)::int from walked) as reached, ${hitsJson(p)} as hits`,
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
  /**
   * About how many rows an approximate search by relevance reads to gather the newest matches
   * it ranks (at least 200 of them, at most `hitLimit`).
   */
  relevanceRows?: number;
}

/** The limits that keep a search on 100 000 initiatives (PGlite) within about 100 ms. */
export const searchLimits = {
  exactLimit: 2_500,
  sampleRows: 4_000,
  hitLimit: 1_000,
  relevanceRows: 10_000,
} as const;

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
      // Pages reach `hitLimit` hits; relevance ranks a pool of the newest matches, as many as
      // reading about `relevanceRows` rows in publishing order finds (the sample's share).
      const pool =
        p.s.sort === 'relevans'
          ? Math.min(o.hitLimit, Math.max(200, Math.round((estimate / rows) * o.relevanceRows)))
          : o.hitLimit;
      const pageCount = Math.max(1, Math.floor(pool / o.pageSize));
      const page = Math.min(p.s.page, pageCount);
      const limit = p.s.sort === 'relevans' ? pageCount * o.pageSize : page * o.pageSize;
      // The walk reads twice the rows the sample's share of matches predicts; when the matches
      // lie further down the order than that (the order correlates with the conditions), they
      // are found and sorted instead.
      const scan = Math.min(rows, Math.ceil((2 * limit * rows) / estimate) + 1_000);
      const run = { pageSize: o.pageSize, limit, page };
      let walk = await searchWalk(db, p, { ...run, scan });
      // Then among the matches no later than the sample's n-th, where n is three times the
      // sample's share of `limit` (so the range holds about three times the matches needed).
      const n = Math.ceil((3 * limit * sample.rows) / rows) + 3;
      const key = sample.keys?.[n - 1];
      if (walk.reached < limit && key !== undefined) {
        walk = await searchWalk(db, p, { ...run, scan: null, cut: atOrBefore(p.s.sort, key) });
      }
      if (walk.reached < limit) walk = await searchWalk(db, p, { ...run, scan: null });
      // Fewer matches than the page needs means the sample overestimated: count them exactly.
      if (walk.reached >= limit) {
        return {
          total: Math.max(roundEstimate(estimate), walk.reached),
          hits: walk.hits,
          facets: scaleFacets(sample.facets, scale),
          pageCount,
          approximate: true,
          reachable: pageCount * o.pageSize,
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
    // the similarity a correction needs; both for this transaction only.
    await tx.execute(
      sql`select set_config('work_mem', '32MB', true), set_config('pg_trgm.similarity_threshold', ${String(CORRECTION_SIMILARITY)}, true)`,
    );
    const rows = await tableRows(tx);
    let found = await searchWith(tx, prepare(s, await lookups(tx, s)), o, rows);
    let correctedQuery: string | null = null;
    if (found.total === 0 && s.q) {
      const corrected = await correctQuery(tx, s.q);
      if (corrected !== null) {
        const c = { ...s, q: corrected };
        const similar = await searchWith(tx, prepare(c, await lookups(tx, c)), o, rows);
        if (similar.total > 0) {
          correctedQuery = corrected;
          found = similar;
        }
      }
    }
    return {
      hits: found.hits,
      total: found.total,
      page: Math.min(s.page, found.pageCount),
      pageCount: found.pageCount,
      fuzzy: correctedQuery !== null,
      correctedQuery,
      approximate: found.approximate,
      reachable: found.reachable,
      facets: found.facets,
    };
  });
}

/** How similar (pg_trgm, 0–1) a word of the published texts must be to correct a typed word. */
const CORRECTION_SIMILARITY = 0.3;

/**
 * The query with each word that is not in the published texts replaced by the most similar
 * word that is (search_words, kept by a trigger), or null when nothing could be corrected.
 */
async function correctQuery(db: Db, q: string): Promise<string | null> {
  const words = correctableWords(q);
  if (words.length === 0) return null;
  const rows = await queryRows<{ start: number; word: string }>(
    db,
    sql`select w.start, c.word from json_to_recordset(${JSON.stringify(words)}::json) as w(word text, start int)
      cross join lateral (
        select sw.word from search_words sw where sw.word % lower(w.word)
        order by similarity(sw.word, lower(w.word)) desc, sw.word limit 1) c
      where not exists (select 1 from search_words known where known.word = lower(w.word))`,
  );
  if (rows.length === 0) return null;
  return applyCorrections(q, new Map(rows.map((r) => [r.start, r.word])));
}
