import type { AnnualReportData } from '../../domain/evaluation/annualReport.js';
import { html, type SafeHtml } from '../html.js';
import { formatMillions, messages, type Locale } from '../i18n/index.js';
import { strategyDocumentMessages } from '../i18n/strategyDocument.en.js';

/** The report's contents: every chapter with its anchor (page numbers come from the PDF's footer). */
export function reportContents(locale: Locale, r: AnnualReportData): SafeHtml {
  const t = messages(locale);
  const sv = locale === 'sv';
  const items: [string, string][] = [
    ['i-siffror', t.reportSummary],
    ...r.areas.map((a): [string, string] => [`omrade-${a.slug}`, sv ? a.nameSv : a.nameEn]),
    ['startade', t.reportNewInitiatives],
    ['avslutade', t.reportFinishedInitiatives],
    ['luckor', t.reportGaps],
    ['utvarderingar', t.reportEvaluations],
  ];
  return html`<nav class="publication-contents" aria-labelledby="rapport-innehall">
<h2 id="rapport-innehall">${strategyDocumentMessages(locale).contents}</h2>
<ol>${items.map(([id, title]) => html`<li><a href="#${id}">${title}</a></li>`)}</ol>
</nav>`;
}

/**
 * The year's money per goal area as a bar chart, each label on its own line above its bar so no
 * text is crossed or shrunk; the figures are also in the text beside each area.
 */
export function reportMoneyChart(locale: Locale, r: AnnualReportData): SafeHtml {
  const t = messages(locale);
  const sv = locale === 'sv';
  const W = 340;
  const ROW = 52;
  const max = Math.max(1, ...r.areas.map((a) => a.moneySek));
  const height = r.areas.length * ROW + 8;
  const title = `${t.reportMoney} ${r.year}`;
  const desc = r.areas
    .map((a) => `${sv ? a.nameSv : a.nameEn}: ${formatMillions(locale, a.moneySek)}`)
    .join('; ');
  return html`<figure class="chart report-chart">
<figcaption id="pengar-${r.year}-titel">${title}</figcaption>
<svg class="chart-svg" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="pengar-${r.year}-titel pengar-${r.year}-desc">
<desc id="pengar-${r.year}-desc">${desc}</desc>
${r.areas.map((a, i) => {
  const y = i * ROW;
  const w = Math.max(2, Math.round((a.moneySek / max) * (W - 130)));
  return html`<text x="0" y="${y + 16}" font-size="15">${sv ? a.nameSv : a.nameEn}</text>
<rect x="0" y="${y + 24}" width="${w}" height="18" fill="#0b4f8a"></rect>
<text x="${w + 8}" y="${y + 38}" font-size="14">${formatMillions(locale, a.moneySek)}</text>`;
})}
</svg>
</figure>`;
}
