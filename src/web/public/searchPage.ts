import type {
  FacetValue,
  SearchHit,
  SearchResult,
} from '../../domain/initiatives/searchInitiatives.js';
import {
  searchQueryString,
  sortOrders,
  type SearchQuery,
} from '../../domain/initiatives/searchQuery.js';
import { escapeHtml, html, raw, type SafeHtml } from '../html.js';
import {
  formatPeriod,
  formatSek,
  localePath,
  messages,
  type Locale,
  type Messages,
} from '../i18n/index.js';

/** Escapes a snippet and marks the matched words, which the database delimits with \u0001 … \u0002. */
export function highlight(snippet: string): SafeHtml {
  return raw(
    escapeHtml(snippet)
      .split(String.fromCharCode(1))
      .join('<mark>')
      .split(String.fromCharCode(2))
      .join('</mark>'),
  );
}

type FacetKey = keyof SearchResult['facets'];
const facetParams: Record<
  FacetKey,
  { param: string; selected: (s: SearchQuery) => string[]; label: (t: Messages) => string }
> = {
  goalAreas: { param: 'omrade', selected: (s) => s.goalAreas, label: (t) => t.facetGoalArea },
  goals: { param: 'mal', selected: (s) => s.goals, label: (t) => t.facetGoal },
  perspectives: {
    param: 'perspektiv',
    selected: (s) => s.perspectives,
    label: (t) => t.facetPerspective,
  },
  sdgGoals: { param: 'agenda', selected: (s) => s.sdgGoals.map(String), label: (t) => t.facetSdg },
  places: { param: 'plats', selected: (s) => s.places, label: (t) => t.facetPlace },
  organisations: {
    param: 'org',
    selected: (s) => s.organisations,
    label: (t) => t.facetOrganisation,
  },
  statuses: { param: 'status', selected: (s) => s.statuses, label: (t) => t.facetStatus },
  years: { param: 'ar', selected: (s) => s.years.map(String), label: (t) => t.facetYear },
  sources: { param: 'kalla', selected: (s) => s.sources, label: (t) => t.facetSource },
};

function facetLabel(locale: Locale, t: Messages, key: FacetKey, f: FacetValue): string {
  if (key === 'statuses')
    return t.initiativeStatus[f.value as keyof Messages['initiativeStatus']] ?? f.value;
  if (key === 'sources')
    return t.fundingSourceName[f.value as keyof Messages['fundingSourceName']] ?? f.value;
  if (key === 'goals') return `${f.value} ${locale === 'sv' ? f.labelSv : f.labelEn}`;
  if (key === 'sdgGoals') return `${f.value}. ${locale === 'sv' ? f.labelSv : f.labelEn}`;
  return locale === 'sv' ? f.labelSv : f.labelEn;
}

function facetGroup(
  locale: Locale,
  key: FacetKey,
  values: FacetValue[],
  s: SearchQuery,
  approximate: boolean,
): SafeHtml {
  const t = messages(locale);
  const meta = facetParams[key];
  const selected = meta.selected(s);
  if (values.length === 0) return html``;
  return html`<fieldset>
<legend>${meta.label(t)}</legend>
<ul>
${values.map((f, i) => {
  const id = `f-${meta.param}-${i}`;
  return html`<li><input type="checkbox" id="${id}" name="${meta.param}" value="${f.value}"${selected.includes(f.value) ? html` checked` : ''}> <label for="${id}">${facetLabel(locale, t, key, f)} <span class="count">(${approximate && f.count > 0 ? t.approximately(f.count) : f.count})</span></label></li>\n`;
})}
</ul>
</fieldset>`;
}

/** One chosen filter value: its facet, its label and the search without it. */
interface ChosenFilter {
  facet: string;
  label: string;
  without: Partial<SearchQuery>;
}

/** Every chosen value of every facet, in the order of the facets (labels from the facet lists). */
function chosenFilters(locale: Locale, s: SearchQuery, r: SearchResult): ChosenFilter[] {
  const t = messages(locale);
  return (Object.keys(facetParams) as FacetKey[]).flatMap((key) => {
    const meta = facetParams[key];
    return r.facets[key]
      .filter((f) => meta.selected(s).includes(f.value))
      .map((f) => ({
        facet: meta.label(t),
        label: facetLabel(locale, t, key, f),
        without: withoutValue(s, key, f.value),
      }));
  });
}

function withoutValue(s: SearchQuery, key: FacetKey, value: string): Partial<SearchQuery> {
  const drop = <T>(values: T[]) => values.filter((v) => String(v) !== value);
  const change: Partial<SearchQuery> = { page: 1 };
  switch (key) {
    case 'sdgGoals':
      return { ...change, sdgGoals: drop(s.sdgGoals) };
    case 'years':
      return { ...change, years: drop(s.years) };
    case 'sources':
      return { ...change, sources: drop(s.sources) };
    case 'statuses':
      return { ...change, statuses: drop(s.statuses) };
    default:
      return { ...change, [key]: drop(s[key]) };
  }
}

