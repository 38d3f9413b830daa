import { describe, expect, it } from 'vitest';
import { countyRanking } from './countyRanking.js';
import type { ObservationPoint } from './indicatorStatus.js';

const point = (placeCode: string, period: number, value: number | null): ObservationPoint => ({
  placeCode,
  period,
  gender: 'T',
  value,
  status: value === null ? 'Missing' : '',
});

describe('county ranking', () => {
  const points = [
    point('0001', 2023, 80),
    point('0003', 2023, 78),
    point('0008', 2023, 78),
    point('0009', 2023, 70),
    point('0000', 2023, 77),
    point('0880', 2023, 99), // a municipality is never ranked among the län
    point('0001', 2024, 81), // the own county has no 2024 value: 2023 is compared
    point('0008', 2024, null),
  ];

  it('ranks the län by direction, sharing places on equal values, with riket beside', () => {
    const higher = countyRanking(points, '0008', 'higher');
    expect(higher?.year).toBe(2023);
    expect(higher?.counties.map((c) => [c.code, c.rank])).toEqual([
      ['0001', 1],
      ['0003', 2],
      ['0008', 2],
      ['0009', 4],
    ]);
    expect(higher?.own).toEqual({ code: '0008', value: 78, rank: 2 });
    expect(higher?.country).toBe(77);
    expect(countyRanking(points, '0008', 'lower')?.own?.rank).toBe(2);
    expect(countyRanking(points, '0009', 'lower')?.own?.rank).toBe(1);
  });

  it('gives nothing when no other län has a value', () => {
    expect(countyRanking([point('0008', 2023, 1), point('0000', 2023, 2)], '0008', 'higher')).toBe(
      null,
    );
  });
});
