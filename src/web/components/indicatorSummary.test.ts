import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countySummaryFacts,
  placeSummaryFacts,
  type SummaryIndicator,
} from '../../domain/followup/indicatorSummary.js';
import type { ObservationPoint } from '../../domain/followup/indicatorStatus.js';
import { unitLabel } from '../i18n/units.js';
import { formatValue } from '../public/followupParts.js';
import { summarySentences } from './indicatorSummary.js';

const OWN = '0008';
const indicator: SummaryIndicator = {
  direction: 'higher',
  decimals: 1,
  genderSplit: true,
  baselineYear: 2019,
  baselineValue: 72.1,
  targetYear: 2030,
  targetValue: 80,
};
const point = (placeCode: string, period: number, value: number, gender: 'T' | 'K' | 'M' = 'T') =>
  ({ placeCode, period, gender, value, status: '' }) satisfies ObservationPoint;
const example: ObservationPoint[] = [
  point(OWN, 2019, 72.1),
  point(OWN, 2023, 74.9),
  point(OWN, 2024, 75.3),
  point(OWN, 2024, 78, 'K'),
  point(OWN, 2024, 72.5, 'M'),
  point('0001', 2024, 79.2),
  point('0003', 2024, 76.4),
  point('0009', 2024, 70.8),
  point('0000', 2024, 77),
];
const wording = (locale: 'sv' | 'en') => ({
  locale,
  subject: locale === 'sv' ? 'Länet' : 'The county',
  unit: '%',
  decimals: 1,
});

describe('the numbers in words', () => {
  it('tells the change since the baseline and last value, the rank, the pace to the target and the women/men gap', () => {
    const facts = countySummaryFacts(indicator, example, OWN);
    expect(summarySentences(facts, wording('sv'))).toEqual([
      'År 2024 var värdet för Länet 75,3 %, mot 72,1 % år 2019: en ökning med 3,2, en förbättring.',
      'Jämfört med 2023 (74,9 %) är det en ökning med 0,4, en förbättring.',
      'Bland de 4 län som har ett värde 2024 har Länet plats 3; riket hade 77,0 %.',
      // 0.87 % a year observed against 0.96 % needed: R = 0.9, moderate progress.
      'Målet är 80,0 % år 2030. Utvecklingen går åt rätt håll, men med takten sedan utgångsläget nås målet inte i tid.',
      'År 2024 var värdet 78,0 % för kvinnor och 72,5 % för män, en skillnad på 5,5 (högre för kvinnor).',
    ]);
    expect(summarySentences(facts, wording('en'))[0]).toBe(
      'In 2024 the value for The county was 75.3 %, against 72.1 % in 2019: an increase of 3.2, an improvement.',
    );
  });

  it('judges a change by the direction: a fall is a betterment where lower is better', () => {
    const facts = countySummaryFacts(
      { ...indicator, direction: 'lower', targetValue: 60, genderSplit: false },
      example,
      OWN,
    );
    const sv = summarySentences(facts, wording('sv'));
    expect(sv[0]).toContain('en ökning med 3,2, en försämring.');
    expect(sv).toContain('Målet är 60,0 % år 2030. Utvecklingen går bort från målet.');
  });

  it('says nothing the data do not hold', () => {
    expect(countySummaryFacts(indicator, [], OWN)).toEqual([]);
    const one = countySummaryFacts(
      {
        ...indicator,
        baselineYear: null,
        baselineValue: null,
        targetYear: null,
        targetValue: null,
      },
      [point(OWN, 2024, 75.3)],
      OWN,
    );
    expect(one).toEqual([]);
    expect(placeSummaryFacts(indicator, [], [], [])).toEqual([]);
  });

  it('sets a place beside its county and riket', () => {
    const facts = placeSummaryFacts(
      { ...indicator, baselineYear: null },
      [
        { year: 2022, value: 12.34 },
        { year: 2024, value: 12.3 },
      ],
      [{ year: 2024, value: 11 }],
      [{ year: 2024, value: 10.5 }],
    );
    expect(summarySentences(facts, { ...wording('sv'), subject: 'Orten' })).toEqual([
      'År 2024 var värdet för Orten 12,3 %, detsamma som år 2022.',
      'År 2024: Orten 12,3 %, länet 11,0 % och riket 10,5 %.',
    ]);
  });

  it('uses only numbers that are shown: values, years, ranks, counts, and differences of two shown values', () => {
    const years = fc.uniqueArray(fc.integer({ min: 2000, max: 2030 }), {
      minLength: 0,
      maxLength: 6,
    });
    const value = fc.double({ min: -500, max: 20_000, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(
        years,
        fc.array(value, { minLength: 6, maxLength: 6 }),
        fc.array(fc.tuple(fc.constantFrom('0001', '0003', '0012', '0000'), value), {
          maxLength: 4,
        }),
        fc.record({
          direction: fc.constantFrom('higher' as const, 'lower' as const),
          decimals: fc.integer({ min: 0, max: 2 }),
          genderSplit: fc.boolean(),
          baseline: fc.option(fc.tuple(fc.integer({ min: 1995, max: 2030 }), value)),
          target: fc.option(fc.tuple(fc.integer({ min: 2020, max: 2045 }), value)),
          unit: fc.constantFrom('%', 'antal per 1 000 invånare', 'kr/inv'),
          locale: fc.constantFrom('sv' as const, 'en' as const),
        }),
        (ys, vs, others, o) => {
          const sorted = [...ys].sort((a, b) => a - b);
          const latest = sorted[sorted.length - 1] ?? 2024;
          const points: ObservationPoint[] = [
            ...sorted.map((y, n) => point(OWN, y, vs[n]!)),
            ...(o.genderSplit && sorted.length > 0
              ? [point(OWN, latest, vs[0]!, 'K'), point(OWN, latest, vs[1]!, 'M')]
              : []),
            ...others.map(([code, v]) => point(code, latest, v)),
          ];
          const ind: SummaryIndicator = {
            direction: o.direction,
            decimals: o.decimals,
            genderSplit: o.genderSplit,
            baselineYear: o.baseline?.[0] ?? null,
            baselineValue: o.baseline?.[1] ?? null,
            targetYear: o.target?.[0] ?? null,
            targetValue: o.target?.[1] ?? null,
          };
          const shownValues = [
            ...points.map((p) => p.value!),
            ...(o.baseline ? [o.baseline[1]] : []),
            ...(o.target ? [o.target[1]] : []),
          ].map((v) => Number(v.toFixed(o.decimals)));
          const fmt = (n: number) => formatValue(o.locale, n, o.decimals);
          const allowed = new Set<string>([
            ...shownValues.map(fmt),
            ...shownValues.flatMap((a) => shownValues.map((b) => fmt(Math.abs(a - b)))),
            ...points.map((p) => String(p.period)),
            ...[o.baseline?.[0], o.target?.[0]].filter((y) => y !== undefined).map(String),
            ...Array.from({ length: 25 }, (_, n) => String(n + 1)),
          ]);
          const text = summarySentences(countySummaryFacts(ind, points, OWN), {
            locale: o.locale,
            subject: 'X',
            unit: o.unit,
            decimals: o.decimals,
          })
            .join(' ')
            .replaceAll(unitLabel(o.locale, o.unit), ' ');
          const numbers = text.match(/−?-?\d+(?:[\u00a0\u202f,.]\d+)*/g) ?? [];
          for (const n of numbers) expect(allowed, `${n} in: ${text}`).toContain(n);
        },
      ),
      { numRuns: 400 },
    );
  });
});
