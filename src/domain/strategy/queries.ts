import { moneyByGoalArea } from '../evaluation/moneyTotals.js';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  goalAreas,
  goals,
  initiativeGoals,
  initiatives,
  perspectives,
  strategies,
} from '../../db/schema/index.js';
import { NotFoundError } from '../errors.js';

export type StrategyRow = typeof strategies.$inferSelect;
export type GoalAreaRow = typeof goalAreas.$inferSelect;
export type GoalRow = typeof goals.$inferSelect;
export type PerspectiveRow = typeof perspectives.$inferSelect;

export async function currentStrategy(db: Db): Promise<StrategyRow> {
  const [row] = await db.select().from(strategies).where(eq(strategies.isCurrent, true)).limit(1);
  if (!row) throw new NotFoundError('Ingen strategi är publicerad ännu.');
  return row;
}

export interface GoalAreaSummary extends GoalAreaRow {
  goalCount: number;
  initiativeCount: number;
  activeInitiativeCount: number;
  fundingSek: number;
}

/** The strategy with its goal areas, each with counts of published initiatives and their money. */
export async function strategyOverview(db: Db): Promise<{
  strategy: StrategyRow;
  goalAreas: GoalAreaSummary[];
  perspectives: PerspectiveRow[];
}> {
  const strategy = await currentStrategy(db);
  const areas = await db
    .select()
    .from(goalAreas)
    .where(eq(goalAreas.strategyId, strategy.id))
    .orderBy(asc(goalAreas.position));
  const goalCounts = await db
    .select({ areaId: goals.goalAreaId, n: sql<number>`count(*)::int` })
    .from(goals)
    .innerJoin(goalAreas, eq(goals.goalAreaId, goalAreas.id))
    .where(eq(goalAreas.strategyId, strategy.id))
    .groupBy(goals.goalAreaId);
  const linked = db
    .selectDistinct({
      areaId: goals.goalAreaId,
      initiativeId: initiatives.id,
      status: initiatives.status,
    })
    .from(initiatives)
    .innerJoin(initiativeGoals, eq(initiativeGoals.initiativeId, initiatives.id))
    .innerJoin(goals, eq(goals.id, initiativeGoals.goalId))
    .where(
      and(eq(initiatives.strategyId, strategy.id), eq(initiatives.workflowState, 'publicerad')),
    )
    .as('linked');
  const initiativeCounts = await db
    .select({
      areaId: linked.areaId,
      n: sql<number>`count(*)::int`,
      active: sql<number>`(count(*) filter (where ${linked.status} = 'pagaende'))::int`,
    })
    .from(linked)
    .groupBy(linked.areaId);
  const fundingPerArea = await moneyByGoalArea(db);
  const persp = await db
    .select()
    .from(perspectives)
    .where(eq(perspectives.strategyId, strategy.id))
    .orderBy(asc(perspectives.position));
  return {
    strategy,
    goalAreas: areas.map((a) => {
      const c = initiativeCounts.find((x) => x.areaId === a.id);
      return {
        ...a,
        goalCount: goalCounts.find((x) => x.areaId === a.id)?.n ?? 0,
        initiativeCount: c?.n ?? 0,
        activeInitiativeCount: c?.active ?? 0,
        fundingSek: fundingPerArea.get(String(a.id)) ?? 0,
      };
    }),
    perspectives: persp,
  };
}

export async function goalAreaBySlug(
  db: Db,
  slug: string,
): Promise<{ strategy: StrategyRow; area: GoalAreaRow; goals: GoalRow[] }> {
  const strategy = await currentStrategy(db);
  const [area] = await db
    .select()
    .from(goalAreas)
    .where(and(eq(goalAreas.strategyId, strategy.id), eq(goalAreas.slug, slug)));
  if (!area) throw new NotFoundError('Målområdet finns inte.');
  const areaGoals = await db
    .select()
    .from(goals)
    .where(eq(goals.goalAreaId, area.id))
    .orderBy(asc(goals.position));
  return { strategy, area, goals: areaGoals };
}
