import { describe, expect, it } from 'vitest';
import { paragraph, random, sample, title, zipf } from './text.js';
import { words } from './words.js';

describe('synthetic text', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = random(7);
    const b = random(7);
    const c = random(8);
    const first = [title(a), paragraph(a, 20, 40)];
    expect([title(b), paragraph(b, 20, 40)]).toEqual(first);
    expect([title(c), paragraph(c, 20, 40)]).not.toEqual(first);
  });

  it('draws words with a Zipf-like frequency: the first far more often than the hundredth', () => {
    const rnd = random(1);
    const pick = zipf(words.length);
    const counts = new Array<number>(words.length).fill(0);
    for (let i = 0; i < 50_000; i++) counts[pick(rnd)]! += 1;
    expect(counts[0]!).toBeGreaterThan(counts[9]! * 4);
    expect(counts[9]!).toBeGreaterThan(counts[99]! * 4);
    expect(counts.every((c) => c >= 0)).toBe(true);
  });

  it('has a few hundred distinct words and writes sentences within the word limits', () => {
    expect(new Set(words).size).toBe(words.length);
    expect(words.length).toBeGreaterThan(300);
    const text = paragraph(random(3), 15, 35);
    const n = text.split(/\s+/).length;
    expect(n).toBeGreaterThanOrEqual(15);
    expect(text).toMatch(/^[A-ZÅÄÖ].*\.$/);
  });

  it('samples distinct items', () => {
    const picked = sample(random(2), [1, 2, 3, 4, 5], 3);
    expect(new Set(picked).size).toBe(3);
    expect(sample(random(2), [1, 2], 5)).toHaveLength(2);
  });
});
