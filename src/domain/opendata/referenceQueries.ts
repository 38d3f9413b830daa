import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  goalAreas,
  goals,
  indicators,
  initiatives,
  observations,
  organisations,
  perspectives,
  places,
  progressReports,
  sdgGoals,
  sdgTargets,
  strategies,
} from '../../db/schema/index.js';
import { NotFoundError } from '../errors.js';
import { publicIndicatorIds, publicStrategyIds } from '../strategy/visibility.js';

/** Small reference tables, read whole in a stable order; the API pages them in memory. */
export const listStrategies = (db: Db) =>
  db
    .select()
    .from(strategies)
    .where(sql`${strategies.id} in ${publicStrategyIds}`)
    .orderBy(asc(strategies.periodStart), asc(strategies.id));

export const listGoalAreas = (db: Db) =>
  db
    .select()
    .from(goalAreas)
    .where(sql`${goalAreas.strategyId} in ${publicStrategyIds}`)
    .orderBy(asc(goalAreas.strategyId), asc(goalAreas.position));

export const listGoals = (db: Db) =>
  db
    .select({ goal: goals, areaSlug: goalAreas.slug, strategyId: goalAreas.strategyId })
    .from(goals)
    .innerJoin(goalAreas, eq(goalAreas.id, goals.goalAreaId))
    .where(sql`${goalAreas.strategyId} in ${publicStrategyIds}`)
    .orderBy(asc(goalAreas.strategyId), asc(goalAreas.position), asc(goals.position));

export const listPerspectives = (db: Db) =>
  db
    .select()
    .from(perspectives)
    .where(sql`${perspectives.strategyId} in ${publicStrategyIds}`)
    .orderBy(asc(perspectives.strategyId), asc(perspectives.position));

export async function listSdgGoals(db: Db) {
  const [goalRows, targetRows] = await Promise.all([
    db.select().from(sdgGoals).orderBy(asc(sdgGoals.number)),
    db.select().from(sdgTargets).orderBy(asc(sdgTargets.goalNumber), asc(sdgTargets.position)),
  ]);
  return goalRows.map((g) => ({
    goal: g,
    targets: targetRows.filter((t) => t.goalNumber === g.number),
  }));
}

export const listPlaces = (db: Db) =>
  db
    .select({
      code: places.code,
      kind: places.kind,
      nameSv: places.nameSv,
      nameEn: places.nameEn,
      scbCode: places.scbCode,
      parentCode: places.parentCode,
    })
    .from(places)
    .where(eq(places.comparison, false))
    .orderBy(asc(places.code));

/** Organisations that are not archived; users and memberships are never read here. */
export const listOrganisations = (db: Db) =>
  db
    .select()
    .from(organisations)
    .where(isNull(organisations.archivedAt))
    .orderBy(asc(organisations.id));

export const listIndicators = (db: Db) =>
  db
    .select({ indicator: indicators, goalCode: goals.code })
    .from(indicators)
    .innerJoin(goals, eq(goals.id, indicators.goalId))
    .where(sql`${indicators.id} in ${publicIndicatorIds}`)
    .orderBy(asc(indicators.id));

export async function indicatorBySlug(db: Db, slug: string) {
  const [row] = await db
    .select({ indicator: indicators, goalCode: goals.code })
    .from(indicators)
    .innerJoin(goals, eq(goals.id, indicators.goalId))
    .where(and(eq(indicators.slug, slug), sql`${indicators.id} in ${publicIndicatorIds}`));
  if (!row) throw new NotFoundError('Indikatorn finns inte.');
  return row;
}

export interface ObservationFilter {
  place?: string;
  period?: number;
  gender?: 'T' | 'K' | 'M';
}

/** Observations of one indicator, ordered by place, period and gender (stable). */
export async function findObservations(
  db: Db,
  indicatorId: number,
  filter: ObservationFilter,
  page?: { limit: number; offset: number },
) {
  const where: SQL[] = [eq(observations.indicatorId, indicatorId)];
  if (filter.place !== undefined) where.push(eq(observations.placeCode, filter.place));
  if (filter.period !== undefined) where.push(eq(observations.period, filter.period));
  if (filter.gender !== undefined) where.push(eq(observations.gender, filter.gender));
  const base = db
    .select()
    .from(observations)
    .where(and(...where))
    .orderBy(asc(observations.placeCode), asc(observations.period), asc(observations.gender));
  const rows = await (page ? base.limit(page.limit).offset(page.offset) : base);
  if (!page) return { rows, total: rows.length };
  const [{ n } = { n: 0 }] = await db
    .select({ n: count() })
    .from(observations)
    .where(and(...where));
  return { rows, total: n };
}

/** Published progress reports of published initiatives, newest period last, by id for stability. */
export async function findProgressReports(
  db: Db,
  filter: { initiative?: number },
  page: { limit: number; offset: number },
) {
  const where: SQL[] = [
    sql`${progressReports.initiativeId} in (select ${initiatives.id} from ${initiatives} where ${initiatives.workflowState} = 'publicerad')`,
    eq(progressReports.state, 'publicerad'),
  ];
  if (filter.initiative !== undefined)
    where.push(eq(progressReports.initiativeId, filter.initiative));
  const rows = await db
    .select()
    .from(progressReports)
    .where(and(...where))
    .orderBy(asc(progressReports.id))
    .limit(page.limit)
    .offset(page.offset);
  const [{ n } = { n: 0 }] = await db
    .select({ n: count() })
    .from(progressReports)
    .where(and(...where));
  return { rows, total: n };
}

/** Counts, periods and dates the DCAT catalogue states about each dataset. */
export async function catalogueFacts(db: Db) {
  const [ini] = await db
    .select({
      count: count(),
      from: sql<string | null>`min(${initiatives.startDate})::text`,
      to: sql<
        string | null
      >`greatest(max(${initiatives.endDate}), max(${initiatives.startDate}))::text`,
      modified: sql<
        string | null
      >`to_char(max(${initiatives.updatedAt}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
    })
    .from(initiatives)
    .where(eq(initiatives.workflowState, 'publicerad'));
  const [obs] = await db
    .select({
      from: sql<number | null>`min(${observations.period})`,
      to: sql<number | null>`max(${observations.period})`,
      modified: sql<
        string | null
      >`to_char(max(${observations.retrievedAt}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
    })
    .from(observations);
  const slugs = await db
    .select({ slug: indicators.slug, nameSv: indicators.nameSv, source: indicators.source })
    .from(indicators)
    .where(sql`${indicators.id} in ${publicIndicatorIds}`)
    .orderBy(asc(indicators.id));
  const date = (v: string | null | undefined) => (v ? new Date(v) : null);
  return {
    initiatives: {
      count: ini?.count ?? 0,
      from: ini?.from ?? null,
      to: ini?.to ?? null,
      modified: date(ini?.modified),
    },
    indicators: {
      slugs,
      from: obs?.from == null ? null : Number(obs.from),
      to: obs?.to == null ? null : Number(obs.to),
      modified: date(obs?.modified),
    },
  };
}
