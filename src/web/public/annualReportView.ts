import { unitLabel } from '../i18n/units.js';
import { regionIdentity } from '../../region/activeRegion.js';
import type { AnnualReportData, ReportInitiative } from '../../domain/evaluation/annualReport.js';
import { html, raw, type SafeHtml } from '../html.js';
import { formatDate, formatMillions, localePath, messages, type Locale } from '../i18n/index.js';
import { scrollBox } from '../components/scrollBox.js';
import { reportContents, reportMoneyChart } from './reportParts.js';
import { summarySentences } from '../components/indicatorSummary.js';
import { summaryMessages } from '../i18n/summary.en.js';
import { withUnit } from './followupParts.js';

/** Paragraphs separated by an empty line, each its own <p>, so none merge. */
const paragraphs = (text: string | null | undefined): SafeHtml =>
  html`${(text ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => html`<p>${p}</p>`)}`;

const nf = (locale: Locale) =>
  new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 });

function initiativeList(locale: Locale, items: ReportInitiative[], baseUrl: string): SafeHtml {
  return html`<ul>${items.map(
    (i) =>
      html`<li><a href="${baseUrl}${localePath(locale, `/insatser/${i.id}`)}"${locale === 'en' ? html` lang="sv"` : ''}>${i.title}</a> – ${i.ownerName}</li>`,
  )}</ul>`;
}

/** The area's indicators in sentences, from the facts frozen with the report. */
function inWords(locale: Locale, a: AnnualReportData['areas'][number]): SafeHtml {
  const region = regionIdentity();
  const items = a.goals
    .flatMap((g) => g.indicators)
    .map((ind) => ({
      ind,
      sentences: summarySentences(ind.facts ?? [], {
        locale,
        subject: locale === 'sv' ? region.countySv : region.countyEn,
        unit: ind.unit,
        decimals: ind.decimals ?? 1,
      }),
    }))
    .filter((x) => x.sentences.length > 0);
  if (items.length === 0) return html``;
  return html`<h3>${summaryMessages(locale).heading}</h3>
<dl class="in-words">${items.map(
    (x) =>
      html`<dt>${locale === 'sv' ? x.ind.nameSv : x.ind.nameEn}</dt><dd>${x.sentences.join(' ')}</dd>`,
  )}</dl>`;
}

/**
 * The area's indicators beside riket, the other län and the county's own municipalities, as
 * frozen with the report; reports frozen before the comparison have none.
 */
function comparisonTable(locale: Locale, a: AnnualReportData['areas'][number]): SafeHtml {
  const region = regionIdentity();
  const m = summaryMessages(locale).comparison;
  const rows = a.goals
    .flatMap((g) => g.indicators)
    .filter((ind) => ind.comparison)
    .map((ind) => ({ ind, c: ind.comparison! }));
  if (rows.length === 0) return html``;
  const value = (unit: string, decimals: number, v: number | null | undefined) =>
    v === null || v === undefined ? '–' : withUnit(locale, v, decimals, unit);
  const area = locale === 'sv' ? a.nameSv : a.nameEn;
  return html`<h3>${m.heading}</h3>
${scrollBox(
  m.caption(area),
  html`<table class="comparison-summary">
<caption>${m.caption(area)}</caption>
<thead><tr><th scope="col">${m.indicator}</th><th scope="col" class="num">${m.year}</th><th scope="col" class="num">${locale === 'sv' ? region.countySv : region.countyEn}</th><th scope="col" class="num">${m.country}</th><th scope="col" class="num">${m.rank}</th><th scope="col">${m.lowest}</th><th scope="col">${m.highest}</th></tr></thead>
<tbody>${rows.map(({ ind, c }) => {
    const d = ind.decimals ?? 1;
    const place = (p: { name: string; value: number } | null) =>
      p ? `${p.name} ${value(ind.unit, d, p.value)}` : '–';
    return html`<tr><th scope="row">${locale === 'sv' ? ind.nameSv : ind.nameEn}</th><td class="num">${c.year}</td><td class="num">${value(ind.unit, d, c.county)}</td><td class="num">${value(ind.unit, d, c.country)}</td><td class="num">${c.rank ? m.rankOf(c.rank.rank, c.rank.of) : '–'}</td><td>${place(c.lowest)}</td><td>${place(c.highest)}</td></tr>`;
  })}</tbody>
</table>`,
)}`;
}

