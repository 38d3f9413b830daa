import { describe, expect, it } from 'vitest';
import { backoffMs, nextNight } from './jobQueue.js';

describe('job timing', () => {
  it('doubles the wait after every failed attempt, up to a cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(30)).toBe(6 * 3600_000);
    expect(backoffMs(0)).toBe(30_000);
  });

  it('schedules the nightly job for the next 02:00 UTC', () => {
    expect(nextNight(new Date('2026-06-15T01:59:00Z')).toISOString()).toBe(
      '2026-06-15T02:00:00.000Z',
    );
    expect(nextNight(new Date('2026-06-15T02:00:00Z')).toISOString()).toBe(
      '2026-06-16T02:00:00.000Z',
    );
    expect(nextNight(new Date('2026-12-31T23:00:00Z')).toISOString()).toBe(
      '2027-01-01T02:00:00.000Z',
    );
  });
});
