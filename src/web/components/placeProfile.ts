import type { PlaceIndicator } from '../../domain/followup/placeProfile.js';
import type { YearValue } from '../../domain/followup/progressStatus.js';
import { html, type SafeHtml } from '../html.js';
import { localePath, type Locale } from '../i18n/index.js';
import { placeProfileMessages } from '../i18n/placeProfile.en.js';
import { formatValue } from '../public/followupParts.js';
import { placeSummaryFacts } from '../../domain/followup/indicatorSummary.js';
import { summarySentences } from './indicatorSummary.js';
import { scrollBox } from './scrollBox.js';

/** The Swedish genitive of a name: "Nybros", "Gotlands läns", but "Mönsterås" stays as it is. */
export function genitive(locale: Locale, name: string): string {
  if (locale === 'en') return name;
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}

const W = 96;
const H = 28;

/**
 * A small trend line of the place (solid) and its reference (dashed) on one scale. Decorative:
 * the cell beside it says the same in words, so it is hidden from assistive technology.
 */
export function sparkline(own: YearValue[], reference: YearValue[]): SafeHtml {
  const all = [...own, ...reference];
  if (own.length < 2) return html``;
  const years = all.map((v) => v.year);
  const values = all.map((v) => v.value);
  const [x0, x1] = [Math.min(...years), Math.max(...years)];
  const [y0, y1] = [Math.min(...values), Math.max(...values)];
  const x = (year: number) => (x1 === x0 ? W / 2 : 2 + ((year - x0) / (x1 - x0)) * (W - 4));
  const y = (value: number) => (y1 === y0 ? H / 2 : 2 + (1 - (value - y0) / (y1 - y0)) * (H - 4));
  const path = (s: YearValue[]) =>
    s
      .map((v, n) => `${n === 0 ? 'M' : 'L'}${x(v.year).toFixed(1)},${y(v.value).toFixed(1)}`)
      .join('');
  return html`<svg class="sparkline" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" aria-hidden="true" focusable="false">${reference.length > 1 ? html`<path class="reference" d="${path(reference)}"/>` : ''}<path class="own" d="${path(own)}"/></svg>`;
}

/**
 * The change of the place's series in words: since the strategy's baseline year (or the first
 * year with a value) and since the value before, judged by the indicator's direction.
 */
function trendText(p: PlaceProfileParams, row: PlaceIndicator, own: YearValue[]): SafeHtml {
  const facts = placeSummaryFacts(row.indicator, own, [], []).filter(
    (f) => f.kind === 'sinceBaseline' || f.kind === 'sinceLast',
  );
  const subject = p.isCounty ? p.countyName : p.placeName;
  const sentences = summarySentences(facts, {
    locale: p.locale,
    subject,
    unit: row.indicator.unit,
    decimals: row.indicator.decimals,
  });
  return html`${sentences.length === 0 ? placeProfileMessages(p.locale).noSeries : sentences.join(' ')}`;
}

export interface PlaceProfileParams {
  locale: Locale;
  /** The place's name as the page shows it ("Nybro", "Gotlands län"). */
  placeName: string;
  countyName: string;
  /** True on the county's own page: the place is the county, compared with riket only. */
  isCounty: boolean;
  rows: PlaceIndicator[];
}

/**
 * "How the place is doing": every indicator of the strategy, one table per goal area, with the
 * place's latest value, the county's and riket's for the same year, and the place's trend.
 */
export function placeProfile(p: PlaceProfileParams): SafeHtml {
  const m = placeProfileMessages(p.locale);
  const name = (x: { nameSv: string; nameEn: string }) => (p.locale === 'sv' ? x.nameSv : x.nameEn);
  const areas: { area: PlaceIndicator['indicator']['goalArea']; rows: PlaceIndicator[] }[] = [];
  for (const row of p.rows) {
    const entry = areas.find((a) => a.area.id === row.indicator.goalArea.id);
    if (entry) entry.rows.push(row);
    else areas.push({ area: row.indicator.goalArea, rows: [row] });
  }
  const lead = p.isCounty
    ? m.countyLead(genitive(p.locale, p.countyName))
    : m.lead(genitive(p.locale, p.placeName), p.placeName, p.countyName);
  const head = p.isCounty
    ? [m.indicator, m.year, p.countyName, m.country, m.trend]
    : [m.indicator, m.year, p.placeName, p.countyName, m.country, m.trend];
  const table = (area: PlaceIndicator['indicator']['goalArea'], rows: PlaceIndicator[]) => {
    const body = rows.map((row) => {
      const i = row.indicator;
      const own = p.isCounty ? row.county : row.place;
      const reference = p.isCounty ? row.country : row.county;
      const year = own[own.length - 1]?.year ?? reference[reference.length - 1]?.year ?? null;
      const at = (s: YearValue[]) => {
        const v = year === null ? undefined : s.find((x) => x.year === year);
        return v === undefined ? m.missing : formatValue(p.locale, v.value, i.decimals);
      };
      const cells = p.isCounty
        ? [at(row.county), at(row.country)]
        : [at(row.place), at(row.county), at(row.country)];
      return html`<tr><th scope="row"><a href="${localePath(p.locale, `/indikatorer/${i.slug}`)}">${name(i)}</a></th><td class="num">${year ?? m.missing}</td>${cells.map((c) => html`<td class="num">${c}</td>`)}<td class="trend">${sparkline(own, reference)} ${trendText(p, row, own)}</td></tr>`;
    });
    return scrollBox(
      m.caption(name(area), p.placeName),
      html`<table class="place-profile">
<caption class="visually-hidden">${m.caption(name(area), p.placeName)}</caption>
<thead><tr>${head.map((h, n) => html`<th scope="col"${n > 0 && n < head.length - 1 ? html` class="num"` : ''}>${h}</th>`)}</tr></thead>
<tbody>${body}</tbody>
</table>`,
    );
  };
  return html`<section aria-labelledby="sa-gar-det" class="place-profile">
<h2 id="sa-gar-det">${m.heading(p.placeName)}</h2>
${
  p.rows.length === 0
    ? html`<p>${m.none}</p>`
    : html`<p>${lead}</p>
${areas.map((a) => html`<h3 id="profil-${a.area.slug}">${name(a.area)}</h3>${table(a.area, a.rows)}`)}`
}
</section>`;
}
