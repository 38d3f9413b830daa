import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import {
  byGoal,
  byPerspective,
  byPlace,
  bySdg,
  byGoalAreaAndSource,
  bySourceExact,
  roundShares,
  shareBy,
  total,
  UNASSIGNED,
  type Buckets,
  type FundedInitiative,
} from './moneyShares.js';

/** Published initiatives of the current strategy with what the coverage analysis reads. */
export async function loadFundedInitiatives(db: Db): Promise<FundedInitiative[]> {
  return queryRows<FundedInitiative>(
    db,
    sql`select i.id, i.status::text as status, extract(year from i.start_date)::int as "startYear",
      extract(year from i.end_date)::int as "endYear",
      coalesce((select json_agg(json_build_object('year', f.year, 'source', f.source, 'amountSek', f.amount_sek)) from funding_lines f where f.initiative_id = i.id), '[]') as funding,
      coalesce((select json_agg(json_build_object('code', g.code, 'areaSlug', ga.slug)) from initiative_goals ig join goals g on g.id = ig.goal_id join goal_areas ga on ga.id = g.goal_area_id where ig.initiative_id = i.id), '[]') as goals,
      coalesce((select json_agg(ip.place_code) from initiative_places ip where ip.initiative_id = i.id), '[]') as places,
      coalesce((select json_agg(distinct st.goal_number) from initiative_sdg_targets ist join sdg_targets st on st.code = ist.sdg_target_code where ist.initiative_id = i.id), '[]') as "sdgGoals",
      coalesce((select json_agg(p.slug) from initiative_perspectives ip2 join perspectives p on p.id = ip2.perspective_id where ip2.initiative_id = i.id), '[]') as perspectives
    from initiatives i join strategies s on s.id = i.strategy_id and s.is_current
    where i.workflow_state = 'publicerad' order by i.id`,
  );
}

export interface Coverage {
  year: number | null;
  total: number;
  money: Record<
    'goalAreas' | 'goals' | 'places' | 'sdgGoals' | 'perspectives' | 'sources',
    { key: string; amount: number }[]
  >;
  /** Money per goal area ('' = none) and funding source, in whole kronor adding up to the total. */
  areaBySource: { area: string; source: string; amount: number }[];
  /** Active initiatives per goal × perspective ('' = none). */
  matrix: { goal: string; perspective: string; count: number }[];
  activeByGoal: Record<string, number>;
  activeByPlace: Record<string, number>;
  activeByPerspective: Record<string, number>;
  gaps: { goals: string[]; places: string[]; perspectives: string[]; lowMoneyGoals: string[] };
}

const list = (b: Buckets) => roundShares(b).sort((a, z) => z.amount - a.amount);

function activeNow(i: FundedInitiative, year: number | null) {
  if (year === null) return i.status === 'pagaende';
  return (
    i.status !== 'avbruten' && i.startYear <= year && (i.endYear === null || i.endYear >= year)
  );
}

/**
 * Where initiatives and money go, and where they are missing. `year` null means all years and
 * "active" means ongoing now; a year means funding of that year and initiatives running in it.
 */
export function analyseCoverage(
  initiatives: FundedInitiative[],
  reference: { goals: string[]; places: string[]; perspectives: string[] },
  year: number | null,
): Coverage {
  const y = year ?? undefined;
  const active = initiatives.filter((i) => activeNow(i, year));
  const count = (keys: (i: FundedInitiative) => string[]) => {
    const out: Record<string, number> = {};
    for (const i of active) for (const k of new Set(keys(i))) out[k] = (out[k] ?? 0) + 1;
    return out;
  };
  const activeByGoal = count(byGoal);
  const activeByPlace = count(byPlace);
  const activeByPerspective = count(byPerspective);
  const matrix: Coverage['matrix'] = [];
  for (const goal of reference.goals) {
    for (const perspective of [...reference.perspectives, UNASSIGNED]) {
      const n = active.filter(
        (i) =>
          i.goals.some((g) => g.code === goal) &&
          (perspective === UNASSIGNED
            ? i.perspectives.length === 0
            : i.perspectives.includes(perspective)),
      ).length;
      matrix.push({ goal, perspective, count: n });
    }
  }
  const goalMoney = shareBy(initiatives, byGoal, y);
  // Each source's column is rounded on its own, so it adds up to the source's exact amount; the
  // goal areas' amounts are the rows of the same cells, so both tables agree to the krona.
  const columns = new Map<string, Buckets>();
  for (const [key, amount] of byGoalAreaAndSource(initiatives, y)) {
    const [area = '', source = ''] = key.split('\u0000');
    const column = columns.get(source) ?? new Map<string, number>();
    column.set(area, amount);
    columns.set(source, column);
  }
  const areaBySource = [...columns].flatMap(([source, column]) =>
    roundShares(column).map(({ key, amount }) => ({ area: key, source, amount })),
  );
  const areaMoney: Buckets = new Map();
  for (const c of areaBySource) areaMoney.set(c.area, (areaMoney.get(c.area) ?? 0) + c.amount);
  const amounts = reference.goals.map((g) => goalMoney.get(g) ?? 0).sort((a, b) => a - b);
  const median = amounts[Math.floor(amounts.length / 2)] ?? 0;
  return {
    year,
    total: total(initiatives, y),
    money: {
      goalAreas: list(areaMoney),
      goals: list(goalMoney),
      places: list(shareBy(initiatives, byPlace, y)),
      sdgGoals: list(shareBy(initiatives, bySdg, y)),
      perspectives: list(shareBy(initiatives, byPerspective, y)),
      sources: list(bySourceExact(initiatives, y)),
    },
    areaBySource,
    matrix,
    activeByGoal,
    activeByPlace,
    activeByPerspective,
    gaps: {
      goals: reference.goals.filter((g) => !activeByGoal[g]),
      places: reference.places.filter((p) => !activeByPlace[p]),
      perspectives: reference.perspectives.filter((p) => !activeByPerspective[p]),
      lowMoneyGoals: reference.goals.filter(
        (g) => median > 0 && (goalMoney.get(g) ?? 0) < median / 4,
      ),
    },
  };
}
