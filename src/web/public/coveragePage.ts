import type { Coverage } from '../../domain/evaluation/coverage.js';
import type { CoverageLabels, Label } from '../../domain/evaluation/coverageReference.js';
import { UNASSIGNED } from '../../domain/evaluation/moneyShares.js';
import { moneyNote } from '../components/moneyNote.js';
import { scrollBox } from '../components/scrollBox.js';
import { html, type SafeHtml } from '../html.js';
import { formatSek, localePath, messages, type Locale } from '../i18n/index.js';
import { countyCode } from '../../region/activeRegion.js';

function labelOf(locale: Locale, labels: Label[], key: string, unassigned: string): string {
  if (key === UNASSIGNED) return unassigned;
  const l = labels.find((x) => x.key === key);
  return l ? (locale === 'sv' ? l.sv : l.en) : key;
}

/** A money table with proportional bars drawn in SVG (no inline styles under the CSP). */
function moneyTable(
  locale: Locale,
  caption: string,
  rows: { key: string; amount: number }[],
  label: (key: string) => string,
  totalAmount: number,
  search: (key: string) => string | null,
): SafeHtml {
  const t = messages(locale);
  const name = (key: string) => {
    const href = search(key);
    return href ? html`<a href="${href}">${label(key)}</a>` : html`${label(key)}`;
  };
  const max = Math.max(1, ...rows.map((r) => r.amount));
  return scrollBox(
    caption,
    html`<table class="money">
<caption>${caption}</caption>
<thead><tr><th scope="col">${caption}</th><th scope="col" class="num">${t.amount}</th><th scope="col" class="num">${t.share}</th><th scope="col"><span class="visually-hidden">${t.share}</span></th></tr></thead>
<tbody>${rows.map(
      (r) =>
        html`<tr><th scope="row">${name(r.key)}</th><td class="num">${formatSek(locale, r.amount)}</td><td class="num">${totalAmount > 0 ? `${Math.round((r.amount / totalAmount) * 100)} %` : '–'}</td><td><svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect width="${((r.amount / max) * 100).toFixed(1)}" height="10" fill="#0b4f8a"/></svg></td></tr>`,
    )}</tbody>
<tfoot><tr><th scope="row">${t.total}</th><td class="num">${formatSek(
      locale,
      rows.reduce((s, r) => s + r.amount, 0),
    )}</td><td></td><td></td></tr></tfoot>
</table>`,
  );
}

/**
 * Money per goal area and funding source: each cell is the area's share of that source, rows add
 * up to the areas' amounts above and columns to the sources', each cell linking to its search.
 */
function areaSourceTable(
  locale: Locale,
  c: Coverage,
  labels: CoverageLabels,
  search: (params: Record<string, string>) => string,
): SafeHtml {
  const t = messages(locale);
  const sources = c.money.sources.map((s) => s.key);
  const areas = [
    ...labels.goalAreas.map((a) => a.key),
    ...(c.areaBySource.some((x) => x.area === UNASSIGNED) ? [UNASSIGNED] : []),
  ];
  const cell = (area: string, source: string) =>
    c.areaBySource.find((x) => x.area === area && x.source === source)?.amount ?? 0;
  const sourceName = (k: string) => t.fundingSourceName[k as keyof typeof t.fundingSourceName] ?? k;
  const areaName = (k: string) => labelOf(locale, labels.goalAreas, k, t.unassigned);
  const sum = (list: number[]) => list.reduce((s, n) => s + n, 0);
  return scrollBox(
    t.moneyByAreaAndSource,
    html`<table class="money-matrix">
<caption>${t.moneyByAreaAndSource}</caption>
<thead><tr><th scope="col">${t.moneyByGoalArea}</th>${sources.map((s) => html`<th scope="col" class="num">${sourceName(s)}</th>`)}<th scope="col" class="num">${t.total}</th></tr></thead>
<tbody>${areas.map(
      (a) =>
        html`<tr><th scope="row">${areaName(a)}</th>${sources.map((s) => {
          const amount = cell(a, s);
          return html`<td class="num">${
            amount > 0 && a !== UNASSIGNED
              ? html`<a href="${search({ omrade: a, kalla: s })}">${formatSek(locale, amount)}</a>`
              : formatSek(locale, amount)
          }</td>`;
        })}<td class="num">${formatSek(locale, sum(sources.map((s) => cell(a, s))))}</td></tr>`,
    )}</tbody>
<tfoot><tr><th scope="row">${t.total}</th>${sources.map((s) => html`<td class="num">${formatSek(locale, sum(areas.map((a) => cell(a, s))))}</td>`)}<td class="num">${formatSek(locale, c.total)}</td></tr></tfoot>
</table>`,
  );
}

