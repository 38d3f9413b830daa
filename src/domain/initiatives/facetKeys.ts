import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

/**
 * The facet keys of an initiative, denormalised onto `initiatives.facet_keys` so that the search
 * counts every facet with one `unnest` over the matches and filters with the GIN index
 * (`facet_keys && array[…]`) instead of joining the relation tables:
 *
 * - `area:<goal_areas.id>` (through its goals), `goal:<goals.id>`, `persp:<perspectives.id>`,
 *   `sdg:<sdg goal number>` (through its Agenda 2030 targets), `place:<place code>`,
 *   `src:<funding source>`, `org:<organisations.id>` (every partner, the owner included).
 *
 * Status, years and the owner are columns of the initiative itself and are read from there.
 * Every command that changes an initiative's relations calls refreshFacetKeys in its transaction.
 */
export const facetKeyPrefixes = ['area', 'goal', 'persp', 'sdg', 'place', 'src', 'org'] as const;
export type FacetKeyPrefix = (typeof facetKeyPrefixes)[number];

/** The sorted, distinct keys of initiative `i` (an alias in scope), as one array expression. */
export const facetKeysExpression: SQL = sql`array(
  select k from (
    select 'area:' || g.goal_area_id as k from initiative_goals ig join goals g on g.id = ig.goal_id where ig.initiative_id = i.id
    union select 'goal:' || ig.goal_id from initiative_goals ig where ig.initiative_id = i.id
    union select 'persp:' || ip.perspective_id from initiative_perspectives ip where ip.initiative_id = i.id
    union select 'sdg:' || st.goal_number from initiative_sdg_targets ist join sdg_targets st on st.code = ist.sdg_target_code where ist.initiative_id = i.id
    union select 'place:' || pl.place_code from initiative_places pl where pl.initiative_id = i.id
    union select 'src:' || f.source::text from funding_lines f where f.initiative_id = i.id
    union select 'org:' || pa.organisation_id from initiative_partners pa where pa.initiative_id = i.id
  ) keys order by k)`;

/** The sum of initiative `i`'s funding lines, kept in `initiatives.funding_sek` for sorting. */
export const fundingExpression: SQL = sql`coalesce((select sum(f.amount_sek) from funding_lines f where f.initiative_id = i.id), 0)`;

/** The names of initiative `i`'s places in both languages, for the text search. */
export const placeNamesExpression: SQL = sql`coalesce((select string_agg(p.name_sv || ' ' || p.name_en, ' ' order by p.code) from initiative_places ip join places p on p.code = ip.place_code where ip.initiative_id = i.id), '')`;

/**
 * Recomputes the facet keys, the place names and the funding sum of the given initiatives from their relation
 * tables (one statement).
 */
export async function refreshFacetKeys(tx: Db, initiativeIds: number[]): Promise<void> {
  const ids = [...new Set(initiativeIds)].filter((id) => Number.isInteger(id));
  if (ids.length === 0) return;
  await refreshFacetKeysWhere(tx, sql`i.id = any(string_to_array(${ids.join(',')}, ',')::int[])`);
}

/** Recomputes the facet keys of the initiatives matching a condition on `i` (bulk loads). */
export async function refreshFacetKeysWhere(tx: Db, condition: SQL): Promise<void> {
  await tx.execute(
    sql`update initiatives i set facet_keys = ${facetKeysExpression}, place_names = ${placeNamesExpression}, funding_sek = ${fundingExpression} where ${condition}`,
  );
}
