import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows, sqlList } from '../../db/rows.js';
import { NotFoundError } from '../errors.js';
import {
  indicatorStatus,
  rollUpProgress,
  trendOf,
  type IndicatorStatus,
  type ObservationPoint,
  type ProgressRollUp,
  type Trend,
} from './indicatorStatus.js';
import { countyCode } from '../../region/activeRegion.js';

export interface IndicatorDetail {
  id: number;
  slug: string;
  nameSv: string;
  nameEn: string;
  unit: string;
  source: 'kolada' | 'scb' | 'manual';
  sourceRef: string | null;
  direction: 'higher' | 'lower';
  genderSplit: boolean;
  decimals: number;
  baselineYear: number | null;
  baselineValue: number | null;
  targetYear: number | null;
  targetValue: number | null;
  targetIsExample: boolean;
  isDemo: boolean;
  goal: { id: number; code: string; nameSv: string; nameEn: string };
  goalArea: { id: number; slug: string; nameSv: string; nameEn: string; colour: string };
}

export interface IndicatorRow extends Omit<IndicatorDetail, 'goal' | 'goalArea'> {
  goalId: number;
  goalCode: string;
  goalNameSv: string;
  goalNameEn: string;
  goalPosition: number;
  areaId: number;
  areaSlug: string;
  areaNameSv: string;
  areaNameEn: string;
  areaColour: string;
  areaPosition: number;
}

/** The published indicators of adopted strategy versions with their goal and goal area. */
export const indicatorSelect = sql`select i.id, i.slug, i.name_sv as "nameSv", i.name_en as "nameEn", i.unit,
  i.source::text as source, i.source_ref as "sourceRef", i.direction::text as direction,
  i.gender_split as "genderSplit", i.decimals, i.baseline_year as "baselineYear",
  i.baseline_value as "baselineValue", i.target_year as "targetYear", i.target_value as "targetValue",
  i.target_is_example as "targetIsExample", i.is_demo as "isDemo",
  g.id as "goalId", g.code as "goalCode", g.name_sv as "goalNameSv", g.name_en as "goalNameEn",
  g.position as "goalPosition", a.id as "areaId", a.slug as "areaSlug", a.name_sv as "areaNameSv",
  a.name_en as "areaNameEn", a.colour as "areaColour", a.position as "areaPosition"
  from indicators i join goals g on g.id = i.goal_id join goal_areas a on a.id = g.goal_area_id
  join strategies s on s.id = a.strategy_id and s.status <> 'draft' and i.published_at is not null`;

export function toDetail(r: IndicatorRow): IndicatorDetail {
  return {
    id: r.id,
    slug: r.slug,
    nameSv: r.nameSv,
    nameEn: r.nameEn,
    unit: r.unit,
    source: r.source,
    sourceRef: r.sourceRef,
    direction: r.direction,
    genderSplit: r.genderSplit,
    decimals: r.decimals,
    baselineYear: r.baselineYear,
    baselineValue: r.baselineValue,
    targetYear: r.targetYear,
    targetValue: r.targetValue,
    targetIsExample: r.targetIsExample,
    isDemo: r.isDemo,
    goal: { id: r.goalId, code: r.goalCode, nameSv: r.goalNameSv, nameEn: r.goalNameEn },
    goalArea: {
      id: r.areaId,
      slug: r.areaSlug,
      nameSv: r.areaNameSv,
      nameEn: r.areaNameEn,
      colour: r.areaColour,
    },
  };
}

/** An indicator with its goal and goal area; NotFoundError when no indicator has the slug. */
export async function indicatorBySlug(db: Db, slug: string): Promise<IndicatorDetail> {
  const [row] = await queryRows<IndicatorRow>(db, sql`${indicatorSelect} where i.slug = ${slug}`);
  if (!row) throw new NotFoundError('Indikatorn finns inte.');
  return toDetail(row);
}

export interface ObservationRow extends ObservationPoint {
  source: string;
  isDemo: boolean;
}

/** Every observation of an indicator, by place, year and gender. */
export async function indicatorObservations(
  db: Db,
  indicatorId: number,
): Promise<ObservationRow[]> {
  return queryRows<ObservationRow>(
    db,
    sql`select place_code as "placeCode", period, gender::text as gender, value, status, source,
      is_demo as "isDemo" from observations where indicator_id = ${indicatorId}
      order by place_code, period, gender`,
  );
}

