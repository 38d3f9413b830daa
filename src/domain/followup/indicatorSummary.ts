import { countyRanking } from './countyRanking.js';
import { assessSeries, series, type ObservationPoint } from './indicatorStatus.js';
import type { ProgressStatus, YearValue } from './progressStatus.js';

/** Whether a change is for the better by the indicator's direction, or no change at all. */
export type Change = 'better' | 'worse' | 'same';

/**
 * What an indicator's numbers say, as facts a sentence can be made of. Every value in a fact is
 * one of the values shown beside it (a point of a series, the target, a rank); a fact is only
 * made where the data hold it.
 */
export type SummaryFact =
  /** From the baseline (the stated one, else the series' first value) to the latest value. */
  | { kind: 'sinceBaseline'; from: YearValue; to: YearValue; change: Change }
  /** From the value before the latest one to the latest one. */
  | { kind: 'sinceLast'; from: YearValue; to: YearValue; change: Change }
  /** The place among the län in the latest year compared, and riket's value that year. */
  | { kind: 'rank'; year: number; rank: number; of: number; country: number | null }
  /** The target and what the progress method says of the pace towards it. */
  | { kind: 'target'; target: YearValue; status: ProgressStatus }
  /** Women's and men's values in the latest year both have one. */
  | { kind: 'gender'; year: number; women: number; men: number; higher: 'women' | 'men' | 'equal' }
  /** The place beside its county and riket in the place's latest year. */
  | { kind: 'reference'; year: number; own: number; county: number | null; country: number | null };

export interface SummaryIndicator {
  direction: 'higher' | 'lower';
  decimals: number;
  genderSplit: boolean;
  baselineYear: number | null;
  baselineValue: number | null;
  targetYear: number | null;
  targetValue: number | null;
}

const roundTo = (n: number, decimals: number) => Number(n.toFixed(decimals));

/** The change between two values as shown (rounded to the indicator's decimals). */
export function changeOf(
  from: number,
  to: number,
  direction: 'higher' | 'lower',
  decimals: number,
): Change {
  const diff = roundTo(to, decimals) - roundTo(from, decimals);
  if (Math.abs(diff) < 10 ** -(decimals + 2)) return 'same';
  return diff > 0 === (direction === 'higher') ? 'better' : 'worse';
}

/** The change over time of one series: since its baseline and since the value before. */
function seriesFacts(
  indicator: SummaryIndicator,
  values: YearValue[],
  statedBaseline: YearValue | null,
): SummaryFact[] {
  const latest = values[values.length - 1];
  if (!latest) return [];
  const facts: SummaryFact[] = [];
  const baseline = statedBaseline ?? (values.length > 1 ? values[0]! : null);
  const change = (a: YearValue, b: YearValue) =>
    changeOf(a.value, b.value, indicator.direction, indicator.decimals);
  if (baseline && baseline.year < latest.year) {
    facts.push({
      kind: 'sinceBaseline',
      from: baseline,
      to: latest,
      change: change(baseline, latest),
    });
  }
  const previous = values.length > 1 ? values[values.length - 2]! : null;
  if (previous && (!baseline || previous.year > baseline.year)) {
    facts.push({ kind: 'sinceLast', from: previous, to: latest, change: change(previous, latest) });
  }
  return facts;
}

const statedBaseline = (i: SummaryIndicator): YearValue | null =>
  i.baselineYear !== null && i.baselineValue !== null
    ? { year: i.baselineYear, value: i.baselineValue }
    : null;

/**
 * The facts of an indicator for the own county: its change since the baseline and since the
 * value before, its place among the län, the target and the pace towards it (the progress
 * method), and the women/men gap where the split exists.
 */
export function countySummaryFacts(
  indicator: SummaryIndicator,
  points: ObservationPoint[],
  countyCode: string,
): SummaryFact[] {
  const total = series(points, countyCode, 'T');
  if (total.length === 0) return [];
  const facts = seriesFacts(indicator, total, statedBaseline(indicator));
  const ranking = countyRanking(points, countyCode, indicator.direction);
  if (ranking?.own) {
    facts.push({
      kind: 'rank',
      year: ranking.year,
      rank: ranking.own.rank,
      of: ranking.counties.length,
      country: ranking.country,
    });
  }
  if (indicator.targetYear !== null && indicator.targetValue !== null) {
    const status = assessSeries(indicator, total, true).status;
    facts.push({
      kind: 'target',
      target: { year: indicator.targetYear, value: indicator.targetValue },
      status,
    });
  }
  if (indicator.genderSplit) {
    const women = series(points, countyCode, 'K');
    const men = series(points, countyCode, 'M');
    const year = [...women].reverse().find((w) => men.some((m) => m.year === w.year))?.year;
    if (year !== undefined) {
      const w = women.find((x) => x.year === year)!.value;
      const m = men.find((x) => x.year === year)!.value;
      const gap = changeOf(m, w, 'higher', indicator.decimals);
      facts.push({
        kind: 'gender',
        year,
        women: w,
        men: m,
        higher: gap === 'same' ? 'equal' : gap === 'better' ? 'women' : 'men',
      });
    }
  }
  return facts;
}

/**
 * The facts of an indicator for a place within the county: its change since its first value and
 * since the value before, and its latest value beside the county's and riket's that year.
 */
export function placeSummaryFacts(
  indicator: SummaryIndicator,
  place: YearValue[],
  county: YearValue[],
  country: YearValue[],
): SummaryFact[] {
  const latest = place[place.length - 1];
  if (!latest) return [];
  const stated =
    indicator.baselineYear === null
      ? null
      : (place.find((v) => v.year === indicator.baselineYear) ?? null);
  const facts = seriesFacts(indicator, place, stated);
  const at = (s: YearValue[]) => s.find((v) => v.year === latest.year)?.value ?? null;
  const c = at(county);
  const r = at(country);
  if (c !== null || r !== null) {
    facts.push({ kind: 'reference', year: latest.year, own: latest.value, county: c, country: r });
  }
  return facts;
}
