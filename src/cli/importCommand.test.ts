import { describe, expect, it } from 'vitest';
import { comparisonAreas, progressBar } from './importCommand.js';

describe('progressBar', () => {
  it('fills in proportion to the work done', () => {
    expect(progressBar(0, 4, 8)).toBe('[--------] 0/4 (0 %)');
    expect(progressBar(1, 4, 8)).toBe('[##------] 1/4 (25 %)');
    expect(progressBar(4, 4, 8)).toBe('[########] 4/4 (100 %)');
  });

  it('stays within its width when the counts are odd', () => {
    expect(progressBar(7, 3, 8)).toBe('[########] 7/3 (100 %)');
    expect(progressBar(1, 0, 8)).toBe('[--------] 1/0 (0 %)');
  });
});

describe('the default Kolada areas', () => {
  it('are riket, all 21 län and the county’s municipalities', () => {
    const areas = comparisonAreas();
    expect(areas[0]).toBe('0000');
    expect(areas.filter((a) => /^00\d\d$/.test(a) && a !== '0000')).toHaveLength(21);
    expect(areas.filter((a) => a.startsWith('08'))).toHaveLength(12);
    expect(new Set(areas).size).toBe(areas.length);
  });
});
