import { en } from './en.js';
import { sv } from './sv.js';

export type Messages = typeof sv;
export type Locale = 'sv' | 'en';

export const catalogues: Record<Locale, Messages> = { sv, en };

export function messages(locale: Locale): Messages {
  return catalogues[locale];
}

const sekFormat = { sv: new Intl.NumberFormat('sv-SE'), en: new Intl.NumberFormat('en-GB') };

export function formatSek(locale: Locale, amount: number): string {
  return `${sekFormat[locale].format(Math.round(amount))} kr`;
}

export function formatMillions(locale: Locale, amount: number): string {
  const m = amount / 1_000_000;
  const f = new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    maximumFractionDigits: 1,
  });
  return locale === 'sv' ? `${f.format(m)} mnkr` : `SEK ${f.format(m)} million`;
}

export function formatPeriod(start: string, end: string | null): string {
  return end ? `${start} – ${end}` : `${start} –`;
}

const dateFormat = {
  sv: new Intl.DateTimeFormat('sv-SE', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }),
};

/** "26 november 2026" / "26 November 2026" from an ISO date or timestamp. */
export function formatDate(locale: Locale, iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso) : iso;
  return Number.isNaN(d.getTime()) ? String(iso) : dateFormat[locale].format(d);
}

/** A path in the given language: Swedish at the root, English under /en. */
export function localePath(locale: Locale, path: string): string {
  if (locale === 'sv') return path;
  return path === '/' ? '/en' : `/en${path}`;
}

/** The same page in the other language. */
export function switchLocalePath(locale: Locale, path: string): string {
  if (locale === 'en') return path.replace(/^\/en(?=\/|$|\?)/, '') || '/';
  return localePath('en', path);
}

const collator = new Intl.Collator('sv', { sensitivity: 'base' });
/** Swedish alphabetical order: å, ä, ö after z. */
export const compareSv = (a: string, b: string) => collator.compare(a, b);
