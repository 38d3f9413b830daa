import type { ProgrammeSummary, programmeDetail } from '../../domain/strategy/programmeQueries.js';
import { html, type SafeHtml } from '../html.js';
import { compareSv, localePath, messages, type Locale } from '../i18n/index.js';

const name = (locale: Locale, x: { nameSv: string; nameEn: string }) =>
  locale === 'sv' ? x.nameSv : x.nameEn;

export function programmesPage(locale: Locale, programmes: ProgrammeSummary[]): SafeHtml {
  const t = messages(locale);
  const sorted = [...programmes].sort((a, b) => compareSv(name(locale, a), name(locale, b)));
  return html`<h1>${t.programmesTitle}</h1>
<p class="lead">${t.programmesIntro}</p>
<ul class="cards">
${sorted.map(
  (p) => html`<li class="card">
<h2><a href="${localePath(locale, `/handlingsprogram/${p.slug}`)}">${name(locale, p)}</a></h2>
<p${locale === 'en' ? html` lang="sv"` : ''}>${p.descriptionSv}</p>
<dl class="figures">
<div><dt>${t.period}</dt><dd>${p.periodStart}–${p.periodEnd}</dd></div>
<div><dt>${t.measures}</dt><dd>${t.measuresCount(p.measureCount)}</dd></div>
<div><dt>${t.initiatives}</dt><dd>${t.initiativesCount(p.initiativeCount)}</dd></div>
</dl>
</li>`,
)}
</ul>`;
}

export function programmePage(
  locale: Locale,
  d: Awaited<ReturnType<typeof programmeDetail>>,
): SafeHtml {
  const t = messages(locale);
  const p = d.programme;
  return html`<nav class="breadcrumbs" aria-label="${t.breadcrumbs}"><ol><li><a href="${localePath(locale, '/')}">${t.navHome}</a></li><li><a href="${localePath(locale, '/handlingsprogram')}">${t.navProgrammes}</a></li></ol></nav>
<h1>${name(locale, p)}</h1>
<p class="lead"${locale === 'en' ? html` lang="sv"` : ''}>${p.descriptionSv}</p>
<dl class="facts">
<dt>${t.period}</dt><dd>${p.periodStart}–${p.periodEnd}</dd>
${p.ownerName ? html`<dt>${t.owner}</dt><dd>${p.ownerName}</dd>` : ''}
<dt>${t.goalAreas}</dt><dd><ul>${p.goalAreas.map((a) => html`<li><a href="${localePath(locale, `/malomraden/${a.slug}`)}">${name(locale, a)}</a></li>`)}</ul></dd>
</dl>
<h2>${t.measures}</h2>
${d.measures.map(
  (m) => html`<section aria-labelledby="atgard-${m.code}">
<h3 id="atgard-${m.code}">${m.code} ${name(locale, m)}</h3>
${
  m.initiatives.length === 0
    ? html`<p>${t.noInitiativesForMeasure}</p>`
    : html`<ul>${m.initiatives.map(
        (i) =>
          html`<li><a href="${localePath(locale, `/insatser/${i.id}`)}"${locale === 'en' && !i.titleEn ? html` lang="sv"` : ''}>${locale === 'en' && i.titleEn ? i.titleEn : i.title}</a> (${t.initiativeStatus[i.status as keyof typeof t.initiativeStatus]})</li>`,
      )}</ul>`
}
</section>`,
)}`;
}
