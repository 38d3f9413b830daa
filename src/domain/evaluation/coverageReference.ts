import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';

export interface Label {
  key: string;
  sv: string;
  en: string;
}

/** Names of everything the coverage analysis counts, in the strategy's order. */
export async function coverageLabels(db: Db) {
  const [row] = await queryRows<{
    goalAreas: Label[];
    goals: (Label & { area: string })[];
    perspectives: Label[];
    places: Label[];
    sdgGoals: (Label & { colour: string })[];
  }>(
    db,
    sql`select
      (select json_agg(json_build_object('key', ga.slug, 'sv', ga.name_sv, 'en', ga.name_en) order by ga.position)
        from goal_areas ga join strategies s on s.id = ga.strategy_id and s.is_current) as "goalAreas",
      (select json_agg(json_build_object('key', g.code, 'sv', g.name_sv, 'en', g.name_en, 'area', ga.slug) order by ga.position, g.position)
        from goals g join goal_areas ga on ga.id = g.goal_area_id join strategies s on s.id = ga.strategy_id and s.is_current) as goals,
      (select json_agg(json_build_object('key', p.slug, 'sv', p.name_sv, 'en', p.name_en) order by p.position)
        from perspectives p join strategies s on s.id = p.strategy_id and s.is_current) as perspectives,
      (select json_agg(json_build_object('key', pl.code, 'sv', pl.name_sv, 'en', pl.name_en) order by pl.kind desc, pl.name_sv)
        from places pl where pl.kind in ('region', 'kommun') and not pl.comparison) as places,
      (select json_agg(json_build_object('key', sg.number::text, 'sv', coalesce(sg.short_sv, sg.short_en), 'en', sg.short_en, 'colour', sg.colour) order by sg.number)
        from sdg_goals sg) as "sdgGoals"`,
  );
  return {
    goalAreas: row?.goalAreas ?? [],
    goals: row?.goals ?? [],
    perspectives: row?.perspectives ?? [],
    places: row?.places ?? [],
    sdgGoals: row?.sdgGoals ?? [],
  };
}

export type CoverageLabels = Awaited<ReturnType<typeof coverageLabels>>;
