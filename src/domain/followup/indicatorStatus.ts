import {
  progressStatus,
  rollUpProgress,
  type ProgressAssessment,
  type ProgressRollUp,
  type YearValue,
} from './progressStatus.js';
import { countyCode } from '../../region/activeRegion.js';

/** The fields of an indicator the status needs. */
export interface StatusIndicator {
  direction: 'higher' | 'lower';
  genderSplit: boolean;
  baselineYear: number | null;
  baselineValue: number | null;
  targetYear: number | null;
  targetValue: number | null;
}

export interface ObservationPoint {
  placeCode: string;
  period: number;
  gender: 'T' | 'K' | 'M';
  value: number | null;
  status: string;
}

/** The own county's area code: the active region pack's Kolada id. */
export const county = (): string => countyCode();
export const COUNTRY = '0000';

/** A county series by gender: the values present, oldest first. */
export function series(
  points: ObservationPoint[],
  placeCode: string,
  gender: 'T' | 'K' | 'M',
): YearValue[] {
  return points
    .filter((p) => p.placeCode === placeCode && p.gender === gender && p.value !== null)
    .map((p) => ({ year: p.period, value: p.value! }))
    .sort((a, b) => a.year - b.year);
}

/** The newest value present, or null. */
export function latestOf(values: YearValue[]): YearValue | null {
  return values.length === 0 ? null : values[values.length - 1]!;
}

/**
 * The assessment of one series. The indicator's stated baseline is used for the total; for
 * women and men (who have no stated baseline) the series' own value in the baseline year,
 * else its first value.
 */
export function assessSeries(
  indicator: StatusIndicator,
  values: YearValue[],
  useStatedBaseline: boolean,
): ProgressAssessment {
  const stated =
    useStatedBaseline && indicator.baselineYear !== null && indicator.baselineValue !== null
      ? { year: indicator.baselineYear, value: indicator.baselineValue }
      : null;
  const baseline =
    stated ??
    values.find((v) => v.year === indicator.baselineYear) ??
    (values.length > 0 ? values[0]! : null);
  const target =
    indicator.targetYear !== null && indicator.targetValue !== null
      ? { year: indicator.targetYear, value: indicator.targetValue }
      : null;
  return progressStatus({
    baseline,
    target,
    latest: latestOf(values),
    direction: indicator.direction,
  });
}

export interface IndicatorStatus {
  total: ProgressAssessment;
  women: ProgressAssessment | null;
  men: ProgressAssessment | null;
  latest: YearValue | null;
  previous: YearValue | null;
}

/** The status of an indicator for the county: the total, and women and men when split. */
export function indicatorStatus(
  indicator: StatusIndicator,
  points: ObservationPoint[],
): IndicatorStatus {
  const total = series(points, county(), 'T');
  const split = indicator.genderSplit;
  return {
    total: assessSeries(indicator, total, true),
    women: split ? assessSeries(indicator, series(points, county(), 'K'), false) : null,
    men: split ? assessSeries(indicator, series(points, county(), 'M'), false) : null,
    latest: latestOf(total),
    previous: total.length > 1 ? total[total.length - 2]! : null,
  };
}

export type Trend = 'up' | 'down' | 'flat' | 'none';

/** The direction of the latest change of the county total. */
export function trendOf(s: Pick<IndicatorStatus, 'latest' | 'previous'>): Trend {
  if (!s.latest || !s.previous) return 'none';
  const diff = s.latest.value - s.previous.value;
  if (Math.abs(diff) < 1e-9) return 'flat';
  return diff > 0 ? 'up' : 'down';
}

export { rollUpProgress, type ProgressRollUp };
