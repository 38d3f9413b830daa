import { z } from 'zod';
import { fundingSources, initiativeStatuses } from './initiativeSchema.js';

export const sortOrders = ['relevans', 'nyast', 'start', 'budget'] as const;
export type SortOrder = (typeof sortOrders)[number];
export const PAGE_SIZE = 20;
export const MAX_PAGE = 500;
const MAX_QUERY = 200;

const slug = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Removes what PostgreSQL text cannot hold and what no one types on purpose. */
export function cleanText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/g, ' ').trim();
}

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const many = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === 'string',
  );

export interface SearchQuery {
  q: string;
  goalAreas: string[];
  goals: string[];
  perspectives: string[];
  sdgGoals: number[];
  places: string[];
  organisations: string[];
  statuses: (typeof initiativeStatuses)[number][];
  years: number[];
  sources: (typeof fundingSources)[number][];
  sort: SortOrder;
  page: number;
  /** Parts of the query that were not understood, to tell the visitor. */
  ignored: string[];
  truncated: boolean;
}

/**
 * Reads the portal's query string leniently: anything unknown or malformed is dropped and
 * reported back, never an error, so every link keeps working.
 */
export function parseSearchQuery(raw: Record<string, unknown>): SearchQuery {
  const ignored: string[] = [];
  const keep = <T>(name: string, values: string[], test: (v: string) => T | null): T[] => {
    const out: T[] = [];
    for (const v of values.slice(0, 20)) {
      const parsed = test(cleanText(v));
      if (parsed === null) ignored.push(`${name}=${v.slice(0, 40)}`);
      else if (!out.includes(parsed)) out.push(parsed);
    }
    return out;
  };
  const rawQ = typeof one(raw.q) === 'string' ? cleanText(one(raw.q) as string) : '';
  const q = rawQ.slice(0, MAX_QUERY);
  const pageNumber = z.coerce.number().int().safeParse(one(raw.sida));
  const sortValue = one(raw.sort);
  return {
    q,
    truncated: rawQ.length > MAX_QUERY,
    goalAreas: keep('omrade', many(raw.omrade), (v) => (slug.test(v) ? v : null)),
    goals: keep('mal', many(raw.mal), (v) => (/^\d{1,2}\.\d{1,2}$/.test(v) ? v : null)),
    perspectives: keep('perspektiv', many(raw.perspektiv), (v) => (slug.test(v) ? v : null)),
    sdgGoals: keep('agenda', many(raw.agenda), (v) =>
      /^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= 17 ? Number(v) : null,
    ),
    places: keep('plats', many(raw.plats), (v) => (/^\d{4}$/.test(v) ? v : null)),
    organisations: keep('org', many(raw.org), (v) => (slug.test(v) ? v : null)),
    statuses: keep('status', many(raw.status), (v) =>
      (initiativeStatuses as readonly string[]).includes(v)
        ? (v as SearchQuery['statuses'][number])
        : null,
    ),
    years: keep('ar', many(raw.ar), (v) =>
      /^\d{4}$/.test(v) && Number(v) >= 1990 && Number(v) <= 2100 ? Number(v) : null,
    ),
    sources: keep('kalla', many(raw.kalla), (v) =>
      (fundingSources as readonly string[]).includes(v)
        ? (v as SearchQuery['sources'][number])
        : null,
    ),
    sort:
      typeof sortValue === 'string' && (sortOrders as readonly string[]).includes(sortValue)
        ? (sortValue as SortOrder)
        : rawQ
          ? 'relevans'
          : 'nyast',
    page: pageNumber.success ? Math.min(Math.max(pageNumber.data, 1), MAX_PAGE) : 1,
    ignored,
  };
}

/** The canonical query string of a search, for permalinks, pagination and facet links. */
export function searchQueryString(s: SearchQuery, overrides: Partial<SearchQuery> = {}): string {
  const v = { ...s, ...overrides };
  const params = new URLSearchParams();
  if (v.q) params.set('q', v.q);
  for (const x of v.goalAreas) params.append('omrade', x);
  for (const x of v.goals) params.append('mal', x);
  for (const x of v.perspectives) params.append('perspektiv', x);
  for (const x of v.sdgGoals) params.append('agenda', String(x));
  for (const x of v.places) params.append('plats', x);
  for (const x of v.organisations) params.append('org', x);
  for (const x of v.statuses) params.append('status', x);
  for (const x of v.years) params.append('ar', String(x));
  for (const x of v.sources) params.append('kalla', x);
  if (v.sort !== (v.q ? 'relevans' : 'nyast')) params.set('sort', v.sort);
  if (v.page > 1) params.set('sida', String(v.page));
  const s2 = params.toString();
  return s2 ? `?${s2}` : '';
}

/**
 * The quoted phrases of a web-search query that every match must contain: not negated (`-"…"`)
 * and only when the query has no `or`, since either would let a match lack the phrase. The
 * search narrows its candidates with them; leaving one out is always safe, so anything unclear
 * is left out.
 */
export function requiredPhrases(q: string): string[] {
  if (!q.includes('"')) return [];
  const phrases: string[] = [];
  let outside = '';
  let i = 0;
  while (i < q.length) {
    const open = q.indexOf('"', i);
    if (open < 0) {
      outside += q.slice(i);
      break;
    }
    outside += q.slice(i, open);
    const close = q.indexOf('"', open + 1);
    const phrase = q.slice(open + 1, close < 0 ? q.length : close);
    if (!/-\s*$/.test(q.slice(0, open)) && phrase.trim() !== '') phrases.push(phrase.trim());
    outside += ' ';
    i = close < 0 ? q.length : close + 1;
  }
  return /(^|\s)or(\s|$)/i.test(outside) ? [] : phrases;
}

/** A word of the query that a misspelling may hide: its text and where it stands in the query. */
export interface QueryWord {
  word: string;
  start: number;
}

/** The words of a query worth correcting: runs of at least three letters (hyphens inside). */
export function correctableWords(q: string): QueryWord[] {
  const out: QueryWord[] = [];
  for (const m of q.matchAll(/\p{L}[\p{L}-]*\p{L}/gu)) {
    if (m[0].length >= 3 && m[0].toLowerCase() !== 'or') out.push({ word: m[0], start: m.index });
  }
  return out.slice(0, 10);
}

/** The query with each corrected word replaced in place (corrections by start position). */
export function applyCorrections(q: string, corrections: Map<number, string>): string {
  let out = '';
  let at = 0;
  for (const w of correctableWords(q)) {
    const better = corrections.get(w.start);
    if (better === undefined) continue;
    out += q.slice(at, w.start) + better;
    at = w.start + w.word.length;
  }
  return out + q.slice(at);
}
