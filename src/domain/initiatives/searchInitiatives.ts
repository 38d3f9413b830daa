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
const keysOf = (prefix: FacetKeyPrefix, values: (string | number)[]) =>
  sql`array[${list(values.map((v) => `${prefix}:${v}`))}]::text[]`;

/** The keys of the rows of a table whose column is one of the values (slugs and codes to ids). */
const keysWhere = (prefix: FacetKeyPrefix, table: string, column: string, values: string[]) =>
  sql`(select coalesce(array_agg(${`${prefix}:`} || t.id), '{}') from ${sql.raw(table)} t where t.${sql.raw(column)} in (${list(values)}))`;

/**
 * The chosen facet values: one value of each facet must match (OR within a facet, AND between
 * facets). Relation facets test the denormalised keys, so the GIN index on facet_keys finds them.
 */
function filters(s: SearchQuery): SQL[] {
  const where: SQL[] = [sql`i.workflow_state = 'publicerad'`];
  const anyOf = (keys: SQL) => where.push(sql`i.facet_keys && ${keys}`);
  if (s.goalAreas.length) anyOf(keysWhere('area', 'goal_areas', 'slug', s.goalAreas));
  if (s.goals.length) anyOf(keysWhere('goal', 'goals', 'code', s.goals));
  if (s.perspectives.length) anyOf(keysWhere('persp', 'perspectives', 'slug', s.perspectives));
  if (s.sdgGoals.length) anyOf(keysOf('sdg', s.sdgGoals));
  if (s.places.length) anyOf(keysOf('place', s.places));
  if (s.organisations.length) anyOf(keysWhere('org', 'organisations', 'slug', s.organisations));
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
  if (s.sources.length) anyOf(keysOf('src', s.sources));
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

/**
 * The matching initiatives, read once per search (materialized): the few columns the facets and
 * the order need, and the relevance rank only when it orders the page.
 */
function matchedCte(s: SearchQuery, fuzzy: boolean): SQL {
  const { where, rank } = textCondition(s, fuzzy);
  const all = where ? [...filters(s), where] : filters(s);
  return sql`matched as materialized (
    select i.id, i.status, i.start_date, i.end_date, i.owner_organisation_id, i.published_at, i.facet_keys,
      ${s.sort === 'relevans' ? rank : sql`0::float8`} as rank
    from initiatives i where ${sql.join(all, sql` and `)}
  )`;
}

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
  budget: sql`m.funding desc, m.id desc`,
};

const funding = (id: SQL) =>
  sql`coalesce((select sum(f.amount_sek) from funding_lines f where f.initiative_id = ${id}), 0)::float8`;

/**
 * One statement per search: the matches are read once, and the total, every facet and the page
 * (clamped to the last page, as the links are) come from them.
 */
async function searchOnce(db: Db, s: SearchQuery, fuzzy: boolean, pageSize: number) {
  const snippet =
    s.q && !fuzzy
      ? sql`ts_headline('swedish', i.summary || ' ' || i.description, websearch_to_tsquery('swedish', ${s.q}), 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "')`
      : sql`null::text`;
  const [row] = await queryRows<{
    total: number;
    facets: SearchResult['facets'];
    hits: SearchHit[];
  }>(
    db,
    sql`with ${matchedCte(s, fuzzy)},
    total as (select count(*)::int as n from matched),
    facet_counts as materialized (select k, count(*) as n from matched m, unnest(m.facet_keys) k group by k),
    paged as materialized (
      select m.id, m.rank, m.published_at, m.start_date${s.sort === 'budget' ? sql`, m.funding` : sql``}
      from ${s.sort === 'budget' ? sql`(select m.*, ${funding(sql`m.id`)} as funding from matched m)` : sql`matched`} m
      order by ${ORDER[s.sort]} limit ${pageSize}
      offset (select (least(${s.page}, greatest(1, ceil(n::numeric / ${pageSize})::int)) - 1) * ${pageSize} from total))
    select (select n from total) as total,
    (select coalesce(json_agg(to_jsonb(h) - 'ord' order by h.ord), '[]') from (
      select i.id, i.title, i.title_en as "titleEn", i.summary, ${snippet} as snippet, i.status::text as status,
        i.start_date::text as "startDate", i.end_date::text as "endDate", o.name as "ownerName", i.is_demo as "isDemo",
        to_char(i.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "publishedAt",
        ${funding(sql`i.id`)} as "fundingSek",
        row_number() over (order by ${ORDER[s.sort]}) as ord
      from paged m join initiatives i on i.id = m.id join organisations o on o.id = i.owner_organisation_id) h) as hits,
    json_build_object(
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
    ) as facets`,
  );
  return row!;
}

/** Full-text search with Swedish stemming, a typo-tolerant fallback, facets, sort and pages. */
export async function searchInitiatives(
  db: Db,
  s: SearchQuery,
  options: { pageSize?: number } = {},
): Promise<SearchResult> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    // Room for the matches of a common word in memory (the default spills them to disk), and
    // pg_trgm thresholds equal to the typo-tolerant limits; both for this transaction only.
    await tx.execute(
      sql`select set_config('work_mem', '32MB', true), set_config('pg_trgm.similarity_threshold', '0.2', true), set_config('pg_trgm.word_similarity_threshold', '0.45', true)`,
    );
    let fuzzy = false;
    let found = await searchOnce(tx, s, false, pageSize);
    if (found.total === 0 && s.q) {
      const similar = await searchOnce(tx, s, true, pageSize);
      if (similar.total > 0) {
        fuzzy = true;
        found = similar;
      }
    }
    const pageCount = Math.max(1, Math.ceil(found.total / pageSize));
    return {
      hits: found.hits,
      total: found.total,
      page: Math.min(s.page, pageCount),
      pageCount,
      fuzzy,
      facets: found.facets,
    };
  });
}
