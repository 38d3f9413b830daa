import { describe, expect, it } from 'vitest';
import { indicatorStatus, trendOf, type ObservationPoint } from './indicatorStatus.js';
import { rollUpProgress } from './progressStatus.js';

const indicator = {
  direction: 'higher' as const,
  genderSplit: true,
  baselineYear: 2019,
  baselineValue: 70,
  targetYear: 2030,
  targetValue: 80,
};

const point = (
  period: number,
  gender: 'T' | 'K' | 'M',
  value: number | null,
  placeCode = '0008',
): ObservationPoint => ({
  placeCode,
  period,
  gender,
  value,
  status: value === null ? 'Missing' : '',
});

describe('indicatorStatus', () => {
  it('assesses the county total against the stated baseline and women and men on their own series', () => {
    const s = indicatorStatus(indicator, [
      point(2019, 'T', 70),
      point(2024, 'T', 75),
      point(2025, 'T', null),
      point(2019, 'K', 72),
      point(2024, 'K', 80),
      point(2019, 'M', 68),
      point(2024, 'M', 66),
      point(2024, 'T', 99, '0880'),
    ]);
    expect(s.latest).toEqual({ year: 2024, value: 75 });
    expect(s.total.status).toBe('substantial_progress');
    expect(s.women?.status).toBe('target_achieved');
    expect(s.men?.status).toBe('deterioration');
    expect(trendOf(s)).toBe('up');
  });

  it('says not enough data without values, and skips women and men when not split', () => {
    const s = indicatorStatus({ ...indicator, genderSplit: false }, []);
    expect(s.total.status).toBe('not_enough_data');
    expect(s.women).toBeNull();
    expect(trendOf(s)).toBe('none');
  });

  it('rolls statuses up per goal with every part visible', () => {
    const r = rollUpProgress([
      { id: 'a', status: 'deterioration' },
      { id: 'b', status: 'target_achieved' },
      { id: 'c', status: 'not_enough_data' },
    ]);
    expect(r.counts.deterioration).toBe(1);
    expect(r.assessed).toBe(2);
    expect(r.parts.map((p) => p.id)).toEqual(['b', 'a', 'c']);
  });
});
