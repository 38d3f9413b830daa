import { words } from './words.js';

/** A small, fast deterministic generator (mulberry32): the same seed gives the same data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws indexes 0..n-1 with weight 1/(k+1)^s, the shape of word frequencies in real text. */
export function zipf(n: number, s = 1): (rnd: () => number) => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sum += 1 / Math.pow(k + 1, s);
    cumulative[k] = sum;
  }
  return (rnd) => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const pickWord = zipf(words.length, 1);

export const between = (rnd: () => number, min: number, max: number): number =>
  min + Math.floor(rnd() * (max - min + 1));

/** A run of Zipf-distributed words, e.g. "kompetens företag landsbygd". */
export function phrase(rnd: () => number, min: number, max: number): string {
  const n = between(rnd, min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(words[pickWord(rnd)]!);
  return out.join(' ');
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Sentences of 6–16 words until the text holds at least minWords words. */
export function paragraph(rnd: () => number, minWords: number, maxWords: number): string {
  const target = between(rnd, minWords, maxWords);
  const sentences: string[] = [];
  let count = 0;
  while (count < target) {
    const n = Math.min(between(rnd, 6, 16), Math.max(3, target - count));
    sentences.push(`${capitalise(phrase(rnd, n, n))}.`);
    count += n;
  }
  return sentences.join(' ');
}

export const title = (rnd: () => number): string => capitalise(phrase(rnd, 3, 7));

/** k distinct items of a list, drawn uniformly. */
export function sample<T>(rnd: () => number, items: readonly T[], k: number): T[] {
  const chosen = new Set<number>();
  const want = Math.min(k, items.length);
  while (chosen.size < want) chosen.add(Math.floor(rnd() * items.length));
  return [...chosen].map((i) => items[i]!);
}
