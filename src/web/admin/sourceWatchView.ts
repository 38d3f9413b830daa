import type { ReportRevisions, SourceNoticeRow } from '../../domain/followup/sourceWatch.js';
import { csrfField } from '../auth/formParts.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate, localePath } from '../i18n/index.js';
import { sourceWatchMessages } from '../i18n/sourceWatch.en.js';
import { INDICATORS_PATH } from './indicatorForm.js';

/**
 * "Källbevakning" on the indicator catalogue: values revised since each published report (linked
 * to the revisions on the indicator pages and to the report's notice) and the Kolada KPIs and SCB
 * tables that were renamed, removed or discontinued, each with the step that marks it as seen.
 * Nothing when all is quiet.
 */
export function sourceWatchSection(
  locale: 'sv' | 'en',
  reports: ReportRevisions[],
  notices: SourceNoticeRow[],
  csrf: string,
): SafeHtml {
  if (reports.length === 0 && notices.length === 0) return html``;
  const w = sourceWatchMessages(locale);
  const name = (x: { nameSv: string; nameEn: string }) => (locale === 'sv' ? x.nameSv : x.nameEn);
  const date = (d: Date | string) => formatDate(locale, d);
  return html`<section aria-labelledby="kallbevakning" class="panel">
<h2 id="kallbevakning">${w.heading}</h2>
<p>${w.lead}</p>
${reports.map(
  (r) => html`<h3 id="reviderat-${String(r.year)}">${w.revisedSince(r.count, r.year)}</h3>
<p>${w.revisedOn(date(r.latest))} · <a href="${localePath(locale, `/utvecklingsaret/${String(r.year)}`)}#reviderat">${w.publicReport}</a></p>
<ul>${r.indicators.map(
    (i) =>
      html`<li><a href="${localePath(locale, `/indikatorer/${i.slug}`)}#revideringar">${name(i)}</a> (${w.revisedCount(i.count)})</li>`,
  )}</ul>`,
)}
${
  notices.length === 0
    ? ''
    : html`<ul class="source-notices">${notices.map((n) => {
        const kpi = n.sourceRef ?? n.slug;
        const on = date(n.notice.at);
        const text =
          n.notice.kind === 'renamed'
            ? w.renamed(kpi, n.notice.from ?? '', n.notice.to ?? '', on)
            : n.notice.kind === 'discontinued'
              ? w.discontinued(kpi, on)
              : w.removed(kpi, on, n.source === 'scb' ? 'SCB' : 'Kolada');
        return html`<li><strong>${name(n)}</strong>: ${text}
<a href="${INDICATORS_PATH}/${String(n.id)}">${w.editIndicator}</a>
<form method="post" action="${INDICATORS_PATH}/${String(n.id)}/bevakning/sedd" class="inline">${csrfField(csrf)}<button type="submit">${w.seen}</button></form></li>`;
      })}</ul>`
}
</section>`;
}
