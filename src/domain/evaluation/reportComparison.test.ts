import { describe, expect, it } from 'vitest';
import type { ObservationPoint } from '../followup/indicatorStatus.js';
import { reportComparison } from './annualReport.js';

const point = (placeCode: string, period: number, value: number): ObservationPoint => ({
  placeCode,
  period,
  gender: 'T',
  value,
  status: '',
});

describe('the annual report’s comparison of an indicator', () => {
  it('takes the year of the län ranking, riket that year and the municipalities’ extremes', () => {
    const points = [
      point('0008', 2023, 70),
      point('0001', 2023, 75),
      point('0003', 2023, 65),
      point('0000', 2023, 72),
      // A newer county value that no other län has yet: the ranking's year is kept.
      point('0008', 2024, 71),
    ];
    const municipalities = [
      { name: 'Nybro', period: 2023, value: 61 },
      { name: 'Kalmar', period: 2023, value: 74 },
      { name: 'Borgholm', period: 2023, value: 66 },
      { name: 'Nybro', period: 2024, value: 99 },
    ];
    expect(reportComparison({ direction: 'higher' }, points, municipalities, '0008')).toEqual({
      year: 2023,
      county: 70,
      country: 72,
      rank: { rank: 2, of: 3 },
      lowest: { name: 'Nybro', value: 61 },
      highest: { name: 'Kalmar', value: 74 },
    });
    // Lower is better: the place turns, the extremes stay by value.
    expect(reportComparison({ direction: 'lower' }, points, municipalities, '0008')?.rank).toEqual({
      rank: 2,
      of: 3,
    });
  });

  it('without other län takes the latest county year, and names no extremes of one municipality', () => {
    const points = [point('0008', 2022, 5), point('0008', 2023, 6), point('0000', 2023, 7)];
    expect(
      reportComparison(
        { direction: 'higher' },
        points,
        [{ name: 'A', period: 2023, value: 1 }],
        '0008',
      ),
    ).toEqual({ year: 2023, county: 6, country: 7, rank: null, lowest: null, highest: null });
  });

  it('is null when the county stands alone or has no value', () => {
    expect(
      reportComparison({ direction: 'higher' }, [point('0008', 2023, 6)], [], '0008'),
    ).toBeNull();
    expect(
      reportComparison({ direction: 'higher' }, [point('0000', 2023, 6)], [], '0008'),
    ).toBeNull();
  });
});
