import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import type { FacetValue, SearchResult } from './searchInitiatives.js';
import type { SearchQuery } from './searchQuery.js';

type Facets = SearchResult['facets'];
type FacetKey = keyof Facets;

const chosen: Record<FacetKey, (s: SearchQuery) => string[]> = {
  goalAreas: (s) => s.goalAreas,
  goals: (s) => s.goals,
  perspectives: (s) => s.perspectives,
  sdgGoals: (s) => s.sdgGoals.map(String),
  places: (s) => s.places,
  organisations: (s) => s.organisations,
  statuses: (s) => s.statuses,
  years: (s) => s.years.map(String),
  sources: (s) => s.sources,
};

/**
 * The facets with every chosen value kept: a value the visitor chose that no longer matches
 * anything (another filter or the words rule it out) stays in its list with the count 0, so a
 * checkbox never vanishes from under the visitor and can be cleared where it was set. Values
 * that are not known at all (a mistyped address) are left out.
 */
export async function keepChosenValues(db: Db, s: SearchQuery, facets: Facets): Promise<Facets> {
  const missing = (key: FacetKey) => {
    const present = new Set(facets[key].map((f) => f.value));
    return chosen[key](s).filter((v) => !present.has(v));
  };
  const wanted = Object.fromEntries(
    (Object.keys(chosen) as FacetKey[]).map((k) => [k, missing(k)]),
  ) as Record<FacetKey, string[]>;
  if (Object.values(wanted).every((v) => v.length === 0)) return facets;
  const labels = await labelsOf(db, wanted);
  const out = { ...facets };
  for (const key of Object.keys(chosen) as FacetKey[]) {
    if (wanted[key].length === 0) continue;
    const extra = wanted[key]
      .map((value) => labels[key].get(value))
      .filter((f): f is FacetValue => f !== undefined);
    out[key] = [...facets[key], ...extra];
  }
  return out;
}

type Label = { key: FacetKey; value: string; labelSv: string; labelEn: string };

async function labelsOf(
  db: Db,
  wanted: Record<FacetKey, string[]>,
): Promise<Record<FacetKey, Map<string, FacetValue>>> {
  const json = (values: string[]) => JSON.stringify(values);
  const rows = await queryRows<Label>(
    db,
    sql`select 'goalAreas' as key, slug as value, name_sv as "labelSv", name_en as "labelEn"
        from goal_areas where slug in (select json_array_elements_text(${json(wanted.goalAreas)}::json))
      union all
      select 'goals', code, name_sv, name_en
        from goals where code in (select json_array_elements_text(${json(wanted.goals)}::json))
      union all
      select 'perspectives', slug, name_sv, name_en
        from perspectives where slug in (select json_array_elements_text(${json(wanted.perspectives)}::json))
      union all
      select 'sdgGoals', number::text, coalesce(short_sv, short_en), short_en
        from sdg_goals where number::text in (select json_array_elements_text(${json(wanted.sdgGoals)}::json))
      union all
      select 'places', code, name_sv, name_en
        from places where code in (select json_array_elements_text(${json(wanted.places)}::json))
      union all
      select 'organisations', slug, name, name
        from organisations where slug in (select json_array_elements_text(${json(wanted.organisations)}::json))`,
  );
  const out = Object.fromEntries(
    (Object.keys(chosen) as FacetKey[]).map((k) => [k, new Map<string, FacetValue>()]),
  ) as Record<FacetKey, Map<string, FacetValue>>;
  // Goal areas and goals may repeat across strategies; the first label of a value is kept.
  for (const r of rows) {
    if (!out[r.key].has(r.value))
      out[r.key].set(r.value, { value: r.value, labelSv: r.labelSv, labelEn: r.labelEn, count: 0 });
  }
  // Statuses, years and funding sources are labelled by the page from their values.
  for (const key of ['statuses', 'years', 'sources'] as const) {
    for (const value of wanted[key]) {
      out[key].set(value, { value, labelSv: value, labelEn: value, count: 0 });
    }
  }
  return out;
}
