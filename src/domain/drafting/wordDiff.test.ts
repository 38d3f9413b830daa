import { describe, expect, it } from 'vitest';
import { hasChange, wordDiff } from './wordDiff.js';

describe('wordDiff', () => {
  it('marks the words that were removed and added', () => {
    expect(
      wordDiff('Fler företag växer i länet', 'Fler företag startar och växer i regionen'),
    ).toEqual([
      { op: 'same', text: 'Fler företag ' },
      { op: 'added', text: 'startar och ' },
      { op: 'same', text: 'växer i ' },
      { op: 'removed', text: 'länet' },
      { op: 'added', text: 'regionen' },
    ]);
  });

  it('gives the new text back when joining same and added parts', () => {
    const after = 'Ett  nytt mål\nmed två rader';
    const parts = wordDiff('Ett gammalt mål', after);
    expect(
      parts
        .filter((p) => p.op !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe(after);
  });

  it('reports no change for equal texts and handles empty ones', () => {
    expect(hasChange(wordDiff('Samma text', 'Samma text'))).toBe(false);
    expect(wordDiff('', 'Ny')).toEqual([{ op: 'added', text: 'Ny' }]);
    expect(wordDiff('Gammal', '')).toEqual([{ op: 'removed', text: 'Gammal' }]);
  });
});
