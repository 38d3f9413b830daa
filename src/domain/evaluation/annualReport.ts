import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows, sqlList } from '../../db/rows.js';
import { currentStrategy } from '../strategy/queries.js';
import { analyseCoverage, loadFundedInitiatives } from './coverage.js';
import { coverageLabels } from './coverageReference.js';
import { countyCode } from '../../region/activeRegion.js';
import {
  countySummaryFacts,
  type SummaryFact,
  type SummaryIndicator,
} from '../followup/indicatorSummary.js';
import type { ObservationPoint } from '../followup/indicatorStatus.js';
import { countyRanking, isCountyCode } from '../followup/countyRanking.js';

export interface ReportInitiative {
  id: number;
  title: string;
  summary: string;
  ownerName: string;
  startDate: string;
  endDate: string | null;
  isDemo: boolean;
}

export interface AnnualReportData {
  year: number;
  generatedAt: string;
  strategy: { nameSv: string; nameEn: string; visionSv: string; visionEn: string };
  introduction: string;
  totals: {
    started: number;
    finished: number;
    active: number;
    moneySek: number;
    organisations: number;
  };
  areas: {
    slug: string;
    nameSv: string;
    nameEn: string;
    moneySek: number;
    goals: {
      code: string;
      nameSv: string;
      nameEn: string;
      activeInitiatives: number;
      indicators: (ReportIndicatorValue & {
        /** Reports published before the numbers in words have none. */
        decimals?: number;
        /** What the county's numbers up to the year say: change, rank, pace, women/men. */
        facts?: SummaryFact[];
        /** The county beside riket, the other län and its municipalities; null when none of them has a value. */
        comparison?: ReportComparison | null;
      })[];
    }[];
    examples: ReportInitiative[];
    /** The editors' introduction to the area, when written. */
    introduction?: { sv: string; en: string };
  }[];
  started: ReportInitiative[];
  finished: ReportInitiative[];
  gaps: { goals: string[]; places: string[]; perspectives: string[] };
  evaluations: { title: string; evaluator: string; evaluatedOn: string; findings: string }[];
  anyDemo: boolean;
}

/**
 * An indicator's county value in the latest year up to the report's in which it can be compared:
 * with riket, its place among the län (1 = best by the indicator's direction) and the lowest and
 * highest of its own municipalities.
 */
export interface ReportComparison {
  year: number;
  county: number;
  country: number | null;
  rank: { rank: number; of: number } | null;
  lowest: { name: string; value: number } | null;
  highest: { name: string; value: number } | null;
}

/** An indicator's latest county value up to the report's year. */
interface ReportIndicatorValue {
  nameSv: string;
  nameEn: string;
  unit: string;
  value: number | null;
  period: number | null;
  isExample: boolean;
}

interface ReportIndicatorRow extends ReportIndicatorValue, SummaryIndicator {
  id: number;
  code: string;
}

/** The indicators' values up to the year: the own county by gender, and every län and riket. */
async function reportPoints(
  db: Db,
  ids: number[],
  year: number,
): Promise<Map<number, ObservationPoint[]>> {
  const byIndicator = new Map<number, ObservationPoint[]>();
  if (ids.length === 0) return byIndicator;
  const rows = await queryRows<ObservationPoint & { indicatorId: number }>(
    db,
    sql`select indicator_id as "indicatorId", place_code as "placeCode", period, gender, value, status
        from observations
        where indicator_id in ${sqlList(ids)} and period <= ${year} and value is not null
          and (place_code = ${countyCode()} or (gender = 'T' and place_code like '00%'))
        order by period`,
  );
  for (const { indicatorId, ...p } of rows) {
    if (p.placeCode !== countyCode() && p.placeCode !== '0000' && !isCountyCode(p.placeCode))
      continue;
    const list = byIndicator.get(indicatorId) ?? [];
    list.push(p);
    byIndicator.set(indicatorId, list);
  }
  return byIndicator;
}

/** The own municipalities' total values up to the year, per indicator, with their names. */
async function municipalPoints(
  db: Db,
  ids: number[],
  year: number,
): Promise<Map<number, { name: string; period: number; value: number }[]>> {
  const byIndicator = new Map<number, { name: string; period: number; value: number }[]>();
  if (ids.length === 0) return byIndicator;
  const rows = await queryRows<{
    indicatorId: number;
    name: string;
    period: number;
    value: number;
  }>(
    db,
    sql`select o.indicator_id as "indicatorId", p.name_sv as name, o.period, o.value
        from observations o join places p on p.code = o.place_code
        where o.indicator_id in ${sqlList(ids)} and o.period <= ${year} and o.value is not null and o.gender = 'T'
          and p.kind = 'kommun' and not p.comparison
        order by p.name_sv`,
  );
  for (const { indicatorId, ...r } of rows) {
    const list = byIndicator.get(indicatorId) ?? [];
    list.push(r);
    byIndicator.set(indicatorId, list);
  }
  return byIndicator;
}