/** The report's body: the same for the web page, the frozen snapshot and the PDF. */
export function annualReportBody(locale: Locale, r: AnnualReportData, baseUrl = ''): SafeHtml {
  const t = messages(locale);
  const sv = locale === 'sv';
  const goalName = (code: string) => {
    for (const a of r.areas)
      for (const g of a.goals) if (g.code === code) return `${g.code} ${sv ? g.nameSv : g.nameEn}`;
    return code;
  };
  return html`<article class="report">
<h1>${t.reportTitle(r.year)}</h1>
<p class="lead">${sv ? r.strategy.nameSv : r.strategy.nameEn}</p>
${r.anyDemo ? html`<p class="notice">${t.reportDemoNote}</p>` : ''}
${reportContents(locale, r)}
${paragraphs(r.introduction)}
<blockquote class="vision"><p>${sv ? r.strategy.visionSv : r.strategy.visionEn}</p></blockquote>
<h2 id="i-siffror">${t.reportSummary}</h2>
<dl class="facts">
<dt>${t.reportStarted}</dt><dd>${r.totals.started}</dd>
<dt>${t.reportFinished}</dt><dd>${r.totals.finished}</dd>
<dt>${t.reportActive}</dt><dd>${r.totals.active}</dd>
<dt>${t.reportOrganisations}</dt><dd>${r.totals.organisations}</dd>
<dt>${t.reportMoney}</dt><dd>${formatMillions(locale, r.totals.moneySek)}</dd>
</dl>
${reportMoneyChart(locale, r)}
${r.areas.map(
  (a) => html`<section aria-labelledby="omrade-${a.slug}">
<h2 id="omrade-${a.slug}">${sv ? a.nameSv : a.nameEn}</h2>
${a.introduction && (sv ? a.introduction.sv : a.introduction.en || a.introduction.sv) ? html`<p class="prewrap"${!sv && !a.introduction.en ? html` lang="sv"` : ''}>${sv ? a.introduction.sv : a.introduction.en || a.introduction.sv}</p>` : ''}
<p>${t.reportMoney}: ${formatMillions(locale, a.moneySek)}</p>
${scrollBox(
  `${t.goals}: ${sv ? a.nameSv : a.nameEn}`,
  html`<table>
<caption>${t.goals}</caption>
<thead><tr><th scope="col">${t.goals}</th><th scope="col" class="num">${t.reportActive}</th><th scope="col">${t.reportIndicators}</th></tr></thead>
<tbody>${a.goals.map(
    (g) =>
      html`<tr><th scope="row">${g.code} ${sv ? g.nameSv : g.nameEn}</th><td class="num">${g.activeInitiatives}</td><td>${
        g.indicators.length === 0
          ? '–'
          : html`<ul>${g.indicators.map(
              (ind) =>
                html`<li>${sv ? ind.nameSv : ind.nameEn}: ${ind.value === null ? '–' : `${nf(locale).format(ind.value)} ${unitLabel(locale, ind.unit)} (${ind.period})`}</li>`,
            )}</ul>`
      }</td></tr>`,
  )}</tbody>
</table>`,
)}
${inWords(locale, a)}
${comparisonTable(locale, a)}
${a.examples.length > 0 ? html`<h3>${t.reportExamples}</h3>${initiativeList(locale, a.examples, baseUrl)}` : ''}
</section>`,
)}
<h2 id="startade">${t.reportNewInitiatives} (${r.started.length})</h2>
${initiativeList(locale, r.started, baseUrl)}
<h2 id="avslutade">${t.reportFinishedInitiatives} (${r.finished.length})</h2>
${initiativeList(locale, r.finished, baseUrl)}
<h2 id="luckor">${t.reportGaps}</h2>
<dl class="facts">
<dt>${t.gapsGoals}</dt><dd>${r.gaps.goals.length ? r.gaps.goals.map(goalName).join(', ') : t.noGaps}</dd>
<dt>${t.gapsPerspectives}</dt><dd>${r.gaps.perspectives.length ? r.gaps.perspectives.join(', ') : t.noGaps}</dd>
</dl>
<h2 id="utvarderingar">${t.reportEvaluations}</h2>
${
  r.evaluations.length === 0
    ? html`<p>${t.reportNoEvaluations}</p>`
    : html`<ul>${r.evaluations.map((e) => html`<li><strong>${e.title}</strong> (${e.evaluator}, ${formatDate(locale, e.evaluatedOn)}): ${e.findings}</li>`)}</ul>`
}
</article>`;
}

/** A standalone, printable document of the report, for the PDF. */
export function annualReportDocument(
  locale: Locale,
  r: AnnualReportData,
  css: string | null,
  baseUrl: string,
): string {
  const t = messages(locale);
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<title>${t.reportTitle(r.year)}</title>
<meta name="author" content="${regionIdentity().nameSv}">
${css === null ? html`<link rel="stylesheet" href="/static/app.css">` : html`<style>${raw(css)}</style>`}
</head>
<body>
<main>
${annualReportBody(locale, r, baseUrl)}
</main>
</body>
</html>`.toString();
}
