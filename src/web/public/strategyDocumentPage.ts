import type { StrategyDocument } from '../../domain/strategy/strategyDocument.js';
import { html, raw, type SafeHtml } from '../html.js';
import { formatDate, localePath, messages, type Locale } from '../i18n/index.js';
import { strategyDocumentMessages } from '../i18n/strategyDocument.en.js';

/** A text in the page's language; an English page falls back to Swedish, marked as Swedish. */
function localised(locale: Locale, sv: string, en: string): { text: string; lang: SafeHtml } {
  if (locale === 'sv' || en.trim() !== '')
    return { text: locale === 'sv' ? sv : en, lang: raw('') };
  return { text: sv, lang: raw(' lang="sv"') };
}

/** Paragraphs separated by an empty line, each its own <p> (kept whole in print). */
function paragraphs(locale: Locale, sv: string, en: string): SafeHtml {
  const { text, lang } = localised(locale, sv, en);
  return html`${text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => html`<p${lang}>${p}</p>`)}`;
}

export const goalAnchor = (code: string) => `mal-${code.replace(/[^0-9A-Za-z]+/g, '-')}`;
export const goalPath = (areaSlug: string, code: string) =>
  `/malomraden/${areaSlug}/mal/${encodeURIComponent(code)}`;

/**
 * The adopted strategy as one document, in the manner of an HTML publication: numbered chapters,
 * contents with anchors, the decision last. The same body is the web page, the print version and
 * the PDF; `baseUrl` makes links absolute in the PDF.
 */
