import type { z } from 'zod';
import type {
  goalAreas,
  indicators,
  observations,
  organisations,
  perspectives,
  progressReports,
  sdgGoals,
  sdgTargets,
  strategies,
} from '../../db/schema/index.js';
import type { GoalRow } from '../strategy/queries.js';
import { linkableUrl } from '../text/webAddress.js';
import { publicOrgNumber } from './initiativeQueries.js';
import type {
  goalAreaSchema,
  goalSchema,
  indicatorSchema,
  observationSchema,
  organisationSchema,
  perspectiveSchema,
  placeSchema,
  progressReportSchema,
  sdgGoalSchema,
  strategySchema,
} from './schemas.js';

/**
 * Presenters of the open data: each lists the fields it publishes, typed by the published
 * schema. Rows are never sent as they are; user ids, import runs and internal notes stay home.
 */
export function presentStrategy(s: typeof strategies.$inferSelect): z.infer<typeof strategySchema> {
  return {
    id: s.id,
    slug: s.slug,
    name_sv: s.nameSv,
    name_en: s.nameEn,
    period_start: s.periodStart,
    period_end: s.periodEnd,
    vision_sv: s.visionSv,
    vision_en: s.visionEn,
    status: s.status,
    adopted_on: s.adoptedOn,
    is_current: s.isCurrent,
  };
}

export function presentGoalArea(a: typeof goalAreas.$inferSelect): z.infer<typeof goalAreaSchema> {
  return {
    id: a.id,
    strategy_id: a.strategyId,
    slug: a.slug,
    name_sv: a.nameSv,
    name_en: a.nameEn,
    description_sv: a.descriptionSv,
    description_en: a.descriptionEn,
    colour: a.colour,
    position: a.position,
  };
}

export function presentGoal(r: {
  goal: GoalRow;
  areaSlug: string;
  strategyId: number;
}): z.infer<typeof goalSchema> {
  return {
    id: r.goal.id,
    strategy_id: r.strategyId,
    goal_area_id: r.goal.goalAreaId,
    goal_area_slug: r.areaSlug,
    code: r.goal.code,
    name_sv: r.goal.nameSv,
    name_en: r.goal.nameEn,
    position: r.goal.position,
  };
}

export function presentPerspective(
  p: typeof perspectives.$inferSelect,
): z.infer<typeof perspectiveSchema> {
  return {
    id: p.id,
    strategy_id: p.strategyId,
    slug: p.slug,
    name_sv: p.nameSv,
    name_en: p.nameEn,
    description_sv: p.descriptionSv,
    description_en: p.descriptionEn,
    position: p.position,
  };
}

export function presentSdgGoal(r: {
  goal: typeof sdgGoals.$inferSelect;
  targets: (typeof sdgTargets.$inferSelect)[];
}): z.infer<typeof sdgGoalSchema> {
  return {
    number: r.goal.number,
    colour: r.goal.colour,
    short_sv: r.goal.shortSv,
    short_en: r.goal.shortEn,
    title_sv: r.goal.titleSv,
    title_en: r.goal.titleEn,
    targets: r.targets.map((t) => ({ code: t.code, title_sv: t.titleSv, title_en: t.titleEn })),
  };
}

export function presentPlace(p: {
  code: string;
  kind: 'riket' | 'region' | 'kommun';
  nameSv: string;
  nameEn: string;
  scbCode: string;
  parentCode: string | null;
}): z.infer<typeof placeSchema> {
  return {
    code: p.code,
    kind: p.kind,
    name_sv: p.nameSv,
    name_en: p.nameEn,
    scb_code: p.scbCode,
    parent_code: p.parentCode,
  };
}

export function presentOrganisation(
  o: typeof organisations.$inferSelect,
): z.infer<typeof organisationSchema> {
  return {
    id: o.id,
    slug: o.slug,
    name: o.name,
    kind: o.kind,
    org_number: publicOrgNumber(o.orgNumber),
    municipality_code: o.municipalityCode,
    website: linkableUrl(o.website),
    is_demo: o.isDemo,
  };
}

export function presentIndicator(r: {
  indicator: typeof indicators.$inferSelect;
  goalCode: string;
}): z.infer<typeof indicatorSchema> {
  const i = r.indicator;
  return {
    id: i.id,
    slug: i.slug,
    goal_id: i.goalId,
    goal_code: r.goalCode,
    name_sv: i.nameSv,
    name_en: i.nameEn,
    unit: i.unit,
    source: i.source,
    source_ref: i.sourceRef,
    direction: i.direction,
    gender_split: i.genderSplit,
    decimals: i.decimals,
    baseline_year: i.baselineYear,
    baseline_value: i.baselineValue,
    target_year: i.targetYear,
    target_value: i.targetValue,
    target_is_example: i.targetIsExample,
    is_demo: i.isDemo,
  };
}

export function presentObservation(
  o: typeof observations.$inferSelect,
): z.infer<typeof observationSchema> {
  return {
    place_code: o.placeCode,
    period: o.period,
    gender: o.gender,
    value: o.value,
    status: o.status,
    source: o.source,
    source_revision: o.sourceRevision,
    retrieved_at: o.retrievedAt.toISOString(),
    is_demo: o.isDemo,
  };
}

const countOf = (outputs: unknown, key: string): number | null => {
  const v = (outputs as Record<string, unknown> | null)?.[key];
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
};

export function presentProgressReport(
  r: typeof progressReports.$inferSelect,
): z.infer<typeof progressReportSchema> {
  return {
    id: r.id,
    initiative_id: r.initiativeId,
    period_start: r.periodStart,
    period_end: r.periodEnd,
    traffic_light: r.trafficLight,
    narrative: r.narrative,
    outputs: {
      participants_k: countOf(r.outputs, 'participantsK'),
      participants_m: countOf(r.outputs, 'participantsM'),
      companies_reached: countOf(r.outputs, 'companiesReached'),
    },
    spent_sek: r.spentSek,
    submitted_at: r.submittedAt.toISOString(),
    is_demo: r.isDemo,
  };
}