/**
 * The county beside riket, the län and its municipalities in the latest year up to the report's
 * in which the county has a value: the year of the län ranking where there is one.
 */
export function reportComparison(
  indicator: Pick<SummaryIndicator, 'direction'>,
  points: ObservationPoint[],
  municipalities: { name: string; period: number; value: number }[],
  ownCode: string,
): ReportComparison | null {
  const ranking = countyRanking(points, ownCode, indicator.direction);
  const own = points.filter((p) => p.placeCode === ownCode && p.gender === 'T' && p.value !== null);
  const year = ranking?.own ? ranking.year : Math.max(...own.map((p) => p.period));
  const county = own.find((p) => p.period === year)?.value;
  if (county === undefined || county === null) return null;
  const country =
    points.find((p) => p.placeCode === '0000' && p.gender === 'T' && p.period === year)?.value ??
    null;
  const inYear = municipalities
    .filter((m) => m.period === year)
    .sort((a, b) => a.value - b.value || a.name.localeCompare(b.name, 'sv'));
  const rank =
    ranking?.own && ranking.year === year
      ? { rank: ranking.own.rank, of: ranking.counties.length }
      : null;
  if (country === null && rank === null && inYear.length < 2) return null;
  const pick = (m: { name: string; value: number } | undefined) =>
    m ? { name: m.name, value: m.value } : null;
  return {
    year,
    county,
    country,
    rank,
    lowest: inYear.length >= 2 ? pick(inYear[0]) : null,
    highest: inYear.length >= 2 ? pick(inYear[inYear.length - 1]) : null,
  };
}

const initiativeColumns = sql`i.id, i.title, i.summary, o.name as "ownerName", i.start_date::text as "startDate",
  i.end_date::text as "endDate", i.is_demo as "isDemo"`;

