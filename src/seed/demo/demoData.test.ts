import { describe, it, expect } from 'vitest';
import { demoOrganisations } from './organisations.js';
import { demoInitiatives } from './initiatives.js';
import { demoIndicators } from './indicators.js';
import type { GoalCode } from './types.js';

const TODAY = '2026-11-27';
const KEY_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const SDG_RE = /^\d{1,2}\.[0-9a-z]{1,2}$/;
const GOAL_CODES: GoalCode[] = [
  '1.1',
  '1.2',
  '2.1',
  '2.2',
  '3.1',
  '3.2',
  '3.3',
  '4.1',
  '4.2',
  '4.3',
];
const MUNICIPALITY_CODES = [
  '0821',
  '0834',
  '0840',
  '0860',
  '0861',
  '0862',
  '0880',
  '0881',
  '0882',
  '0883',
  '0884',
  '0885',
];
const FUNDING_SOURCES = [
  'regionala-utvecklingsmedel',
  'eruf',
  'esf-plus',
  'interreg',
  'tillvaxtverket',
  'kommun',
  'region',
  'privat',
  'statlig',
  'ovrig',
];

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function year(date: string): number {
  return Number(date.slice(0, 4));
}

function isValidDate(date: string): boolean {
  if (!DATE_RE.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

function duplicates(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

describe('Luhn helper', () => {
  it('accepts valid and rejects invalid numbers', () => {
    expect(luhnValid('2129991077')).toBe(true);
    expect(luhnValid('2129991078')).toBe(false);
  });
});

describe('demo organisations', () => {
  it('has enough organisations', () => {
    expect(demoOrganisations.length).toBeGreaterThanOrEqual(30);
  });

  it('has unique kebab-case keys, names and org numbers', () => {
    for (const o of demoOrganisations) expect(o.key).toMatch(KEY_RE);
    expect(duplicates(demoOrganisations.map((o) => o.key))).toEqual([]);
    expect(duplicates(demoOrganisations.map((o) => o.name))).toEqual([]);
    const numbers = demoOrganisations.flatMap((o) => (o.orgNumber === null ? [] : [o.orgNumber]));
    expect(duplicates(numbers)).toEqual([]);
  });

  it('gives organisation numbers only to real municipalities, as their sources give them', () => {
    const numbered = demoOrganisations.filter((o) => o.orgNumber !== null);
    expect(Object.fromEntries(numbered.map((o) => [o.key, o.orgNumber]))).toEqual({
      'hultsfreds-kommun': '2120000712',
      'monsteras-kommun': '2120000720',
      'emmaboda-kommun': '2120000738',
      'kalmar-kommun': '2120000746',
      'vasterviks-kommun': '2120000779',
      'borgholms-kommun': '2120000795',
    });
    for (const o of numbered) expect(luhnValid(o.orgNumber!), o.key).toBe(true);
  });

  it('has all twelve kommuner with their municipality codes', () => {
    const kommuner = demoOrganisations.filter((o) => o.kind === 'kommun');
    expect(kommuner).toHaveLength(12);
    expect(kommuner.map((o) => o.municipalityCode).sort()).toEqual([...MUNICIPALITY_CODES].sort());
  });

  it('has Region Kalmar län, Linnéuniversitetet and Länsstyrelsen', () => {
    const byName = new Map(demoOrganisations.map((o) => [o.name, o]));
    expect(byName.get('Region Kalmar län')?.kind).toBe('region');
    expect(byName.get('Region Kalmar län')?.municipalityCode).toBeNull();
    expect(byName.get('Linnéuniversitetet')?.kind).toBe('larosate');
    expect(byName.get('Länsstyrelsen i Kalmar län')?.kind).toBe('statlig-myndighet');
  });

  it('links real public bodies to their own sites and invented organisations to none', () => {
    for (const o of demoOrganisations) {
      if (o.website !== null)
        expect(o.website, o.key).toMatch(/^https:\/\/[a-z0-9.-]+\.se(\/[a-z]+)?$/);
      if (o.kind === 'foretag') expect(o.website, o.key).toBeNull();
    }
    for (const o of demoOrganisations.filter((x) => x.kind === 'kommun'))
      expect(o.website, o.key).not.toBeNull();
  });
});

describe('demo initiatives', () => {
  const orgKeys = new Set(demoOrganisations.map((o) => o.key));

  it('has enough initiatives', () => {
    expect(demoInitiatives.length).toBeGreaterThanOrEqual(80);
  });

  it('has unique kebab-case keys and unique titles', () => {
    for (const i of demoInitiatives) expect(i.key).toMatch(KEY_RE);
    expect(duplicates(demoInitiatives.map((i) => i.key))).toEqual([]);
    expect(duplicates(demoInitiatives.map((i) => i.title))).toEqual([]);
  });

  it('references existing organisations, with the owner as lead partner', () => {
    for (const i of demoInitiatives) {
      expect(orgKeys.has(i.ownerKey), `${i.key}: owner ${i.ownerKey}`).toBe(true);
      for (const p of i.partners) {
        expect(orgKeys.has(p.orgKey), `${i.key}: partner ${p.orgKey}`).toBe(true);
      }
      expect(duplicates(i.partners.map((p) => p.orgKey)), i.key).toEqual([]);
      const leads = i.partners.filter((p) => p.role === 'lead');
      expect(
        leads.map((p) => p.orgKey),
        i.key,
      ).toEqual([i.ownerKey]);
    }
  });

  it('has valid dates with endDate not before startDate', () => {
    for (const i of demoInitiatives) {
      expect(isValidDate(i.startDate), `${i.key}: ${i.startDate}`).toBe(true);
      if (i.endDate !== null) {
        expect(isValidDate(i.endDate), `${i.key}: ${i.endDate}`).toBe(true);
        expect(i.endDate >= i.startDate, i.key).toBe(true);
      }
    }
  });

  it('has statuses consistent with today', () => {
    for (const i of demoInitiatives) {
      switch (i.status) {
        case 'avslutad':
          expect(i.endDate !== null && i.endDate < TODAY, i.key).toBe(true);
          break;
        case 'avbruten':
          expect(i.startDate <= TODAY, i.key).toBe(true);
          expect(i.endDate !== null && i.endDate <= TODAY, i.key).toBe(true);
          break;
        case 'pagaende':
          expect(i.startDate <= TODAY, i.key).toBe(true);
          expect(i.endDate === null || i.endDate >= TODAY, i.key).toBe(true);
          break;
        case 'planerad':
          expect(i.startDate > TODAY, i.key).toBe(true);
          expect(year(i.startDate) <= 2027, i.key).toBe(true);
          break;
      }
    }
  });

  it('mixes all four statuses', () => {
    const counts = new Map<string, number>();
    for (const i of demoInitiatives) counts.set(i.status, (counts.get(i.status) ?? 0) + 1);
    expect(counts.get('avslutad') ?? 0).toBeGreaterThanOrEqual(10);
    expect(counts.get('pagaende') ?? 0).toBeGreaterThanOrEqual(10);
    expect(counts.get('planerad') ?? 0).toBeGreaterThanOrEqual(2);
    expect(counts.get('avbruten') ?? 0).toBeGreaterThanOrEqual(2);
  });

  it('has at least 6 initiatives starting in each year 2019–2026', () => {
    for (let y = 2019; y <= 2026; y++) {
      const n = demoInitiatives.filter((i) => year(i.startDate) === y).length;
      expect(n, String(y)).toBeGreaterThanOrEqual(6);
    }
  });

  it('has at least 5 initiatives per goal', () => {
    for (const g of GOAL_CODES) {
      const n = demoInitiatives.filter((i) => i.goalCodes.includes(g)).length;
      expect(n, g).toBeGreaterThanOrEqual(5);
    }
    for (const i of demoInitiatives) {
      expect(i.goalCodes.length, i.key).toBeGreaterThanOrEqual(1);
      expect(duplicates(i.goalCodes), i.key).toEqual([]);
    }
  });

  it('covers all twelve municipalities and the whole county', () => {
    const places = new Set(demoInitiatives.flatMap((i) => i.placeCodes));
    for (const code of MUNICIPALITY_CODES) expect(places.has(code), code).toBe(true);
    const countyWide = demoInitiatives.filter((i) => i.placeCodes.includes('0008')).length;
    expect(countyWide).toBeGreaterThanOrEqual(20);
    for (const i of demoInitiatives) {
      expect(i.placeCodes.length, i.key).toBeGreaterThanOrEqual(1);
      for (const p of i.placeCodes) expect(['0008', ...MUNICIPALITY_CODES], i.key).toContain(p);
      expect(duplicates(i.placeCodes), i.key).toEqual([]);
    }
  });

  it('has funding within range, within the span, from every source', () => {
    const sources = new Set<string>();
    for (const i of demoInitiatives) {
      expect(i.funding.length, i.key).toBeGreaterThanOrEqual(1);
      for (const f of i.funding) {
        sources.add(f.source);
        expect(f.amountSek, i.key).toBeGreaterThanOrEqual(50000);
        expect(f.amountSek, i.key).toBeLessThanOrEqual(40000000);
        expect(Number.isInteger(f.amountSek), i.key).toBe(true);
        expect(f.year, i.key).toBeGreaterThanOrEqual(year(i.startDate));
        if (i.endDate !== null) expect(f.year, i.key).toBeLessThanOrEqual(year(i.endDate));
      }
    }
    for (const s of FUNDING_SOURCES) expect(sources.has(s), s).toBe(true);
  });

  it('has perspectives on most initiatives', () => {
    const withPerspective = demoInitiatives.filter((i) => i.perspectives.length > 0).length;
    expect(withPerspective).toBeGreaterThanOrEqual(demoInitiatives.length / 2);
  });

  it('has well-formed SDG targets', () => {
    for (const i of demoInitiatives) {
      expect(i.sdgTargets.length, i.key).toBeGreaterThanOrEqual(1);
      for (const t of i.sdgTargets) expect(t, i.key).toMatch(SDG_RE);
      expect(duplicates(i.sdgTargets), i.key).toEqual([]);
    }
  });

  it('has examples of the year within the span, spread over goal areas', () => {
    const examples = demoInitiatives.filter((i) => i.exampleOfYear !== null);
    expect(examples.length).toBeGreaterThanOrEqual(12);
    for (const i of examples) {
      const y = i.exampleOfYear as number;
      expect(y, i.key).toBeGreaterThanOrEqual(2021);
      expect(y, i.key).toBeLessThanOrEqual(2025);
      expect(y, i.key).toBeGreaterThanOrEqual(year(i.startDate));
      if (i.endDate !== null) expect(y, i.key).toBeLessThanOrEqual(year(i.endDate));
    }
    for (const area of ['1', '2', '3', '4']) {
      const n = examples.filter((i) => i.goalCodes.some((g) => g.startsWith(`${area}.`))).length;
      expect(n, `goal area ${area}`).toBeGreaterThanOrEqual(2);
      for (let y = 2021; y <= 2025; y++) {
        const inYear = examples.filter(
          (i) => i.exampleOfYear === y && i.goalCodes.some((g) => g.startsWith(`${area}.`)),
        ).length;
        expect(inYear, `goal area ${area} in ${y}`).toBeGreaterThanOrEqual(3);
        expect(inYear, `goal area ${area} in ${y}`).toBeLessThanOrEqual(5);
      }
    }
    for (const i of examples) expect(i.status, i.key).not.toBe('avbruten');
  });

  it('names no contact mailbox and uses well-formed diarienummer', () => {
    for (const i of demoInitiatives) {
      expect(i.contactEmail, i.key).toBeNull();
      if (i.diarienummer !== null) expect(i.diarienummer, i.key).toMatch(/^RK \d{4}\/\d{5}$/);
    }
    expect(demoInitiatives.filter((i) => i.diarienummer !== null).length).toBeGreaterThanOrEqual(
      10,
    );
  });

  it('has non-empty summaries and descriptions', () => {
    for (const i of demoInitiatives) {
      expect(i.title.trim().length, i.key).toBeGreaterThan(0);
      expect(i.summary.trim().length, i.key).toBeGreaterThan(20);
      expect(i.description.length, i.key).toBeGreaterThan(i.summary.length);
    }
  });
});

describe('demo indicators', () => {
  it('has exactly two indicators per goal', () => {
    expect(demoIndicators).toHaveLength(20);
    for (const g of GOAL_CODES) {
      expect(
        demoIndicators.filter((d) => d.goalCode === g),
        g,
      ).toHaveLength(2);
    }
  });

  it('has unique kebab-case keys', () => {
    for (const d of demoIndicators) expect(d.key).toMatch(KEY_RE);
    expect(duplicates(demoIndicators.map((d) => d.key))).toEqual([]);
  });

  it('has consistent baselines, targets and sources', () => {
    for (const d of demoIndicators) {
      expect([2018, 2019], d.key).toContain(d.baselineYear);
      expect(d.targetYear, d.key).toBe(2030);
      if (d.direction === 'higher') expect(d.targetValue, d.key).toBeGreaterThan(d.baselineValue);
      else expect(d.targetValue, d.key).toBeLessThan(d.baselineValue);
      expect(Math.abs(d.seriesStart - d.baselineValue), d.key).toBeLessThanOrEqual(
        Math.abs(d.baselineValue) * 0.05,
      );
      expect(d.municipalSpread, d.key).toBeGreaterThanOrEqual(0);
      expect(d.genderGap, d.key).toBeGreaterThanOrEqual(0);
      if (!d.genderSplit) expect(d.genderGap, d.key).toBe(0);
      expect(Number.isInteger(d.decimals) && d.decimals >= 0, d.key).toBe(true);
      if (d.source === 'kolada') expect(d.sourceRef ?? '', d.key).toMatch(/^[NU]\d{5}$/);
      if (d.source === 'manual') expect(d.sourceRef, d.key).toBeNull();
      if (d.unit === '%') {
        expect(d.baselineValue, d.key).toBeLessThanOrEqual(100);
        expect(d.targetValue, d.key).toBeLessThanOrEqual(100);
      }
    }
  });
});
