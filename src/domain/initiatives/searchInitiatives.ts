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
      where: sql`(similarity(i.title, ${s.q}) > 0.2 or word_similarity(${s.q}, i.title) > 0.45)`,
      rank: sql`greatest(similarity(i.title, ${s.q}), word_similarity(${s.q}, i.title))::float8`,
    };
  }
  return {
    where: sql`i.search @@ websearch_to_tsquery('swedish', ${s.q})`,
    rank: sql`ts_rank_cd(i.search, websearch_to_tsquery('swedish', ${s.q}))::float8`,
  };
}

function matchedCte(s: SearchQuery, fuzzy: boolean): SQL {
  const { where, rank } = textCondition(s, fuzzy);
  const all = where ? [...filters(s), where] : filters(s);
  return sql`matched as materialized (
    select i.id, i.status, i.start_date, i.end_date, i.owner_organisation_id, i.published_at, ${rank} as rank
    from initiatives i where ${sql.join(all, sql` and `)}
  )`;
}

async function facetsAndTotal(db: Db, s: SearchQuery, fuzzy: boolean) {
  const [row] = await queryRows<{ total: number; facets: SearchResult['facets'] }>(
    db,
    sql`with ${matchedCte(s, fuzzy)}
    select (select count(*)::int from matched) as total, json_build_object(
      'goalAreas', (select coalesce(json_agg(x order by x.pos), '[]') from (
        select ga.slug as value, ga.name_sv as "labelSv", ga.name_en as "labelEn", count(distinct m.id)::int as count, min(ga.position) as pos
        from matched m join initiative_goals ig on ig.initiative_id = m.id join goals g on g.id = ig.goal_id join goal_areas ga on ga.id = g.goal_area_id
        group by ga.slug, ga.name_sv, ga.name_en) x),
      'goals', (select coalesce(json_agg(x order by x.value), '[]') from (
        select g.code as value, g.name_sv as "labelSv", g.name_en as "labelEn", count(distinct m.id)::int as count
        from matched m join initiative_goals ig on ig.initiative_id = m.id join goals g on g.id = ig.goal_id
        group by g.code, g.name_sv, g.name_en) x),
      'perspectives', (select coalesce(json_agg(x order by x.pos), '[]') from (
        select p.slug as value, p.name_sv as "labelSv", p.name_en as "labelEn", count(distinct m.id)::int as count, min(p.position) as pos
        from matched m join initiative_perspectives ip on ip.initiative_id = m.id join perspectives p on p.id = ip.perspective_id
        group by p.slug, p.name_sv, p.name_en) x),
      'sdgGoals', (select coalesce(json_agg(x order by x.num), '[]') from (
        select sg.number::text as value, coalesce(sg.short_sv, sg.short_en) as "labelSv", sg.short_en as "labelEn", count(distinct m.id)::int as count, sg.number as num
        from matched m join initiative_sdg_targets ist on ist.initiative_id = m.id join sdg_targets st on st.code = ist.sdg_target_code join sdg_goals sg on sg.number = st.goal_number
        group by sg.number, sg.short_sv, sg.short_en) x),
      'places', (select coalesce(json_agg(x order by x.value), '[]') from (
        select pl.code as value, pl.name_sv as "labelSv", pl.name_en as "labelEn", count(distinct m.id)::int as count
        from matched m join initiative_places ip on ip.initiative_id = m.id join places pl on pl.code = ip.place_code
        group by pl.code, pl.name_sv, pl.name_en) x),
      'organisations', (select coalesce(json_agg(x order by x.count desc, x."labelSv"), '[]') from (
        select o.slug as value, o.name as "labelSv", o.name as "labelEn", count(*)::int as count
        from matched m join organisations o on o.id = m.owner_organisation_id
        group by o.slug, o.name order by count(*) desc, o.name limit 25) x),
      'statuses', (select coalesce(json_agg(x order by x.value), '[]') from (
        select m.status::text as value, m.status::text as "labelSv", m.status::text as "labelEn", count(*)::int as count
        from matched m group by m.status) x),
      'years', (select coalesce(json_agg(x order by x.value desc), '[]') from (
        select y::text as value, y::text as "labelSv", y::text as "labelEn", count(*)::int as count
        from matched m, generate_series(extract(year from m.start_date)::int,
          least(coalesce(extract(year from m.end_date)::int, extract(year from now())::int + 1), extract(year from m.start_date)::int + 15)) y
        group by y) x),
      'sources', (select coalesce(json_agg(x order by x.value), '[]') from (
        select f.source::text as value, f.source::text as "labelSv", f.source::text as "labelEn", count(distinct m.id)::int as count
        from matched m join funding_lines f on f.initiative_id = m.id group by f.source) x)
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
    sql`with ${matchedCte(s, fuzzy)}
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
    const similar = await facetsAndTotal(db, s, true);
    if (similar.total > 0) {
      fuzzy = true;
      summary = similar;
    }
  }
  const pageCount = Math.max(1, Math.ceil(summary.total / pageSize));
  const current = Math.min(s.page, pageCount);
  const hits =
    summary.total === 0 ? [] : await page(db, s, fuzzy, pageSize, (current - 1) * pageSize);
  return { hits, total: summary.total, page: current, pageCount, fuzzy, facets: summary.facets };
}
