import type { Locale } from './index.js';

/**
 * The words of indicator units (Kolada's and the region packs', e.g. "antal per 1000 invånare",
 * "tkr per invånare", "ton CO2e per invånare") in English. A unit is written in Swedish once,
 * with its indicator; the English site reads it word by word. A unit with a word not listed
 * here stays as written.
 */
const words: Record<string, string> = {
  '%': '%',
  antal: 'number',
  andel: 'share',
  per: 'per',
  invånare: 'inhabitants',
  dagar: 'days',
  dag: 'day',
  år: 'years',
  timmar: 'hours',
  personer: 'people',
  resor: 'trips',
  ton: 'tonnes',
  co2e: 'CO2e',
  kr: 'SEK',
  tkr: 'SEK thousand',
  mnkr: 'SEK million',
  kwh: 'kWh',
  mwh: 'MWh',
  gwh: 'GWh',
  km: 'km',
  procent: 'per cent',
  poäng: 'points',
  index: 'index',
  text: 'text',
};

/** The unit as the locale writes it; Swedish as stored, English word by word where known. */
export function unitLabel(locale: Locale, unit: string): string {
  if (locale === 'sv') return unit;
  const parts = unit.trim().split(/\s+/);
  const out: string[] = [];
  for (const [i, part] of parts.entries()) {
    if (/^\d[\d\s.,]*$/.test(part)) {
      out.push(Number(part) >= 1000 ? Number(part).toLocaleString('en-GB') : part);
      continue;
    }
    const english = words[part.toLowerCase()];
    if (english === undefined) return unit;
    // "per invånare" is per one inhabitant; "per 1000 invånare" is per a thousand of them.
    out.push(english === 'inhabitants' && parts[i - 1] === 'per' ? 'inhabitant' : english);
  }
  return out.join(' ');
}
