import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  actionProgrammeGoalAreas,
  actionProgrammes,
  goalAreas,
  goals,
  indicators,
  initiativeGoals,
  measures,
  perspectives,
  strategies,
} from '../../db/schema/index.js';
import { NotFoundError } from '../errors.js';

export type StrategyVersionRow = typeof strategies.$inferSelect;
type GoalAreaRow = typeof goalAreas.$inferSelect;
type GoalRow = typeof goals.$inferSelect;

export interface VersionSummary extends StrategyVersionRow {
  goalCount: number;
  derivedFromName: string | null;
}

/** Every strategy version: the current one first, then drafts, then the archived, newest first. */
export async function listStrategyVersions(db: Db): Promise<VersionSummary[]> {
  const rows = await db
    .select({
      s: strategies,
      goalCount: sql<number>`(select count(*)::int from goals g join goal_areas a on a.id = g.goal_area_id where a.strategy_id = strategies.id)`,
      derivedFromName: sql<
        string | null
      >`(select d.name_sv from strategies d where d.id = strategies.derived_from_strategy_id)`,
    })
    .from(strategies)
    .orderBy(desc(strategies.isCurrent), desc(strategies.periodStart), desc(strategies.id));
  const rank = (s: StrategyVersionRow) => (s.isCurrent ? 0 : s.status === 'draft' ? 1 : 2);
  return rows
    .map((r) => ({ ...r.s, goalCount: Number(r.goalCount), derivedFromName: r.derivedFromName }))
    .sort((a, b) => rank(a) - rank(b));
}

export interface VersionContent {
  strategy: StrategyVersionRow;
  areas: (GoalAreaRow & {
    goals: (GoalRow & {
      indicators: { id: number; slug: string; nameSv: string; nameEn: string }[];
    })[];
  })[];
  perspectives: (typeof perspectives.$inferSelect)[];
  programmes: (typeof actionProgrammes.$inferSelect & {
    goalAreaIds: number[];
    measures: (typeof measures.$inferSelect)[];
  })[];
}

export async function strategyVersion(db: Db, id: number): Promise<StrategyVersionRow> {
  const [s] = await db.select().from(strategies).where(eq(strategies.id, id));
  if (!s) throw new NotFoundError('Strategiversionen finns inte.');
  return s;
}

/** A version with all its content in order: areas with goals and indicators, perspectives, programmes. */
export async function versionContent(db: Db, id: number): Promise<VersionContent> {
  const strategy = await strategyVersion(db, id);
  const areas = await db
    .select()
    .from(goalAreas)
    .where(eq(goalAreas.strategyId, id))
    .orderBy(asc(goalAreas.position), asc(goalAreas.id));
  const areaIds = areas.map((a) => a.id);
  const goalRows = areaIds.length
    ? await db
        .select()
        .from(goals)
        .where(inArray(goals.goalAreaId, areaIds))
        .orderBy(asc(goals.position), asc(goals.id))
    : [];
  const goalIds = goalRows.map((g) => g.id);
  const indicatorRows = goalIds.length
    ? await db
        .select({
          id: indicators.id,
          goalId: indicators.goalId,
          slug: indicators.slug,
          nameSv: indicators.nameSv,
          nameEn: indicators.nameEn,
        })
        .from(indicators)
        .where(inArray(indicators.goalId, goalIds))
        .orderBy(asc(indicators.nameSv))
    : [];
  const persp = await db
    .select()
    .from(perspectives)
    .where(eq(perspectives.strategyId, id))
    .orderBy(asc(perspectives.position), asc(perspectives.id));
  const programmes = await db
    .select()
    .from(actionProgrammes)
    .where(eq(actionProgrammes.strategyId, id))
    .orderBy(asc(actionProgrammes.nameSv));
  const programmeIds = programmes.map((p) => p.id);
  const links = programmeIds.length
    ? await db
        .select()
        .from(actionProgrammeGoalAreas)
        .where(inArray(actionProgrammeGoalAreas.programmeId, programmeIds))
    : [];
  const measureRows = programmeIds.length
    ? await db
        .select()
        .from(measures)
        .where(inArray(measures.programmeId, programmeIds))
        .orderBy(asc(measures.code))
    : [];
  return {
    strategy,
    areas: areas.map((a) => ({
      ...a,
      goals: goalRows
        .filter((g) => g.goalAreaId === a.id)
        .map((g) => ({ ...g, indicators: indicatorRows.filter((i) => i.goalId === g.id) })),
    })),
    perspectives: persp,
    programmes: programmes.map((p) => ({
      ...p,
      goalAreaIds: links.filter((l) => l.programmeId === p.id).map((l) => l.goalAreaId),
      measures: measureRows.filter((m) => m.programmeId === p.id),
    })),
  };
}

/** The version that is current on the portal, if any. */
export async function currentVersion(db: Db): Promise<StrategyVersionRow | null> {
  const [s] = await db.select().from(strategies).where(eq(strategies.isCurrent, true)).limit(1);
  return s ?? null;
}

export interface AdoptionRow {
  fromGoal: {
    id: number;
    code: string;
    nameSv: string;
    nameEn: string;
    areaNameSv: string;
    areaNameEn: string;
  };
  initiativeCount: number;
  /** Goals of the draft copied from this goal: the preselected mapping. */
  suggestedToGoalIds: number[];
}

/** The goals of the current version with how many initiatives link to each, and the draft goals copied from them. */
export async function adoptionRows(db: Db, draftId: number): Promise<AdoptionRow[]> {
  const current = await currentVersion(db);
  if (!current) return [];
  const rows = await db
    .select({
      id: goals.id,
      code: goals.code,
      nameSv: goals.nameSv,
      nameEn: goals.nameEn,
      areaNameSv: goalAreas.nameSv,
      areaNameEn: goalAreas.nameEn,
      initiativeCount: sql<number>`(select count(*)::int from ${initiativeGoals} ig where ig.goal_id = ${goals.id})`,
    })
    .from(goals)
    .innerJoin(goalAreas, eq(goalAreas.id, goals.goalAreaId))
    .where(eq(goalAreas.strategyId, current.id))
    .orderBy(asc(goalAreas.position), asc(goals.position));
  const draftGoals = await db
    .select({ id: goals.id, sourceGoalId: goals.sourceGoalId })
    .from(goals)
    .innerJoin(goalAreas, eq(goalAreas.id, goals.goalAreaId))
    .where(and(eq(goalAreas.strategyId, draftId)));
  return rows.map(({ initiativeCount, ...fromGoal }) => ({
    fromGoal,
    initiativeCount: Number(initiativeCount),
    suggestedToGoalIds: draftGoals.filter((g) => g.sourceGoalId === fromGoal.id).map((g) => g.id),
  }));
}