function hitCard(locale: Locale, h: SearchHit): SafeHtml {
  const t = messages(locale);
  const title = locale === 'en' && h.titleEn ? h.titleEn : h.title;
  const titleLang = locale === 'en' && !h.titleEn ? html` lang="sv"` : '';
  return html`<article class="card initiative-card">
<h3><a href="${localePath(locale, `/insatser/${h.id}`)}"${titleLang}>${title}</a></h3>
<p class="meta"><span class="status status-${h.status}">${t.initiativeStatus[h.status]}</span> · ${formatPeriod(h.startDate, h.endDate)} · ${h.ownerName}${h.fundingSek > 0 ? html` · ${formatSek(locale, h.fundingSek)}` : ''}</p>
<p${locale === 'en' ? html` lang="sv"` : ''}>${h.snippet ? highlight(h.snippet) : h.summary}</p>
</article>`;
}

export function searchPage(locale: Locale, s: SearchQuery, r: SearchResult): SafeHtml {
  const t = messages(locale);
  const base = localePath(locale, '/insatser');
  const qs = (o: Partial<SearchQuery>) => searchQueryString(s, o);
  const chosen = chosenFilters(locale, s, r);
  // Every link and the form land on the results heading (tabindex -1), so after filtering the
  // next Tab goes to the first result, not back through the page from its top.
  const results = '#resultat';
  return html`<h1>${t.searchTitle}</h1>
<form class="search" method="get" action="${base}${results}" role="search">
<div class="search-form">
<div><label for="q">${t.searchLabel}</label>
<input type="search" id="q" name="q" value="${s.q}" maxlength="200" aria-describedby="q-hint"></div>
<button type="submit">${t.searchButton}</button>
</div>
<p class="hint" id="q-hint">${t.searchHint}</p>
${s.ignored.length > 0 ? html`<p class="message" role="status">${t.ignoredNotice(s.ignored.join(', '))}</p>` : ''}
${s.truncated ? html`<p class="message" role="status">${t.truncatedNotice}</p>` : ''}
${
  chosen.length > 0
    ? html`<div class="active-filters">
<h2 id="valda-filter">${t.activeFilters}</h2>
<ul aria-labelledby="valda-filter">
${chosen.map((c) => html`<li><a href="${base}${qs(c.without)}${results}"><span class="facet">${c.facet}:</span> ${c.label} <span class="remove">(${t.removeFilter})</span></a></li>\n`)}</ul>
<p><a href="${base}${qs({ ...noFilters, page: 1 })}${results}">${t.clearFilters}</a></p>
</div>`
    : ''
}
<div class="search-layout">
<details class="search-filters">
<summary>${t.filterToggle}${chosen.length > 0 ? html` <span class="count">(${t.filterChosen(chosen.length)})</span>` : ''}</summary>
<div class="facets">
<h2>${t.filters}</h2>
${(Object.keys(facetParams) as FacetKey[]).map((k) => facetGroup(locale, k, r.facets[k], s, r.approximate))}
<p><button type="submit">${t.applyFilters}</button></p>
</div>
</details>
<div class="results">
<div class="results-bar">
<h2 id="resultat" tabindex="-1">${t.resultsCount(r.total, r.approximate)} ${s.q ? t.resultsFor(s.q) : ''}</h2>
<div><label for="sort">${t.sortLabel}</label>
<select id="sort" name="sort">${sortOrders.map((o) => html`<option value="${o}"${o === s.sort ? html` selected` : ''}>${t.sortOption[o]}</option>`)}</select>
<button type="submit">${t.sortButton}</button></div>
</div>
${r.correctedQuery !== null ? html`<p class="message" role="status">${t.fuzzyNotice(s.q, r.correctedQuery)}</p>` : ''}
${r.approximate ? html`<p class="message" role="status">${t.approximateNotice(r.reachable, s.sort === 'relevans')}</p>` : ''}
${r.total === 0 ? html`<div class="message"><p><strong>${t.zeroHits}</strong></p><p>${t.zeroHitsHelp}</p></div>` : ''}
<div class="initiative-list">${r.hits.map((h) => hitCard(locale, h))}</div>
${
  r.pageCount > 1
    ? html`<nav class="pager" aria-label="${t.pagination}"><ul>
${r.page > 1 ? html`<li><a href="${base}${qs({ page: r.page - 1 })}${results}" rel="prev">${t.previous}</a></li>` : ''}
<li>${t.pageOf(r.page, r.pageCount)}</li>
${r.page < r.pageCount ? html`<li><a href="${base}${qs({ page: r.page + 1 })}${results}" rel="next">${t.next}</a></li>` : ''}
</ul></nav>`
    : ''
}
<p><a href="${base}${qs({ page: r.page })}">${t.permalink}</a> · <a href="${localePath(locale, '/insatser.csv')}${qs({ page: 1 })}" download>${t.downloadCsv}</a> · <a href="${localePath(locale, '/insatser.xlsx')}${qs({ page: 1 })}" download>${t.downloadXlsx}</a></p>
</div>
</div>
</form>`;
}

/** A search's filters all cleared (its words and order kept). */
const noFilters: Partial<SearchQuery> = {
  goalAreas: [],
  goals: [],
  perspectives: [],
  sdgGoals: [],
  places: [],
  organisations: [],
  statuses: [],
  years: [],
  sources: [],
};
