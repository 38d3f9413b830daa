import type { ObservationPoint } from './indicatorStatus.js';

/** One län in a year's ranking: its Kolada area code, value and place (1 = best). */
export interface RankedCounty {
  code: string;
  value: number;
  rank: number;
}

export interface CountyRanking {
  year: number;
  /** Every län with a value that year, best first. */
  counties: RankedCounty[];
  /** The own county's place, or null when it has no value that year. */
  own: RankedCounty | null;
  /** Riket's value that year, when there is one. */
  country: number | null;
}

/** Kolada area codes of län: "00" and two digits other than "00" (riket). */
export const isCountyCode = (code: string) => /^00(0[1-9]|[12]\d)$/.test(code);

/**
 * The län compared in the latest year in which the own county and at least one other län have a
 * total value. Place 1 is the best value by the indicator's direction; equal values share a
 * place ("1, 2, 2, 4"). Null when there is nothing to compare.
 */
export function countyRanking(
  points: ObservationPoint[],
  ownCode: string,
  direction: 'higher' | 'lower',
): CountyRanking | null {
  const totals = points.filter(
    (p) =>
      p.gender === 'T' && p.value !== null && (isCountyCode(p.placeCode) || p.placeCode === '0000'),
  );
  const years = [...new Set(totals.map((p) => p.period))].sort((a, b) => b - a);
  for (const year of years) {
    const inYear = totals.filter((p) => p.period === year && isCountyCode(p.placeCode));
    if (inYear.length < 2 || !inYear.some((p) => p.placeCode === ownCode)) continue;
    const sorted = [...inYear].sort((a, b) =>
      direction === 'higher' ? b.value! - a.value! : a.value! - b.value!,
    );
    const counties = sorted.map((p) => ({
      code: p.placeCode,
      value: p.value!,
      rank:
        1 +
        sorted.filter((q) => (direction === 'higher' ? q.value! > p.value! : q.value! < p.value!))
          .length,
    }));
    const country = totals.find((p) => p.period === year && p.placeCode === '0000')?.value ?? null;
    return { year, counties, own: counties.find((c) => c.code === ownCode) ?? null, country };
  }
  return null;
}
