import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FUZZ_RUNS,
  FUZZ_TIMEOUT_MS,
  hostileFragments,
} from '../../../test/reliability/fuzzRuns.js';
import { wordDiff, type DiffPart } from './wordDiff.js';

/** Texts of a few words and odd whitespace, so that two of them often share words. */
const wordy = fc
  .array(
    fc.oneof(
      fc.constantFrom('mål', 'Mål', 'länet', 'i', 'och', '2040', 'å', '.', '—', '\u00A0'),
      fc.constantFrom(' ', '  ', '\n', '\t', '\r\n', ' \n '),
    ),
    { maxLength: 30 },
  )
  .map((pieces) => pieces.join(''));

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(...hostileFragments),
  wordy,
);

const join = (parts: DiffPart[], op: DiffPart['op']) =>
  parts
    .filter((p) => p.op === 'same' || p.op === op)
    .map((p) => p.text)
    .join('');

describe('wordDiff (property)', { timeout: FUZZ_TIMEOUT_MS }, () => {
  it('gives the old text back from the same and removed runs, the new from same and added', () => {
    fc.assert(
      fc.property(fc.oneof(fc.tuple(text, text), fc.tuple(wordy, wordy)), ([before, after]) => {
        const parts = wordDiff(before, after);
        expect(join(parts, 'removed')).toBe(before);
        expect(join(parts, 'added')).toBe(after);
        for (const [k, p] of parts.entries()) {
          expect(p.text).not.toBe('');
          if (k > 0) expect(parts[k - 1]!.op).not.toBe(p.op);
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('finds no change between equal texts and only removals or additions against an empty one', () => {
    fc.assert(
      fc.property(text, (t) => {
        const whole = t === '' ? [] : [{ op: 'same', text: t }];
        expect(wordDiff(t, t)).toEqual(whole);
        expect(wordDiff(t, '')).toEqual(whole.map((p) => ({ ...p, op: 'removed' })));
        expect(wordDiff('', t)).toEqual(whole.map((p) => ({ ...p, op: 'added' })));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
