import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import type { FacetKeyPrefix } from './facetKeys.js';
import { requiredPhrases, type SearchQuery } from './searchQuery.js';

// The SQL pieces of the initiative search (searchInitiatives.ts): the conditions of a query,
// its orders, and the hits and facets read from the `matched` and `paged` rows.

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
export interface Lookups {
  area: string[];
  goal: string[];
  persp: string[];
  org: string[];
  /** One tsquery (as text) of adjacent word pairs per required phrase that has any. */
  pairs: string[];
}

export async function lookups(db: Db, s: SearchQuery): Promise<Lookups> {
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
export interface Prepared {
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

export function prepare(s: SearchQuery, keys: Lookups): Prepared {
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
export const matchedCte = (p: Prepared) =>
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

export const ORDER: Record<SearchQuery['sort'], SQL> = {
  relevans: sql`m.rank desc, m.published_at desc nulls last, m.id desc`,
  nyast: sql`m.published_at desc nulls last, m.id desc`,
  start: sql`m.start_date desc, m.id desc`,
  budget: sql`m.funding_sek desc, m.id desc`,
};

/**
 * The orders of the partial indexes over published initiatives (schema/initiatives.ts), which a
 * search with many matches walks. Relevance walks the newest matches and ranks those.
 */
export const WALK: Record<SearchQuery['sort'], SQL> = {
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
export const hitsJson = (p: Prepared) =>
  sql`(select coalesce(json_agg(to_jsonb(h) - 'ord' order by h.ord), '[]') from (
      select i.id, i.title, i.title_en as "titleEn", i.summary, ${snippetOf(p)} as snippet, i.status::text as status,
        i.start_date::text as "startDate", i.end_date::text as "endDate", o.name as "ownerName", i.is_demo as "isDemo",
        to_char(i.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "publishedAt",
        i.funding_sek::float8 as "fundingSek",
        row_number() over (order by ${ORDER[p.s.sort]}) as ord
      from paged m join initiatives i on i.id = m.id join organisations o on o.id = i.owner_organisation_id) h)`;

/** Every facet counted over `matched` (its facet keys, owner, status and years) as one JSON object. */
export const facetsJson = sql`json_build_object(
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

export const facetCounts = sql`facet_counts as materialized (select k, count(*) as n from matched m, unnest(m.facet_keys) k group by k)`;

/** The offset of the requested page, clamped to the last page of `n` rows (as the links are). */
export const pageOffset = (p: Prepared, pageSize: number, n: SQL) =>
  sql`(least(${p.s.page}, greatest(1, ceil(${n}::numeric / ${pageSize})::int)) - 1) * ${pageSize}`;

/**
 * The sort key of the order each walk follows, on a sampled match `m`, and the condition that
 * keeps the rows at or before a key in that order. The sample's first matches in the order
 * bound where the first matches of the table lie: about n / (sample share) of them come before
 * the sample's n-th.
 */
export const CUT_KEY: Record<SearchQuery['sort'], SQL> = {
  relevans: sql`m.published_at::text`,
  nyast: sql`m.published_at::text`,
  start: sql`m.start_date::text`,
  budget: sql`m.funding_sek::float8`,
};
export const CUT_ORDER: Record<SearchQuery['sort'], SQL> = {
  relevans: sql`m.published_at desc, m.id desc`,
  nyast: sql`m.published_at desc, m.id desc`,
  start: sql`m.start_date desc, m.id desc`,
  budget: sql`m.funding_sek desc, m.id desc`,
};
export const atOrBefore = (sort: SearchQuery['sort'], key: string | number): SQL =>
  sort === 'start'
    ? sql`i.start_date >= ${key}::date`
    : sort === 'budget'
      ? sql`i.funding_sek >= ${key}`
      : sql`i.published_at >= ${key}::timestamptz`;
/** The sample's first matches whose keys are kept (enough for a cut at up to 1 000 hits). */
export const CUT_KEYS = 50;

/**
 * The same orders written so that no index can produce them: the matches are then found through
 * their own indexes and sorted, which is the faster way when they are not among the rows a walk
 * in the index's order reaches first.
 */
export const SORTED: Record<SearchQuery['sort'], SQL> = {
  relevans: sql`(i.published_at + interval '0 seconds') desc nulls last, i.id desc`,
  nyast: sql`(i.published_at + interval '0 seconds') desc nulls last, i.id desc`,
  start: sql`(i.start_date + 0) desc, i.id desc`,
  budget: sql`(i.funding_sek + 0) desc, i.id desc`,
};
