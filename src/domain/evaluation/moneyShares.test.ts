import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  byGoal,
  byGoalArea,
  byPlace,
  shareBy,
  total,
  UNASSIGNED,
  type FundedInitiative,
} from './moneyShares.js';

const initiative = (over: Partial<FundedInitiative>): FundedInitiative => ({
  id: 1,
  status: 'pagaende',
  startYear: 2024,
  endYear: null,
  funding: [{ year: 2024, source: 'eruf', amountSek: 900 }],
  goals: [],
  places: [],
  sdgGoals: [],
  perspectives: [],
  ...over,
});

describe('money shares', () => {
  it('splits an initiative over its goals and never counts it twice', () => {
    const i = initiative({
      goals: [
        { code: '3.1', areaSlug: 'a' },
        { code: '3.2', areaSlug: 'a' },
        { code: '4.1', areaSlug: 'b' },
      ],
    });
    const goals = shareBy([i], byGoal);
    expect(goals.get('3.1')).toBe(300);
    expect(goals.get('4.1')).toBe(300);
    const areas = shareBy([i], byGoalArea);
    expect(areas.get('a')).toBe(450);
    expect(areas.get('b')).toBe(450);
  });

  it('puts money without links in the unassigned bucket', () => {
    expect(shareBy([initiative({})], byPlace).get(UNASSIGNED)).toBe(900);
  });

  it('reconciles: the buckets of any split add up to the total, for any year', () => {
    const arb = fc.array(
      fc.record({
        funding: fc.array(
          fc.record({
            year: fc.integer({ min: 2019, max: 2026 }),
            source: fc.constantFrom('eruf', 'kommun'),
            amountSek: fc.integer({ min: 0, max: 10_000_000 }),
          }),
        ),
        goals: fc.array(
          fc.record({
            code: fc.constantFrom('1.1', '2.1', '3.3', '4.2'),
            areaSlug: fc.constantFrom('a', 'b', 'c', 'd'),
          }),
        ),
        places: fc.array(fc.constantFrom('0008', '0880', '0821')),
      }),
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 2019, max: 2026 }), (rows, year) => {
        const list = rows.map((r, id) => initiative({ id, ...r }));
        for (const keys of [byGoal, byGoalArea, byPlace]) {
          const sum = [...shareBy(list, keys, year).values()].reduce((s, v) => s + v, 0);
          expect(sum).toBeCloseTo(total(list, year), 3);
        }
      }),
      { numRuns: 200 },
    );
  });
});
