import { describe, expect, it } from 'vitest';
import { buildInitiative } from '../../test/factories.js';
import { initiativeDraftSchema, type InitiativeDraft } from './initiativeSchema.js';
import { threeWayMerge } from './threeWayMerge.js';

const draft = (over: Partial<InitiativeDraft> = {}): InitiativeDraft => ({
  ...initiativeDraftSchema.parse(buildInitiative({ ownerOrganisationId: 1, goalIds: [1] })),
  ...over,
});

describe('threeWayMerge', () => {
  const base = draft({ title: 'Bas', diarienummer: 'KS 1', placeCodes: ['0880', '0882'] });

  it('keeps what only the other changed and applies what only I changed', () => {
    const r = threeWayMerge(base, { ...base, title: 'Deras' }, { ...base, diarienummer: 'KS 2' });
    expect([r.merged.title, r.merged.diarienummer, r.conflicts]).toEqual(['Deras', 'KS 2', []]);
    expect(r.applied).toEqual(['diarienummer']);
  });

  it('reports a field both changed differently, and follows a choice', () => {
    const theirs = { ...base, title: 'Deras' };
    const mine = { ...base, title: 'Min' };
    expect(threeWayMerge(base, theirs, mine).conflicts).toEqual(['title']);
    expect(threeWayMerge(base, theirs, mine).merged.title).toBe('Deras');
    expect(threeWayMerge(base, theirs, mine, { title: 'mine' }).merged.title).toBe('Min');
    expect(threeWayMerge(base, theirs, mine, { title: 'theirs' })).toMatchObject({
      conflicts: [],
      merged: { title: 'Deras' },
    });
  });

  it('sees the same change, a reordered set and empty versus null as no conflict', () => {
    const theirs = { ...base, title: 'Samma', titleEn: null };
    const mine = { ...base, title: 'Samma', placeCodes: ['0882', '0880'], titleEn: '' };
    expect(threeWayMerge(base, theirs, mine).conflicts).toEqual([]);
  });
});
