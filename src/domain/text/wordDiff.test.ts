import { describe, expect, it } from 'vitest';
import { hasChange, wordDiff, type DiffPart } from './wordDiff.js';

/** The text of the runs of the given kinds, joined. */
const join = (parts: DiffPart[], ops: DiffPart['op'][]) =>
  parts
    .filter((p) => ops.includes(p.op))
    .map((p) => p.text)
    .join('');

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

  it('keeps the whitespace on both sides of a replaced word unchanged', () => {
    expect(wordDiff('Ett långt stycke', 'Ett kort stycke')).toEqual([
      { op: 'same', text: 'Ett ' },
      { op: 'removed', text: 'långt' },
      { op: 'added', text: 'kort' },
      { op: 'same', text: ' stycke' },
    ]);
  });

  it('gives a word added or removed at the end the whitespace before it', () => {
    expect(wordDiff('Hållbar tillväxt', 'Hållbar tillväxt till 2040')).toEqual([
      { op: 'same', text: 'Hållbar tillväxt' },
      { op: 'added', text: ' till 2040' },
    ]);
    expect(wordDiff('Hållbar tillväxt till 2040', 'Hållbar tillväxt')).toEqual([
      { op: 'same', text: 'Hållbar tillväxt' },
      { op: 'removed', text: ' till 2040' },
    ]);
  });

  it('gives a word added at the start the whitespace after it', () => {
    expect(wordDiff('tillväxt', 'Hållbar tillväxt')).toEqual([
      { op: 'added', text: 'Hållbar ' },
      { op: 'same', text: 'tillväxt' },
    ]);
  });

  it('keeps the whitespace that fits when the two sides of an insertion differ', () => {
    expect(wordDiff('Ett\nmål', 'Ett nytt\nmål')).toEqual([
      { op: 'same', text: 'Ett' },
      { op: 'added', text: ' nytt' },
      { op: 'same', text: '\nmål' },
    ]);
  });

  it('shows changed whitespace between unchanged words as removed and added', () => {
    expect(wordDiff('Ett mål', 'Ett\nmål')).toEqual([
      { op: 'same', text: 'Ett' },
      { op: 'removed', text: ' ' },
      { op: 'added', text: '\n' },
      { op: 'same', text: 'mål' },
    ]);
  });

  it('rebuilds both texts from its parts, whitespace included', () => {
    for (const [a, b] of [
      ['en två tre fyra fem', 'en tre fyra sex fem sju'],
      ['Ett gammalt mål', 'Ett  nytt mål\nmed två rader'],
      [' inledande  och avslutande ', 'inledande och\tavslutande'],
    ] as const) {
      const parts = wordDiff(a, b);
      expect(join(parts, ['same', 'removed'])).toBe(a);
      expect(join(parts, ['same', 'added'])).toBe(b);
    }
  });

  it('reports no change for equal texts and handles empty ones', () => {
    expect(hasChange(wordDiff('Samma text', 'Samma text'))).toBe(false);
    expect(wordDiff('Samma text', 'Samma text')).toEqual([{ op: 'same', text: 'Samma text' }]);
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('', 'Ny')).toEqual([{ op: 'added', text: 'Ny' }]);
    expect(wordDiff('Gammal', '')).toEqual([{ op: 'removed', text: 'Gammal' }]);
  });

  it('falls back to removed and added for texts too long to compare word by word', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(' ');
    const parts = wordDiff(a, b);
    expect(parts.map((p) => p.op)).toEqual(['removed', 'added']);
  });

  it('still keeps the common start and end of texts too long to compare word by word', () => {
    const words = (p: string) => Array.from({ length: 3000 }, (_, i) => `${p}${i}`).join(' ');
    const parts = wordDiff(`Inledning ${words('a')} slut.`, `Inledning ${words('b')} slut.`);
    expect(parts).toEqual([
      { op: 'same', text: 'Inledning ' },
      { op: 'removed', text: words('a') },
      { op: 'added', text: words('b') },
      { op: 'same', text: ' slut.' },
    ]);
  });
});
