import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../domain/initiatives/searchInitiatives.js';
import { parseSearchQuery } from '../../domain/initiatives/searchQuery.js';
import { searchPage } from './searchPage.js';

const facets: SearchResult['facets'] = {
  goalAreas: [],
  goals: [],
  perspectives: [],
  sdgGoals: [],
  places: [{ value: '0880', labelSv: 'Kalmar', labelEn: 'Kalmar', count: 12_000 }],
  organisations: [],
  statuses: [],
  years: [],
  sources: [],
};
const result = (approximate: boolean): SearchResult => ({
  hits: [],
  total: 87_000,
  page: 1,
  pageCount: 50,
  fuzzy: false,
  correctedQuery: null,
  approximate,
  reachable: approximate ? 1_000 : 87_000,
  facets,
});

describe('search page counts', () => {
  it('marks estimated totals and facet counts, and says how far the pages reach', () => {
    const s = parseSearchQuery({ q: 'företag' });
    const sv = String(searchPage('sv', s, result(true)));
    expect(sv).toContain('ca 87\u00a0000 insatser');
    expect(sv).toContain('(ca 12\u00a0000)');
    expect(sv).toContain('de första 1\u00a0000 träffarna');
    expect(sv).toContain('rangordnade bland de senast publicerade');
    const en = String(searchPage('en', s, result(true)));
    expect(en).toContain('about 87,000 initiatives');
    expect(en).toContain('(about 12,000)');
  });

  it('shows exact counts without a notice', () => {
    const sv = String(searchPage('sv', parseSearchQuery({}), result(false)));
    expect(sv).toContain('87\u00a0000 insatser');
    expect(sv).not.toContain('ca 87');
    expect(sv).toContain('(12000)');
    expect(sv).not.toContain('uppskattade');
  });
});
