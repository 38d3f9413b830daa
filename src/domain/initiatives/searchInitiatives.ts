import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
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

function filters(s: SearchQuery): SQL[] {
  const where: SQL[] = [sql`i.workflow_state = 'publicerad'`];
  if (s.goalAreas.length)
    where.push(
      sql`i.id in (select ig.initiative_id from initiative_goals ig join goals g on g.id = ig.goal_id join goal_areas ga on ga.id = g.goal_area_id where ga.slug in (${list(s.goalAreas)}))`,
    );
  if (s.goals.length)
    where.push(
      sql`i.id in (select ig.initiative_id from initiative_goals ig join goals g on g.id = ig.goal_id where g.code in (${list(s.goals)}))`,
    );
  if (s.perspectives.length)
    where.push(
      sql`i.id in (select ip.initiative_id from initiative_perspectives ip join perspectives p on p.id = ip.perspective_id where p.slug in (${list(s.perspectives)}))`,
    );
  if (s.sdgGoals.length)
    where.push(
      sql`i.id in (select ist.initiative_id from initiative_sdg_targets ist join sdg_targets st on st.code = ist.sdg_target_code where st.goal_number in (${list(s.sdgGoals)}))`,
    );
  if (s.places.length)
    where.push(
      sql`i.id in (select initiative_id from initiative_places where place_code in (${list(s.places)}))`,
    );
  if (s.organisations.length)
    where.push(
      sql`i.id in (select pa.initiative_id from initiative_partners pa join organisations o on o.id = pa.organisation_id where o.slug in (${list(s.organisations)}))`,
    );
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
  if (s.sources.length)
    where.push(
      sql`i.id in (select initiative_id from funding_lines where source::text in (${list(s.sources)}))`,
    );
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
 * The matching initiatives, computed once per statement (materialized). The facets need only the
 * ids and a few columns; the relevance rank is computed only where it orders a page.
 */
function matchedCte(s: SearchQuery, fuzzy: boolean, withRank: boolean): SQL {
  const { where, rank } = textCondition(s, fuzzy);
  const all = where ? [...filters(s), where] : filters(s);
  return sql`matched as materialized (
    select i.id, i.status, i.start_date, i.end_date, i.owner_organisation_id, i.published_at${withRank ? sql`, ${rank} as rank` : sql``}
    from initiatives i where ${sql.join(all, sql` and `)}
  )`;
}

/**
 * One facet over a relation table: the relation rows of the matching initiatives (a hash
 * semi-join, not one index probe per match), grouped by an integer or enum key first and labelled
 * after. `distinct` is needed where one initiative can reach a value twice (two goals of one area).
 */
const facet = (o: { key: SQL; from: SQL; distinct: boolean; label: SQL; join: SQL; order: SQL }) =>
  sql`(select coalesce(json_agg(json_build_object('value', x.value, 'labelSv', x."labelSv", 'labelEn', x."labelEn", 'count', x.count) order by ${o.order}), '[]') from (
    select ${o.label}, sum(c.n)::int as count from (
      select k, count(*) as n from (
        select ${o.distinct ? sql`distinct r.initiative_id,` : sql``} ${o.key} as k ${o.from}
        where r.initiative_id in (select id from matched)) d group by k) c ${o.join}
    group by value, "labelSv", "labelEn") x)`;

async function facetsAndTotal(db: Db, s: SearchQuery, fuzzy: boolean) {
  const [row] = await queryRows<{ total: number; facets: SearchResult['facets'] }>(
    db,
    sql`with ${matchedCte(s, fuzzy, false)}
    select (select count(*)::int from matched) as total, json_build_object(
      'goalAreas', ${facet({
        key: sql`g.goal_area_id`,
        from: sql`from initiative_goals r join goals g on g.id = r.goal_id`,
        distinct: true,
        label: sql`ga.slug as value, ga.name_sv as "labelSv", ga.name_en as "labelEn", min(ga.position) as pos`,
        join: sql`join goal_areas ga on ga.id = c.k`,
        order: sql`x.pos`,
      })},
      'goals', ${facet({
        key: sql`r.goal_id`,
        from: sql`from initiative_goals r`,
        distinct: false,
        label: sql`g.code as value, g.name_sv as "labelSv", g.name_en as "labelEn"`,
        join: sql`join goals g on g.id = c.k`,
        order: sql`x.value`,
      })},
      'perspectives', ${facet({
        key: sql`r.perspective_id`,
        from: sql`from initiative_perspectives r`,
        distinct: false,
        label: sql`p.slug as value, p.name_sv as "labelSv", p.name_en as "labelEn", min(p.position) as pos`,
        join: sql`join perspectives p on p.id = c.k`,
        order: sql`x.pos`,
      })},
      'sdgGoals', ${facet({
        key: sql`st.goal_number`,
        from: sql`from initiative_sdg_targets r join sdg_targets st on st.code = r.sdg_target_code`,
        distinct: true,
        label: sql`sg.number::text as value, coalesce(sg.short_sv, sg.short_en) as "labelSv", sg.short_en as "labelEn", min(sg.number) as pos`,
        join: sql`join sdg_goals sg on sg.number = c.k`,
        order: sql`x.pos`,
      })},
      'places', ${facet({
        key: sql`r.place_code`,
        from: sql`from initiative_places r`,
        distinct: false,
        label: sql`pl.code as value, pl.name_sv as "labelSv", pl.name_en as "labelEn"`,
        join: sql`join places pl on pl.code = c.k`,
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
        key: sql`r.source`,
        from: sql`from funding_lines r`,
        distinct: true,
        label: sql`c.k::text as value, c.k::text as "labelSv", c.k::text as "labelEn"`,
        join: sql``,
        order: sql`x.value`,
      })}
    ) as facets`,
  );
  return row!;
}

const ORDER: Record<SearchQuery['sort'], SQL> = {
  relevans: sql`m.rank desc, m.published_at desc nulls last, m.id desc`,
  nyast: sql`m.published_at desc nulls last, m.id desc`,
  start: sql`m.start_date desc, m.id desc`,
  budget: sql`funding desc, m.id desc`,
};

async function page(
  db: Db,
  s: SearchQuery,
  fuzzy: boolean,
  limit: number,
  offset: number,
): Promise<SearchHit[]> {
  const snippet =
    s.q && !fuzzy
      ? sql`ts_headline('swedish', i.summary || ' ' || i.description, websearch_to_tsquery('swedish', ${s.q}), 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "')`
      : sql`null::text`;
  return queryRows<SearchHit>(
    db,
    sql`with ${matchedCte(s, fuzzy, true)}
    select i.id, i.title, i.title_en as "titleEn", i.summary, ${snippet} as snippet, i.status::text as status,
      i.start_date::text as "startDate", i.end_date::text as "endDate", o.name as "ownerName", i.is_demo as "isDemo",
      to_char(i.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "publishedAt",
      coalesce((select sum(f.amount_sek) from funding_lines f where f.initiative_id = i.id), 0)::float8 as funding,
      coalesce((select sum(f.amount_sek) from funding_lines f where f.initiative_id = i.id), 0)::float8 as "fundingSek"
    from matched m join initiatives i on i.id = m.id join organisations o on o.id = i.owner_organisation_id
    order by ${ORDER[s.sort]} limit ${limit} offset ${offset}`,
  );
}

/** Full-text search with Swedish stemming, a typo-tolerant fallback, facets, sort and pages. */
export async function searchInitiatives(
  db: Db,
  s: SearchQuery,
  options: { pageSize?: number } = {},
): Promise<SearchResult> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  let fuzzy = false;
  let summary = await facetsAndTotal(db, s, false);
  if (summary.total === 0 && s.q) {
    return withTrigramLimits(db, async (tx) => {
      const similar = await facetsAndTotal(tx, s, true);
      if (similar.total > 0) {
        fuzzy = true;
        summary = similar;
      }
      return finish(tx, s, fuzzy, summary, pageSize);
    });
  }
  return finish(db, s, fuzzy, summary, pageSize);
}

/** Runs fn in a transaction whose pg_trgm thresholds match the typo-tolerant limits above. */
function withTrigramLimits<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('pg_trgm.similarity_threshold', '0.2', true), set_config('pg_trgm.word_similarity_threshold', '0.45', true)`,
    );
    return fn(tx as unknown as Db);
  });
}

async function finish(
  db: Db,
  s: SearchQuery,
  fuzzy: boolean,
  summary: { total: number; facets: SearchResult['facets'] },
  pageSize: number,
): Promise<SearchResult> {
  const pageCount = Math.max(1, Math.ceil(summary.total / pageSize));
  const current = Math.min(s.page, pageCount);
  const hits =
    summary.total === 0 ? [] : await page(db, s, fuzzy, pageSize, (current - 1) * pageSize);
  return { hits, total: summary.total, page: current, pageCount, fuzzy, facets: summary.facets };
}
