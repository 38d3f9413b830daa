import { describe, expect, it } from 'vitest';
import { progressStatus, rollUpProgress, type ProgressInput } from './progressStatus.js';

const higher = (latest: [number, number] | null, target: [number, number] | null = [2030, 200]) =>
  ({
    baseline: { year: 2015, value: 100 },
    target: target && { year: target[0], value: target[1] },
    latest: latest && { year: latest[0], value: latest[1] },
    direction: 'higher',
  }) satisfies ProgressInput;

describe('progressStatus with a target (StatCan/Open SDG ratio R)', () => {
  it('is achieved when the latest value meets the target', () => {
    expect(progressStatus(higher([2024, 200])).status).toBe('target_achieved');
    expect(progressStatus(higher([2024, 230])).status).toBe('target_achieved');
  });

  it('works the documented examples: 100 → 200 from 2015 to 2030', () => {
    // Needed: 2^(1/15) − 1 = 4.729 % a year.
    // 150 in 2022: 1.5^(1/7) − 1 = 5.963 %, R = 1.261.
    const a = progressStatus(higher([2022, 150]));
    expect(a.status).toBe('substantial_progress');
    expect(a.ratio).toBeCloseTo(1.261, 3);
    // 130 in 2022: 3.818 %, R = 0.808.
    const b = progressStatus(higher([2022, 130]));
    expect(b.status).toBe('moderate_progress');
    expect(b.ratio).toBeCloseTo(0.808, 3);
    // 120 in 2022: 2.639 %, R = 0.558.
    expect(progressStatus(higher([2022, 120])).status).toBe('limited_progress');
    // 90 in 2022: shrinking, R < 0.
    expect(progressStatus(higher([2022, 90])).status).toBe('deterioration');
  });

  it('puts the thresholds where the method says: 0.95, 0.6 and 0', () => {
    const needed = Math.pow(2, 1 / 15) - 1;
    const at = (r: number) => 100 * Math.pow(1 + r * needed, 7);
    expect(progressStatus(higher([2022, at(0.9501)])).status).toBe('substantial_progress');
    expect(progressStatus(higher([2022, at(0.94)])).status).toBe('moderate_progress');
    expect(progressStatus(higher([2022, at(0.6001)])).status).toBe('moderate_progress');
    expect(progressStatus(higher([2022, at(0.59)])).status).toBe('limited_progress');
    expect(progressStatus(higher([2022, 100])).status).toBe('limited_progress');
  });

  it('handles lower-is-better indicators: 20 → 10 from 2015 to 2030', () => {
    const lower = (value: number): ProgressInput => ({
      baseline: { year: 2015, value: 20 },
      target: { year: 2030, value: 10 },
      latest: { year: 2022, value },
      direction: 'lower',
    });
    // Needed −4.516 %, observed 0.8^(1/7) − 1 = −3.137 %, R = 0.695.
    const m = progressStatus(lower(16));
    expect(m.status).toBe('moderate_progress');
    expect(m.ratio).toBeCloseTo(0.695, 3);
    expect(progressStatus(lower(14)).status).toBe('substantial_progress');
    expect(progressStatus(lower(19)).status).toBe('limited_progress');
    expect(progressStatus(lower(22)).status).toBe('deterioration');
    expect(progressStatus(lower(10)).status).toBe('target_achieved');
    expect(progressStatus(lower(8)).status).toBe('target_achieved');
  });

  it('reads a baseline that had already met the target but slipped as deterioration', () => {
    const past = (value: number, baseValue = 210): ProgressInput => ({
      baseline: { year: 2015, value: baseValue },
      target: { year: 2030, value: 200 },
      latest: { year: 2022, value },
      direction: 'higher',
    });
    expect(progressStatus(past(205)).status).toBe('target_achieved');
    expect(progressStatus(past(190)).status).toBe('deterioration');
    expect(progressStatus(past(190, 200)).status).toBe('deterioration');
  });

  it('falls back to linear change when values are zero or negative', () => {
    const a = progressStatus({
      baseline: { year: 2015, value: 0 },
      target: { year: 2025, value: 10 },
      latest: { year: 2020, value: 5 },
      direction: 'higher',
    });
    expect(a.ratio).toBeCloseTo(1, 6);
    expect(a.status).toBe('substantial_progress');
  });

  it('says not_enough_data without a baseline, a latest value or a time span', () => {
    expect(progressStatus(higher(null)).status).toBe('not_enough_data');
    expect(progressStatus(higher([2015, 150])).status).toBe('not_enough_data');
    expect(progressStatus({ ...higher([2022, 150]), baseline: null }).status).toBe(
      'not_enough_data',
    );
    expect(progressStatus(higher([2022, 150], [2010, 300])).status).toBe('not_enough_data');
  });
});

describe('progressStatus without a target (growth-rate thresholds)', () => {
  it('compares the direction-adjusted growth with 1.5 % and 0.5 %', () => {
    const r = (value: number, direction: 'higher' | 'lower' = 'higher') =>
      progressStatus({
        baseline: { year: 2015, value: 100 },
        target: null,
        latest: { year: 2020, value },
        direction,
      }).status;
    expect(r(110)).toBe('substantial_progress'); // 1.92 % a year
    expect(r(105)).toBe('moderate_progress'); // 0.98 %
    expect(r(101)).toBe('limited_progress'); // 0.20 %
    expect(r(95)).toBe('deterioration');
    expect(r(90, 'lower')).toBe('substantial_progress');
    expect(r(110, 'lower')).toBe('deterioration');
  });
});

describe('rollUpProgress', () => {
  it('counts statuses for a goal and keeps every part visible, best first', () => {
    const roll = rollUpProgress([
      { id: 'a', status: 'deterioration' },
      { id: 'b', status: 'target_achieved' },
      { id: 'c', status: 'not_enough_data' },
      { id: 'd', status: 'deterioration' },
    ]);
    expect(roll.total).toBe(4);
    expect(roll.assessed).toBe(3);
    expect(roll.counts).toEqual({
      target_achieved: 1,
      substantial_progress: 0,
      moderate_progress: 0,
      limited_progress: 0,
      deterioration: 2,
      not_enough_data: 1,
    });
    expect(roll.parts.map((p) => p.id)).toEqual(['b', 'a', 'd', 'c']);
  });
});
