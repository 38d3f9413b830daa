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