export function strategyDocumentBody(locale: Locale, d: StrategyDocument, baseUrl = ''): SafeHtml {
  const m = strategyDocumentMessages(locale);
  const sv = locale === 'sv';
  const s = d.strategy;
  const link = (path: string) => `${baseUrl}${localePath(locale, path)}`;
  const name = (r: { nameSv: string; nameEn: string }) => (sv ? r.nameSv : r.nameEn);
  const chapters: { id: string; title: string; sub?: { id: string; title: string }[] }[] = [
    { id: 'inledning', title: m.introduction },
    { id: 'malbild', title: m.vision },
    {
      id: 'utvecklingsomraden',
      title: m.goalAreas,
      sub: d.areas.map((a) => ({ id: `omrade-${a.slug}`, title: name(a) })),
    },
    { id: 'perspektiv', title: m.perspectives },
    { id: 'agenda-2030', title: m.agenda2030 },
    { id: 'nationell-strategi', title: m.nationalStrategy },
    { id: 'handlingsprogram', title: m.programmes },
    { id: 'uppfoljning', title: m.followUp },
    { id: 'beslut', title: m.decision },
  ];
  const n = (id: string) => chapters.findIndex((c) => c.id === id) + 1;
  const h2 = (id: string) =>
    html`<h2 id="${id}">${n(id)}. ${chapters.find((c) => c.id === id)!.title}</h2>`;
  return html`<article class="publication">
<header class="publication-header">
<p class="publication-kind">${m.documentLabel}</p>
<h1>${name(s)}</h1>
<p>${m.period}: ${s.periodStart}–${s.periodEnd}${s.adoptedOn ? html` · ${m.adoptedOn} ${formatDate(locale, s.adoptedOn)}` : ''}</p>
</header>
<nav class="publication-contents" aria-labelledby="innehall-rubrik">
<h2 id="innehall-rubrik">${m.contents}</h2>
<ol>${chapters.map(
    (c) =>
      html`<li><a href="#${c.id}">${c.title}</a>${c.sub ? html`<ol>${c.sub.map((x) => html`<li><a href="#${x.id}">${x.title}</a></li>`)}</ol>` : ''}</li>`,
  )}</ol>
</nav>
<section aria-labelledby="inledning">${h2('inledning')}${paragraphs(locale, s.introductionSv, s.introductionEn)}</section>
<section aria-labelledby="malbild">${h2('malbild')}<blockquote class="vision">${paragraphs(locale, s.visionSv, s.visionEn)}</blockquote></section>
<section aria-labelledby="utvecklingsomraden">${h2('utvecklingsomraden')}
${d.areas.map(
  (a, i) => html`<section aria-labelledby="omrade-${a.slug}">
<h3 id="omrade-${a.slug}">${n('utvecklingsomraden')}.${i + 1} ${name(a)}</h3>
${paragraphs(locale, a.descriptionSv, a.descriptionEn)}
<h4>${m.goalsOfArea}</h4>
<ul class="publication-goals">${a.goals.map((g) => {
    const goalName = localised(locale, g.nameSv, g.nameEn);
    return html`<li id="${goalAnchor(g.code)}"><p><strong>${g.code}</strong> <span${goalName.lang}>${goalName.text}</span></p>
${paragraphs(locale, g.descriptionSv, g.descriptionEn)}
<p><a href="${link(goalPath(a.slug, g.code))}">${m.goalPageLink(g.code)}</a></p></li>`;
  })}</ul>
</section>`,
)}
</section>
<section aria-labelledby="perspektiv">${h2('perspektiv')}
<p>${m.perspectivesLead}</p>
<dl class="publication-list">${d.perspectives.map(
    (p) =>
      html`<dt>${name(p)}</dt><dd>${paragraphs(locale, p.descriptionSv, p.descriptionEn)}</dd>`,
  )}</dl>
</section>
<section aria-labelledby="agenda-2030">${h2('agenda-2030')}${paragraphs(locale, s.agenda2030Sv, s.agenda2030En)}
<p><a href="${link('/agenda-2030')}">${m.agenda2030Link}</a></p></section>
<section aria-labelledby="nationell-strategi">${h2('nationell-strategi')}${paragraphs(locale, s.nationalStrategySv, s.nationalStrategyEn)}</section>
<section aria-labelledby="handlingsprogram">${h2('handlingsprogram')}
<p>${m.programmesLead}</p>
${
  d.programmes.length === 0
    ? html`<p>${m.noProgrammes}</p>`
    : html`<dl class="publication-list">${d.programmes.map(
        (p) =>
          html`<dt><a href="${link(`/handlingsprogram/${p.slug}`)}">${name(p)}</a> (${m.programmePeriod(p.periodStart, p.periodEnd)})</dt><dd>${paragraphs(locale, p.descriptionSv, p.descriptionEn)}</dd>`,
      )}</dl>`
}
</section>
<section aria-labelledby="uppfoljning">${h2('uppfoljning')}${paragraphs(locale, s.followUpSv, s.followUpEn)}
<p>${m.followUpLinks}: <a href="${link('/uppfoljning')}">${m.navFollowUp}</a> · <a href="${link('/utvecklingsaret')}">${messages(locale).footerReports}</a></p></section>
<section aria-labelledby="beslut">${h2('beslut')}
<dl class="facts">
<dt>${m.period}</dt><dd>${s.periodStart}–${s.periodEnd}</dd>
${s.adoptedOn ? html`<dt>${m.adoptedOn}</dt><dd>${formatDate(locale, s.adoptedOn)}</dd>` : ''}
${s.diarienummer ? html`<dt>${m.diarienummer}</dt><dd>${s.diarienummer}</dd>` : ''}
</dl>
${s.adoptedOn && s.diarienummer ? '' : html`<p>${m.decisionMissing}</p>`}
<p><a href="${link('/strategin/arkiv')}">${m.archiveLink}</a></p>
</section>
</article>`;
}

/** The web page: the document with its PDF and print links. */
export function strategyDocumentPage(locale: Locale, d: StrategyDocument): SafeHtml {
  const m = strategyDocumentMessages(locale);
  return html`<p class="publication-downloads"><a href="${localePath(locale, '/strategin/strategi.pdf')}">${m.pdf}</a> · <a href="${localePath(locale, '/strategin/utskrift')}">${m.print}</a></p>
${strategyDocumentBody(locale, d)}`;
}

/** The standalone document for print and PDF; `css` inlined for the PDF, linked on the web. */
export function strategyStandaloneDocument(
  locale: Locale,
  d: StrategyDocument,
  css: string | null,
  baseUrl: string,
): string {
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<title>${locale === 'sv' ? d.strategy.nameSv : d.strategy.nameEn}</title>
${css === null ? html`<link rel="stylesheet" href="/static/app.css">` : html`<style>${raw(css)}</style>`}
</head>
<body class="print-document">
<main>
${strategyDocumentBody(locale, d, baseUrl)}
</main>
</body>
</html>`.toString();
}