export function coveragePage(
  locale: Locale,
  c: Coverage,
  labels: CoverageLabels,
  years: number[],
): SafeHtml {
  const t = messages(locale);
  const l = (list: Label[]) => (key: string) => labelOf(locale, list, key, t.unassigned);
  const gapList = (keys: string[], list: Label[]) =>
    keys.length === 0
      ? html`${t.noGaps}`
      : html`<ul>${keys.map((k) => html`<li>${labelOf(locale, list, k, t.unassigned)}</li>`)}</ul>`;
  const perspectives = [...labels.perspectives.map((p) => p.key), UNASSIGNED];
  // Figures link to the search of the same initiatives (which shows their whole budgets).
  const search = (params: Record<string, string>) =>
    `${localePath(locale, '/insatser')}?${new URLSearchParams({ ...params, ...(c.year === null ? {} : { ar: String(c.year) }) }).toString()}#resultat`;
  const by = (param: string) => (key: string) =>
    key === UNASSIGNED ? null : search({ [param]: key });
  return html`<h1>${t.coverageTitle}</h1>
<p class="lead">${t.coverageIntro}</p>
<form method="get" action="${localePath(locale, '/tackning')}" class="search-form">
<div><label for="ar">${t.coverageYear}</label>
<select id="ar" name="ar"><option value="">${t.coverageAllYears}</option>${years.map((y) => html`<option value="${y}"${c.year === y ? html` selected` : ''}>${y}</option>`)}</select></div>
<button type="submit">${t.coverageShow}</button>
</form>
<h2>${t.gapsTitle}</h2>
<dl class="facts">
<dt>${t.gapsGoals}</dt><dd>${gapList(c.gaps.goals, labels.goals)}</dd>
<dt>${t.gapsPlaces}</dt><dd>${gapList(
    c.gaps.places.filter((p) => p !== countyCode()),
    labels.places,
  )}</dd>
<dt>${t.gapsPerspectives}</dt><dd>${gapList(c.gaps.perspectives, labels.perspectives)}</dd>
<dt>${t.gapsLowMoney}</dt><dd>${gapList(c.gaps.lowMoneyGoals, labels.goals)}</dd>
</dl>
<h2 id="pengar">${t.funding}</h2>
${moneyNote(locale)}
${moneyTable(locale, t.moneyByGoalArea, c.money.goalAreas, l(labels.goalAreas), c.total, by('omrade'))}
${areaSourceTable(locale, c, labels, search)}
${moneyTable(locale, t.moneyByGoal, c.money.goals, (k) => (k === UNASSIGNED ? t.unassigned : `${k} ${labelOf(locale, labels.goals, k, '')}`), c.total, by('mal'))}
${moneyTable(locale, t.moneyByPlace, c.money.places, (k) => (k === countyCode() ? t.wholeCounty : labelOf(locale, labels.places, k, t.unassigned)), c.total, by('plats'))}
${moneyTable(locale, t.moneyBySdg, c.money.sdgGoals, (k) => (k === UNASSIGNED ? t.unassigned : `${k}. ${labelOf(locale, labels.sdgGoals, k, '')}`), c.total, by('agenda'))}
${moneyTable(locale, t.moneyByPerspective, c.money.perspectives, l(labels.perspectives), c.total, by('perspektiv'))}
${moneyTable(locale, t.moneyBySource, c.money.sources, (k) => t.fundingSourceName[k as keyof typeof t.fundingSourceName] ?? k, c.total, by('kalla'))}
<h2>${t.matrixTitle}</h2>
<section class="table-scroll" aria-label="${t.matrixTitle}" tabindex="0">
<table>
<caption>${t.matrixTitle}</caption>
<thead><tr><th scope="col">${t.goals}</th>${perspectives.map((p) => html`<th scope="col" class="num">${p === UNASSIGNED ? t.matrixNone : labelOf(locale, labels.perspectives, p, '')}</th>`)}</tr></thead>
<tbody>${labels.goals.map(
    (g) =>
      html`<tr><th scope="row">${g.key} ${locale === 'sv' ? g.sv : g.en}</th>${perspectives.map((p) => html`<td class="num">${c.matrix.find((m) => m.goal === g.key && m.perspective === p)?.count ?? 0}</td>`)}</tr>`,
  )}</tbody>
</table>
</section>`;
}