/** The newest observation with a value per place and gender (the withheld ones shown as such). */
export function latestByPlace(points: ObservationPoint[]): Map<string, ObservationPoint> {
  const out = new Map<string, ObservationPoint>();
  for (const p of points) {
    const key = `${p.placeCode}:${p.gender}`;
    const current = out.get(key);
    if (!current || p.period > current.period) out.set(key, p);
  }
  return out;
}

export interface RevisionNote {
  placeCode: string;
  period: number;
  gender: 'T' | 'K' | 'M';
  oldValue: number | null;
  newValue: number | null;
  revisedAt: string;
}

/** Values a later import changed ("reviderad"), newest first. */
export async function revisionNotes(db: Db, indicatorId: number): Promise<RevisionNote[]> {
  return queryRows<RevisionNote>(
    db,
    sql`select o.place_code as "placeCode", o.period, o.gender::text as gender,
      r.old_value as "oldValue", r.new_value as "newValue", to_char(r.revised_at at time zone 'UTC', 'YYYY-MM-DD') as "revisedAt"
      from observation_revisions r join observations o on o.id = r.observation_id
      where o.indicator_id = ${indicatorId} order by r.revised_at desc, r.id desc limit 200`,
  );
}

export interface IndicatorHeadline {
  indicator: IndicatorDetail;
  status: IndicatorStatus;
  trend: Trend;
}

export interface GoalFollowUp {
  goal: IndicatorDetail['goal'];
  indicators: IndicatorHeadline[];
  rollUp: ProgressRollUp<string>;
}

export interface GoalAreaFollowUp {
  area: IndicatorDetail['goalArea'];
  goals: GoalFollowUp[];
  rollUp: ProgressRollUp<string>;
}

