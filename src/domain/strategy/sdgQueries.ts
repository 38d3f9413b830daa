import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { NotFoundError } from '../errors.js';

export interface SdgGoalSummary {
  number: number;
  colour: string;
  shortSv: string | null;
  shortEn: string;
  titleEn: string;
  initiativeCount: number;
  strategyGoals: { code: string; nameSv: string; nameEn: string; areaSlug: string }[];
}

const goalSummarySql = (where: ReturnType<typeof sql>) => sql`
  select sg.number, sg.colour, sg.short_sv as "shortSv", sg.short_en as "shortEn", sg.title_en as "titleEn",
    (select count(distinct i.id)::int from initiative_sdg_targets ist join sdg_targets st on st.code = ist.sdg_target_code
      join initiatives i on i.id = ist.initiative_id where st.goal_number = sg.number and i.workflow_state = 'publicerad') as "initiativeCount",
    coalesce((select json_agg(x order by x.code) from (
      select distinct g.code, g.name_sv as "nameSv", g.name_en as "nameEn", ga.slug as "areaSlug"
      from initiative_sdg_targets ist join sdg_targets st on st.code = ist.sdg_target_code
      join initiatives i on i.id = ist.initiative_id and i.workflow_state = 'publicerad'
      join initiative_goals ig on ig.initiative_id = i.id join goals g on g.id = ig.goal_id
      join goal_areas ga on ga.id = g.goal_area_id join strategies s on s.id = ga.strategy_id and s.is_current
      where st.goal_number = sg.number) x), '[]') as "strategyGoals"
  from sdg_goals sg ${where} order by sg.number`;

export function sdgGoalSummaries(db: Db): Promise<SdgGoalSummary[]> {
  return queryRows<SdgGoalSummary>(db, goalSummarySql(sql``));
}

export async function sdgGoalDetail(db: Db, number: number) {
  const [goal] = await queryRows<SdgGoalSummary>(
    db,
    goalSummarySql(sql`where sg.number = ${number}`),
  );
  if (!goal) throw new NotFoundError('Målet finns inte.');
  const targets = await queryRows<{ code: string; titleEn: string; initiativeCount: number }>(
    db,
    sql`select st.code, st.title_en as "titleEn",
      (select count(*)::int from initiative_sdg_targets ist join initiatives i on i.id = ist.initiative_id
        where ist.sdg_target_code = st.code and i.workflow_state = 'publicerad') as "initiativeCount"
    from sdg_targets st where st.goal_number = ${number} order by st.position`,
  );
  return { goal, targets };
}
