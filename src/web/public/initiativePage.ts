import { countyCode } from '../../region/activeRegion.js';
import type { PresentedInitiative } from '../../domain/initiatives/presentInitiative.js';
import type { PlaceSummary } from '../../domain/places/queries.js';
import type { InitiativeMeasure } from '../../domain/strategy/programmeQueries.js';
import { countyMap } from '../components/countyMap.js';
import { evaluationList, type PublicEvaluation } from '../components/evaluationList.js';
import { html, type SafeHtml } from '../html.js';
import {
  formatDate,
  formatPeriod,
  formatSek,
  localePath,
  messages,
  type Locale,
} from '../i18n/index.js';
import { renderMarkdown } from '../markdown.js';
import { goalPath } from './strategyDocumentPage.js';

export interface ProgressReportView {
  periodStart: string;
  periodEnd: string;
  publishedAt: string;
  trafficLight: 'enligt-plan' | 'risk' | 'avvikelse';
  narrative: string;
  participantsK: number | null;
  participantsM: number | null;
  companiesReached: number | null;
  otherOutputs: { label: string; count: number }[];
  spentSek: number | null;
  periodName: { sv: string; en: string } | null;
}

export function initiativePage(
  locale: Locale,
  i: PresentedInitiative,
  extra: {
    reports: ProgressReportView[];
    measures: InitiativeMeasure[];
    places: PlaceSummary[];
    evaluations: PublicEvaluation[];
    english: { title: string | null; summary: string | null; description: string | null };
    /** English names of the initiative's goals (by code) and perspectives (by slug). */
    names?: { goals: Record<string, string>; perspectives: Record<string, string> };
    logicModel?: SafeHtml | '';
    /** Shown inside the admin area's review: no breadcrumbs of its own. */
    preview?: boolean;
  },
): SafeHtml {
  const t = messages(locale);
  const en = locale === 'en';
  const title = en && extra.english.title ? extra.english.title : i.title;
  const summary = en && extra.english.summary ? extra.english.summary : i.summary;
  const description = en && extra.english.description ? extra.english.description : i.description;
  const svLang = (translated: string | null) => (en && !translated ? html` lang="sv"` : '');
  const placeCodes = i.places.map((p) => p.code);
  const breadcrumbs = extra.preview
    ? ''
    : html`<nav class="breadcrumbs" aria-label="${t.breadcrumbs}"><ol><li><a href="${localePath(locale, '/')}">${t.navHome}</a></li><li><a href="${localePath(locale, '/insatser')}">${t.initiatives}</a></li></ol></nav>`;
  return html`${breadcrumbs}
<h1${svLang(extra.english.title)}>${title}</h1>
<p class="lead"${svLang(extra.english.summary)}>${summary}</p>
${description ? html`<div class="description"${svLang(extra.english.description)}>${renderMarkdown(description)}</div>` : ''}
<dl class="facts">
<dt>${t.status}</dt><dd>${t.initiativeStatus[i.status]}</dd>
<dt>${t.period}</dt><dd>${formatDate(locale, i.start_date)} – ${i.end_date ? formatDate(locale, i.end_date) : ''}</dd>
<dt>${t.owner}</dt><dd><a href="${localePath(locale, `/aktorer/${i.owner.slug}`)}">${i.owner.name}</a></dd>
<dt>${t.partners}</dt><dd><ul>${i.partners.map((p) => html`<li>${p.name} (${t.partnerRole[p.role]})</li>`)}</ul></dd>
<dt>${t.places}</dt><dd>${i.places.map((p, n) => html`${n > 0 ? ', ' : ''}<a href="${localePath(locale, `/kommuner/${p.code}`)}">${p.code === countyCode() ? t.wholeCounty : p.name}</a>`)}</dd>
<dt>${t.goals}</dt><dd><ul>${i.goals.map((g) => html`<li><a href="${localePath(locale, goalPath(g.goal_area, g.code))}">${g.code}</a> ${(en && extra.names?.goals[g.code]) || g.name}</li>`)}</ul></dd>
${i.perspectives.length > 0 ? html`<dt>${t.perspectives}</dt><dd>${i.perspectives.map((p) => (en && extra.names?.perspectives[p.slug]) || p.name).join(', ')}</dd>` : ''}
${i.sdg_targets.length > 0 ? html`<dt>${t.sdgTargets}</dt><dd>${i.sdg_targets.map((c, n) => html`${n > 0 ? ', ' : ''}<a href="${localePath(locale, `/agenda-2030/${c.split('.')[0]}`)}">${c}</a>`)}</dd>` : ''}
${extra.measures.length > 0 ? html`<dt>${t.programmeMeasures}</dt><dd><ul>${extra.measures.map((m) => html`<li>${m.code} ${en ? m.nameEn : m.nameSv} (<a href="${localePath(locale, `/handlingsprogram/${m.programmeSlug}`)}">${en ? m.programmeNameEn : m.programmeNameSv}</a>)</li>`)}</ul></dd>` : ''}
${i.example_of_year ? html`<dt>${t.exampleOfYear(i.example_of_year)}</dt><dd>${i.example_of_year}</dd>` : ''}
${i.diarienummer ? html`<dt>${t.diarienummer}</dt><dd>${i.diarienummer}</dd>` : ''}
${i.contact_email ? html`<dt>${t.contact}</dt><dd><a href="mailto:${i.contact_email}">${i.contact_email}</a></dd>` : ''}
<dt>${t.lastUpdated}</dt><dd>${formatDate(locale, lastUpdated(i, extra.reports, extra.evaluations))}</dd>
</dl>
${
  i.funding.length > 0
    ? html`<table>
<caption>${t.funding}</caption>
<thead><tr><th scope="col">${t.year}</th><th scope="col">${t.fundingSource}</th><th scope="col" class="num">${t.amount}</th></tr></thead>
<tbody>${i.funding.map((f) => html`<tr><td>${f.year}</td><td>${t.fundingSourceName[f.source]}</td><td class="num">${formatSek(locale, f.amount_sek)}</td></tr>`)}</tbody>
<tfoot><tr><th scope="row" colspan="2">${t.total}</th><td class="num">${formatSek(locale, i.funding_total_sek)}</td></tr></tfoot>
</table>`
    : ''
}
<h2>${t.placeMapTitle}</h2>
${countyMap({ locale, places: extra.places, highlight: placeCodes, own: true })}
${
  extra.reports.length > 0
    ? html`<h2>${t.progressReports}</h2>
<ol class="timeline">${extra.reports.map(
        (
          r,
        ) => html`<li><h3>${r.periodName ? r.periodName[locale] : formatPeriod(r.periodStart, r.periodEnd)}: <span class="light light-${r.trafficLight}">${t.trafficLight[r.trafficLight]}</span></h3>
${r.narrative ? html`<div class="description"${en ? html` lang="sv"` : ''}>${renderMarkdown(r.narrative)}</div>` : ''}
<ul>${r.participantsK != null && r.participantsM != null ? html`<li>${t.participants(r.participantsK, r.participantsM)}</li>` : ''}${r.companiesReached != null ? html`<li>${t.companiesReached(r.companiesReached)}</li>` : ''}${r.otherOutputs.map((o) => html`<li><span${en ? html` lang="sv"` : ''}>${o.label}</span>: ${o.count}</li>`)}${r.spentSek != null ? html`<li>${t.spent}: ${formatSek(locale, r.spentSek)}</li>` : ''}</ul></li>`,
      )}</ol>`
    : ''
}
${extra.logicModel ?? ''}
${evaluationList(locale, extra.evaluations)}`;
}

/**
 * When the initiative's page last changed: its own last edit, or a progress report or an
 * evaluation published since, whichever is latest (a report from 2023 on an initiative last
 * edited in 2019 makes the page a 2023 page).
 */
export function lastUpdated(
  i: Pick<PresentedInitiative, 'updated_at'>,
  reports: Pick<ProgressReportView, 'publishedAt'>[],
  evaluations: { evaluatedOn: string | null }[],
): string {
  const times = [
    i.updated_at,
    ...reports.map((r) => r.publishedAt),
    ...evaluations.flatMap((e) => (e.evaluatedOn ? [e.evaluatedOn] : [])),
  ];
  return times.reduce((latest, t) => (Date.parse(t) > Date.parse(latest) ? t : latest));
}
