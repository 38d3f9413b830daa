/**
 * The progress status of an indicator, by the method Statistics Canada developed and Open SDG
 * adopted ("Progress Measurement Methodology for the Sustainable Development Goals",
 * open-sdg/open-sdg docs/progress-methodology.md, itself inspired by Eurostat's method):
 *
 *   CAGR_i = (y_i / y_0)^(1 / (t_i − t_0)) − 1      observed compound annual growth
 *   CAGR_T = (y_T / y_0)^(1 / (t_T − t_0)) − 1      growth needed to reach the target on time
 *   R      = d · CAGR_i / |CAGR_T|                   d = +1 higher is better, −1 lower is better
 *
 * Target achieved when the latest value meets the target; otherwise R ≥ 0.95 substantial
 * progress ("on track"), 0.6 ≤ R < 0.95 moderate ("progress made but acceleration needed"),
 * 0 ≤ R < 0.6 limited, R < 0 deterioration. Without a target the same document compares
 * d · CAGR_i with fixed rates: ≥ 1.5 % substantial, 0.5–1.5 % moderate, 0–0.5 % limited, < 0
 * deterioration (the scaling factor C for natural limits is taken as 1).
 *
 * Our own addition, because a compound rate needs positive values: when y_0 or y_i is zero or
 * negative the same ratio is taken of linear annual changes instead, (y_i − y_0)/(t_i − t_0)
 * against (y_T − y_0)/(t_T − t_0), and without a target relative to |y_0|.
 */

export const progressStatuses = [
  'target_achieved',
  'substantial_progress',
  'moderate_progress',
  'limited_progress',
  'deterioration',
  'not_enough_data',
] as const;

export type ProgressStatus = (typeof progressStatuses)[number];

export interface YearValue {
  year: number;
  value: number;
}

export interface ProgressInput {
  baseline: YearValue | null;
  target: YearValue | null;
  latest: YearValue | null;
  direction: 'higher' | 'lower';
}

export interface ProgressAssessment {
  status: ProgressStatus;
  /** R against a target, or d · growth rate without one; null when not computed. */
  ratio: number | null;
  method: 'target' | 'trend' | null;
}

export const THRESHOLDS = { substantial: 0.95, moderate: 0.6, limited: 0 } as const;
export const TREND_THRESHOLDS = { substantial: 0.015, moderate: 0.005, limited: 0 } as const;

const valid = (p: YearValue | null): p is YearValue =>
  p !== null && Number.isFinite(p.value) && Number.isInteger(p.year);

function classify(r: number, t: { substantial: number; moderate: number; limited: number }) {
  if (r >= t.substantial) return 'substantial_progress';
  if (r >= t.moderate) return 'moderate_progress';
  if (r >= t.limited) return 'limited_progress';
  return 'deterioration';
}

/** Compound annual growth between two points, or the linear fallback when it is undefined. */
function growth(from: YearValue, to: YearValue, compound: boolean): number {
  const years = to.year - from.year;
  return compound
    ? Math.pow(to.value / from.value, 1 / years) - 1
    : (to.value - from.value) / years;
}

export function progressStatus(input: ProgressInput): ProgressAssessment {
  const { baseline, target, latest } = input;
  const d = input.direction === 'higher' ? 1 : -1;
  const none: ProgressAssessment = { status: 'not_enough_data', ratio: null, method: null };
  if (!valid(baseline) || !valid(latest) || latest.year <= baseline.year) return none;

  if (valid(target)) {
    if (d * (latest.value - target.value) >= 0) {
      return { status: 'target_achieved', ratio: null, method: 'target' };
    }
    if (target.year <= baseline.year) return none;
    const compound = baseline.value > 0 && latest.value > 0 && target.value > 0;
    const needed = growth(baseline, target, compound);
    // The baseline already sits at the target, yet the latest value misses it: it moved away.
    if (needed === 0) return { status: 'deterioration', ratio: null, method: 'target' };
    const ratio = (d * growth(baseline, latest, compound)) / Math.abs(needed);
    return { status: classify(ratio, THRESHOLDS), ratio, method: 'target' };
  }

  let rate: number;
  if (baseline.value > 0 && latest.value > 0) rate = growth(baseline, latest, true);
  else if (baseline.value !== 0) rate = growth(baseline, latest, false) / Math.abs(baseline.value);
  else return none;
  const ratio = d * rate;
  return { status: classify(ratio, TREND_THRESHOLDS), ratio, method: 'trend' };
}

export interface ProgressPart<Id> {
  id: Id;
  status: ProgressStatus;
}

export interface ProgressRollUp<Id> {
  counts: Record<ProgressStatus, number>;
  total: number;
  /** Parts with a status other than not_enough_data. */
  assessed: number;
  /** Every part with its status, so a goal's summary never hides which indicator is where. */
  parts: ProgressPart<Id>[];
}

/** Rolls the statuses of a goal's indicators up into counts per status, the parts kept visible. */
export function rollUpProgress<Id>(parts: ProgressPart<Id>[]): ProgressRollUp<Id> {
  const counts = Object.fromEntries(progressStatuses.map((s) => [s, 0])) as Record<
    ProgressStatus,
    number
  >;
  for (const p of parts) counts[p.status] += 1;
  const order = (s: ProgressStatus) => progressStatuses.indexOf(s);
  return {
    counts,
    total: parts.length,
    assessed: parts.length - counts.not_enough_data,
    parts: [...parts].sort((a, b) => order(a.status) - order(b.status)),
  };
}