/** Headlines of every indicator (optionally of one goal area): county total status and trend. */
export async function indicatorHeadlines(
  db: Db,
  goalAreaId?: number,
): Promise<IndicatorHeadline[]> {
  const where =
    goalAreaId === undefined ? sql` where s.is_current` : sql` where a.id = ${goalAreaId}`;
  const rows = await queryRows<IndicatorRow>(
    db,
    sql`${indicatorSelect}${where} order by a.position, g.position, i.id`,
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const points = await queryRows<ObservationPoint & { indicatorId: number }>(
    db,
    sql`select indicator_id as "indicatorId", place_code as "placeCode", period, gender::text as gender,
      value, status from observations where place_code = ${countyCode()}
      and indicator_id in ${sqlList(ids)}`,
  );
  const byIndicator = new Map<number, ObservationPoint[]>();
  for (const p of points) {
    const list = byIndicator.get(p.indicatorId) ?? [];
    list.push(p);
    byIndicator.set(p.indicatorId, list);
  }
  return rows.map((r) => {
    const status = indicatorStatus(r, byIndicator.get(r.id) ?? []);
    return { indicator: toDetail(r), status, trend: trendOf(status) };
  });
}

/** Every goal area and goal with its indicators' status, rolled up with the parts kept visible. */
export async function followUpOverview(db: Db): Promise<GoalAreaFollowUp[]> {
  const [headlines, goalRows] = await Promise.all([
    indicatorHeadlines(db),
    queryRows<{
      goalId: number;
      code: string;
      nameSv: string;
      nameEn: string;
      areaId: number;
      areaSlug: string;
      areaNameSv: string;
      areaNameEn: string;
      areaColour: string;
    }>(
      db,
      sql`select g.id as "goalId", g.code, g.name_sv as "nameSv", g.name_en as "nameEn",
        a.id as "areaId", a.slug as "areaSlug", a.name_sv as "areaNameSv", a.name_en as "areaNameEn",
        a.colour as "areaColour"
        from goals g join goal_areas a on a.id = g.goal_area_id
        where a.strategy_id = (select id from strategies where is_current limit 1)
        order by a.position, g.position`,
    ),
  ]);
  const areas: GoalAreaFollowUp[] = [];
  for (const g of goalRows) {
    let area = areas.find((a) => a.area.id === g.areaId);
    if (!area) {
      area = {
        area: {
          id: g.areaId,
          slug: g.areaSlug,
          nameSv: g.areaNameSv,
          nameEn: g.areaNameEn,
          colour: g.areaColour,
        },
        goals: [],
        rollUp: rollUpProgress<string>([]),
      };
      areas.push(area);
    }
    const indicators = headlines.filter((h) => h.indicator.goal.id === g.goalId);
    area.goals.push({
      goal: { id: g.goalId, code: g.code, nameSv: g.nameSv, nameEn: g.nameEn },
      indicators,
      rollUp: rollUpProgress(
        indicators.map((h) => ({ id: h.indicator.slug, status: h.status.total.status })),
      ),
    });
  }
  for (const a of areas) {
    a.rollUp = rollUpProgress(a.goals.flatMap((g) => g.rollUp.parts));
  }
  return areas;
}

/** One row of the indicator catalogue in the admin. */
export interface CatalogueRow
  extends Pick<
    IndicatorDetail,
    | 'id'
    | 'slug'
    | 'nameSv'
    | 'nameEn'
    | 'source'
    | 'sourceRef'
    | 'unit'
    | 'baselineYear'
    | 'baselineValue'
    | 'targetYear'
    | 'targetValue'
    | 'targetIsExample'
    | 'isDemo'
  > {
  goalCode: string;
  goalNameSv: string;
  goalNameEn: string;
  /** False while the indicator is a draft the portal does not show. */
  published: boolean;
}

/** Every indicator of the catalogue, by goal (draft strategy versions' copies excluded). */
export async function indicatorCatalogue(db: Db): Promise<CatalogueRow[]> {
  return queryRows<CatalogueRow>(
    db,
    sql`select i.id, i.slug, i.name_sv as "nameSv", i.name_en as "nameEn", i.source::text as source,
      i.source_ref as "sourceRef", i.unit, i.baseline_year as "baselineYear", i.baseline_value as "baselineValue",
      i.target_year as "targetYear", i.target_value as "targetValue", i.target_is_example as "targetIsExample",
      i.is_demo as "isDemo", i.published_at is not null as published,
      g.code as "goalCode", g.name_sv as "goalNameSv", g.name_en as "goalNameEn"
      from indicators i join goals g on g.id = i.goal_id join goal_areas a on a.id = g.goal_area_id
      join strategies s on s.id = a.strategy_id and s.status <> 'draft'
      order by a.position, g.position, i.name_sv, i.id`,
  );
}

/** The stored fields of one indicator, as the edit form shows them. */
export interface IndicatorFields extends Omit<IndicatorDetail, 'isDemo' | 'goal' | 'goalArea'> {
  goalId: number;
  description: string;
  placeCodes: string[];
  methodNote: string;
  published: boolean;
}

export async function indicatorFields(db: Db, id: number): Promise<IndicatorFields> {
  const [row] = await queryRows<IndicatorFields>(
    db,
    sql`select id, goal_id as "goalId", slug, name_sv as "nameSv", name_en as "nameEn", description, unit,
      source::text as source, source_ref as "sourceRef", direction::text as direction,
      gender_split as "genderSplit", decimals, baseline_year as "baselineYear", baseline_value as "baselineValue",
      target_year as "targetYear", target_value as "targetValue", target_is_example as "targetIsExample",
      place_codes as "placeCodes", method_note as "methodNote", published_at is not null as published
      from indicators where id = ${id}`,
  );
  if (!row) throw new NotFoundError();
  return row;
}

/** The goals of the current strategy and the places, for the indicator form. */
export async function indicatorFormChoices(db: Db): Promise<{
  goals: { id: number; code: string; nameSv: string; nameEn: string }[];
  places: { code: string; nameSv: string; nameEn: string }[];
}> {
  const [goals, places] = await Promise.all([
    queryRows<{ id: number; code: string; nameSv: string; nameEn: string }>(
      db,
      sql`select g.id, g.code, g.name_sv as "nameSv", g.name_en as "nameEn" from goals g
        join goal_areas a on a.id = g.goal_area_id join strategies s on s.id = a.strategy_id and s.is_current
        order by a.position, g.position, g.id`,
    ),
    queryRows<{ code: string; nameSv: string; nameEn: string }>(
      db,
      sql`select code, name_sv as "nameSv", name_en as "nameEn" from places where not comparison order by code`,
    ),
  ]);
  return { goals, places };
}
