import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCorrections, correctableWords, requiredPhrases } from './searchQuery.js';

describe('required phrases', () => {
  it('are the quoted parts every match must contain', () => {
    expect(requiredPhrases('"regional utveckling"')).toEqual(['regional utveckling']);
    expect(requiredPhrases('kompetens "grön omställning" "hela länet"')).toEqual([
      'grön omställning',
      'hela länet',
    ]);
    expect(requiredPhrases('"ej avslutad')).toEqual(['ej avslutad']);
    expect(requiredPhrases('kajak')).toEqual([]);
    expect(requiredPhrases('""')).toEqual([]);
  });

  it('leave out what a match may lack: negated phrases and queries with or', () => {
    expect(requiredPhrases('-"regional utveckling" kajak')).toEqual([]);
    expect(requiredPhrases('kajak - "regional utveckling"')).toEqual([]);
    expect(requiredPhrases('"a b" -"c d"')).toEqual(['a b']);
    expect(requiredPhrases('"regional utveckling" or kajak')).toEqual([]);
    expect(requiredPhrases('kajak OR "regional utveckling"')).toEqual([]);
    // "or" inside a phrase is a word of the phrase, not the operator.
    expect(requiredPhrases('"regional or utveckling"')).toEqual(['regional or utveckling']);
  });

  it('are always parts of the query, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (q) => {
        for (const p of requiredPhrases(q)) expect(q).toContain(p);
      }),
      { numRuns: 500 },
    );
  });
});

describe('corrections', () => {
  it('find the words worth correcting and where they stand', () => {
    expect(correctableWords('"kompetnes" -bredbnad or e-handel ab 2024')).toEqual([
      { word: 'kompetnes', start: 1 },
      { word: 'bredbnad', start: 13 },
      { word: 'e-handel', start: 25 },
    ]);
  });

  it('replace the corrected words in place and keep the syntax around them', () => {
    const q = '"kompetnes i länet" -bredbnad';
    const words = correctableWords(q);
    const fixes = new Map([
      [words[0]!.start, 'kompetens'],
      [words[2]!.start, 'bredband'],
    ]);
    expect(applyCorrections(q, fixes)).toBe('"kompetens i länet" -bredband');
    expect(applyCorrections(q, new Map())).toBe(q);
  });

  it('never change a query without corrections', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (q) => {
        expect(applyCorrections(q, new Map())).toBe(q);
      }),
      { numRuns: 500 },
    );
  });
});
