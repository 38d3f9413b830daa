import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { applyCorrections, correctableWords, PAGE_SIZE, type SearchQuery } from './searchQuery.js';
import {
  atOrBefore,
  CUT_KEY,
  CUT_KEYS,
  CUT_ORDER,
  facetCounts,
  facetsJson,
  hitsJson,
  lookups,
  matchedCte,
  ORDER,
  pageOffset,
  prepare,
  SORTED,
  WALK,
  type Prepared,
} from './searchSql.js';
import { keepChosenValues } from './selectedFacets.js';

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
      facets: await keepChosenValues(tx, s, found.facets),
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
