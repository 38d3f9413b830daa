import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FUZZ_RUNS,
  FUZZ_TIMEOUT_MS,
  hostileFragments,
} from '../../../test/reliability/fuzzRuns.js';
import { MAX_PAGE, parseSearchQuery, searchQueryString } from './searchQuery.js';

const keys = [
  'q',
  'omrade',
  'mal',
  'perspektiv',
  'agenda',
  'plats',
  'org',
  'status',
  'ar',
  'kalla',
  'sort',
  'sida',
];
const value = fc.oneof(
  fc.string(),
  fc.constantFrom(...hostileFragments),
  fc.constantFrom(
    '1',
    '17',
    '18',
    '0880',
    '2024',
    '1.1',
    'pagaende',
    'esf-plus',
    'nyast',
    '-1',
    '1e9',
    'NaN',
  ),
);
/** A parsed query string: a value or a list of values per key, known keys and others. */
const rawQuery = fc.dictionary(
  fc.oneof(fc.constantFrom(...keys), fc.string()),
  fc.oneof(value, fc.array(value, { maxLength: 30 }), fc.anything()),
  { maxKeys: 14 },
);

describe('search query parsing (property)', { timeout: FUZZ_TIMEOUT_MS }, () => {
  it('reads anything without throwing, within bounds, and says what it ignored', () => {
    fc.assert(
      fc.property(rawQuery, (raw) => {
        const s = parseSearchQuery(raw);
        expect(s.page).toBeGreaterThanOrEqual(1);
        expect(s.page).toBeLessThanOrEqual(MAX_PAGE);
        expect(Number.isInteger(s.page)).toBe(true);
        expect(s.q.length).toBeLessThanOrEqual(200);
        // eslint-disable-next-line no-control-regex
        expect(s.q).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
        for (const list of [s.goalAreas, s.goals, s.places, s.organisations, s.statuses, s.years]) {
          expect(list.length).toBeLessThanOrEqual(20);
        }
        for (const g of s.sdgGoals) expect(g >= 1 && g <= 17).toBe(true);
        for (const p of s.places) expect(p).toMatch(/^\d{4}$/);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('the canonical query string reads back to the same search', () => {
    fc.assert(
      fc.property(rawQuery, (raw) => {
        const s = parseSearchQuery(raw);
        const again = parseSearchQuery(
          Object.fromEntries(
            [...new URLSearchParams(searchQueryString(s)).entries()].reduce((m, [k, v]) => {
              m.set(k, [...(m.get(k) ?? []), v]);
              return m;
            }, new Map<string, string[]>()),
          ),
        );
        const { ignored: _a, truncated: _b, ...expected } = s;
        const { ignored: _c, truncated: _d, ...actual } = again;
        expect(actual).toEqual(expected);
        expect(again.ignored).toEqual([]);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
