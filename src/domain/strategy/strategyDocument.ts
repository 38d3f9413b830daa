import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { goalAreas, goals, perspectives } from '../../db/schema/index.js';
import { programmeSummaries, type ProgrammeSummary } from './programmeQueries.js';
import {
  currentStrategy,
  type GoalAreaRow,
  type GoalRow,
  type PerspectiveRow,
  type StrategyRow,
} from './queries.js';

export interface StrategyDocument {
  strategy: StrategyRow;
  areas: (GoalAreaRow & { goals: GoalRow[] })[];
  perspectives: PerspectiveRow[];
  programmes: ProgrammeSummary[];
}

/** The current strategy as one document: its chapters, goal areas with goals, perspectives and programmes. */
export async function strategyDocument(db: Db): Promise<StrategyDocument> {
  const strategy = await currentStrategy(db);
  const [areas, persp, programmes] = await Promise.all([
    db
      .select()
      .from(goalAreas)
      .where(eq(goalAreas.strategyId, strategy.id))
      .orderBy(asc(goalAreas.position)),
    db
      .select()
      .from(perspectives)
      .where(eq(perspectives.strategyId, strategy.id))
      .orderBy(asc(perspectives.position)),
    programmeSummaries(db),
  ]);
  const goalRows =
    areas.length === 0
      ? []
      : await db
          .select()
          .from(goals)
          .where(
            inArray(
              goals.goalAreaId,
              areas.map((a) => a.id),
            ),
          )
          .orderBy(asc(goals.position));
  return {
    strategy,
    areas: areas.map((a) => ({ ...a, goals: goalRows.filter((g) => g.goalAreaId === a.id) })),
    perspectives: persp,
    programmes,
  };
}
