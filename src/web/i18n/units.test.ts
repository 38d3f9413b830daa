import { describe, expect, it } from 'vitest';
import { unitLabel } from './units.js';

describe('unitLabel', () => {
  it('reads the units of the shipped indicators in English', () => {
    expect(unitLabel('en', 'antal per 1000 invånare')).toBe('number per 1,000 inhabitants');
    expect(unitLabel('en', 'tkr per invånare')).toBe('SEK thousand per inhabitant');
    expect(unitLabel('en', 'ton CO2e per invånare')).toBe('tonnes CO2e per inhabitant');
    expect(unitLabel('en', 'resor per invånare')).toBe('trips per inhabitant');
    expect(unitLabel('en', 'dagar')).toBe('days');
    expect(unitLabel('en', '%')).toBe('%');
  });

  it('keeps Swedish on the Swedish site and a unit it cannot read as written', () => {
    expect(unitLabel('sv', 'tkr per invånare')).toBe('tkr per invånare');
    expect(unitLabel('en', 'hektar skyddad skog')).toBe('hektar skyddad skog');
  });
});