/** Everything "Regionala utvecklingsåret YYYY" tells, read from the data of that year. */
export async function buildAnnualReport(
  db: Db,
  year: number,
  options: {
    introduction?: string;
    now?: Date;
    /** Editors' introductions per goal area, keyed by the area's id. */
    areaIntroductions?: Record<string, { sv: string; en: string }>;
  } = {},
): Promise<AnnualReportData> {
  const strategy = await currentStrategy(db);
  const published = sql`i.workflow_state = 'publicerad' and i.strategy_id = ${strategy.id}`;
  const [
    started,
    finished,
    funded,
    labels,
    counts,
    goalRows,
    indicatorRows,
    exampleRows,
    evaluations,
  ] = await Promise.all([
    queryRows<ReportInitiative>(
      db,
      sql`select ${initiativeColumns} from initiatives i join organisations o on o.id = i.owner_organisation_id
          where ${published} and extract(year from i.start_date) = ${year} order by i.start_date, i.title`,
    ),
    queryRows<ReportInitiative>(
      db,
      sql`select ${initiativeColumns} from initiatives i join organisations o on o.id = i.owner_organisation_id
          where ${published} and i.status = 'avslutad' and extract(year from i.end_date) = ${year} order by i.end_date, i.title`,
    ),
    loadFundedInitiatives(db),
    coverageLabels(db),
    queryRows<{ active: number; organisations: number }>(
      db,
      sql`select count(distinct i.id)::int as active, count(distinct pa.organisation_id)::int as organisations
          from initiatives i join initiative_partners pa on pa.initiative_id = i.id
          where ${published} and i.status <> 'avbruten' and extract(year from i.start_date) <= ${year}
            and (i.end_date is null or extract(year from i.end_date) >= ${year})`,
    ),
    queryRows<{ code: string; areaSlug: string; active: number }>(
      db,
      sql`select g.code, ga.slug as "areaSlug", count(distinct i.id)::int as active
          from goals g join goal_areas ga on ga.id = g.goal_area_id and ga.strategy_id = ${strategy.id}
          left join initiative_goals ig on ig.goal_id = g.id
          left join initiatives i on i.id = ig.initiative_id and ${published} and i.status <> 'avbruten'
            and extract(year from i.start_date) <= ${year} and (i.end_date is null or extract(year from i.end_date) >= ${year})
          group by g.code, ga.slug`,
    ),
    queryRows<ReportIndicatorRow>(
      db,
      sql`select ind.id, g.code, ind.name_sv as "nameSv", ind.name_en as "nameEn", ind.unit, ind.target_is_example as "isExample",
            ind.direction, ind.decimals, ind.gender_split as "genderSplit", ind.baseline_year as "baselineYear",
            ind.baseline_value as "baselineValue", ind.target_year as "targetYear", ind.target_value as "targetValue",
            o.value, o.period
          from indicators ind join goals g on g.id = ind.goal_id and ind.published_at is not null join goal_areas ga on ga.id = g.goal_area_id and ga.strategy_id = ${strategy.id}
          left join lateral (select value, period from observations ob where ob.indicator_id = ind.id and ob.place_code = ${countyCode()}
            and ob.gender = 'T' and ob.period <= ${year} and ob.value is not null order by ob.period desc limit 1) o on true
          order by g.code, ind.name_sv`,
    ),
    queryRows<ReportInitiative & { areaSlug: string }>(
      db,
      sql`select distinct on (ga.slug, i.id) ${initiativeColumns}, ga.slug as "areaSlug"
          from initiatives i join organisations o on o.id = i.owner_organisation_id
          join initiative_goals ig on ig.initiative_id = i.id join goals g on g.id = ig.goal_id join goal_areas ga on ga.id = g.goal_area_id
          where ${published} and i.example_of_year = ${year} order by ga.slug, i.id`,
    ),
    queryRows<AnnualReportData['evaluations'][number]>(
      db,
      sql`select e.title, e.evaluator, e.evaluated_on::text as "evaluatedOn", e.findings from evaluations e
          where e.published_at is not null and extract(year from e.evaluated_on) = ${year} order by e.evaluated_on`,
    ),
  ]);
  const coverage = analyseCoverage(
    funded,
    {
      goals: labels.goals.map((g) => g.key),
      places: labels.places.map((p) => p.key),
      perspectives: labels.perspectives.map((p) => p.key),
    },
    year,
  );
  const indicatorIds = indicatorRows.map((r) => r.id);
  const [pointsOf, municipalOf] = await Promise.all([
    reportPoints(db, indicatorIds, year),
    municipalPoints(db, indicatorIds, year),
  ]);
  const areaMoney = new Map(coverage.money.goalAreas.map((m) => [m.key, m.amount]));
  const strip = ({
    areaSlug: _a,
    ...rest
  }: ReportInitiative & { areaSlug: string }): ReportInitiative => rest;
  const areaIds = await queryRows<{ id: number; slug: string }>(
    db,
    sql`select id, slug from goal_areas where strategy_id = ${strategy.id}`,
  );
  const introductionOf = (slug: string) => {
    const id = areaIds.find((a) => a.slug === slug)?.id;
    const intro = id === undefined ? undefined : options.areaIntroductions?.[String(id)];
    return intro && (intro.sv || intro.en) ? { introduction: intro } : {};
  };
  const areas = labels.goalAreas.map((a) => ({
    slug: a.key,
    nameSv: a.sv,
    nameEn: a.en,
    moneySek: areaMoney.get(a.key) ?? 0,
    goals: labels.goals
      .filter((g) => g.area === a.key)
      .map((g) => ({
        code: g.key,
        nameSv: g.sv,
        nameEn: g.en,
        activeInitiatives: goalRows.find((r) => r.code === g.key)?.active ?? 0,
        indicators: indicatorRows
          .filter((r) => r.code === g.key)
          .map((r) => ({
            nameSv: r.nameSv,
            nameEn: r.nameEn,
            unit: r.unit,
            value: r.value,
            period: r.period,
            isExample: r.isExample,
            decimals: r.decimals,
            facts: countySummaryFacts(r, pointsOf.get(r.id) ?? [], countyCode()),
            comparison: reportComparison(
              r,
              pointsOf.get(r.id) ?? [],
              municipalOf.get(r.id) ?? [],
              countyCode(),
            ),
          })),
      })),
    examples: exampleRows.filter((e) => e.areaSlug === a.key).map(strip),
    ...introductionOf(a.key),
  }));
  return {
    year,
    generatedAt: (options.now ?? new Date()).toISOString(),
    strategy: {
      nameSv: strategy.nameSv,
      nameEn: strategy.nameEn,
      visionSv: strategy.visionSv,
      visionEn: strategy.visionEn,
    },
    introduction: options.introduction ?? '',
    totals: {
      started: started.length,
      finished: finished.length,
      active: counts[0]?.active ?? 0,
      moneySek: coverage.total,
      organisations: counts[0]?.organisations ?? 0,
    },
    areas,
    started,
    finished,
    gaps: {
      goals: coverage.gaps.goals,
      places: coverage.gaps.places.filter((p) => p !== countyCode()),
      perspectives: coverage.gaps.perspectives,
    },
    evaluations,
    anyDemo: [...started, ...finished, ...exampleRows].some((i) => i.isDemo),
  };
}
