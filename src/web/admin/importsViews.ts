import type { ImportRunDetail, ImportRunRow } from '../../domain/imports/importRuns.js';
import { retryable } from '../../domain/imports/importRuns.js';
import type { Issue } from '../../domain/result.js';
import { csrfField, formErrors } from '../auth/formParts.js';
import { html, type SafeHtml } from '../html.js';
import type { followupAdminSv } from '../i18n/followupAdmin.sv.js';

export const IMPORTS_PATH = '/admin/importer';

type Messages = typeof followupAdminSv.imports;
type Locale = 'sv' | 'en';

const when = (d: Date, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'Europe/Stockholm',
  }).format(d);

const duration = (ms: number | null, locale: Locale) =>
  ms === null
    ? '–'
    : ms < 1000
      ? `${ms} ms`
      : `${new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 }).format(ms / 1000)} s`;

export const statusText = (t: Messages, status: string) => t.status[status] ?? status;

/** A <progress> element with the same facts in words, for a running import. */
export function progress(t: Messages, run: ImportRunRow): SafeHtml {
  if (!run.progressTotal)
    return html`<progress aria-label="${t.progress}"></progress> <span>${t.progressUnknown}</span>`;
  const done = Math.min(run.progressDone, run.progressTotal);
  return html`<progress max="${String(run.progressTotal)}" value="${String(done)}" aria-label="${t.progress}">${t.progressText(done, run.progressTotal)}</progress>
<span>${t.progressText(done, run.progressTotal)}</span>`;
}

export function runsTable(t: Messages, locale: Locale, runs: ImportRunRow[]): SafeHtml {
  if (runs.length === 0) return html`<p>${t.none}</p>`;
  return html`<table><caption>${t.caption}</caption>
<thead><tr><th scope="col">${t.colRun}</th><th scope="col">${t.colWhen}</th><th scope="col">${t.colSource}</th><th scope="col">${t.colWho}</th><th scope="col">${t.colStatus}</th><th scope="col">${t.colCounts}</th><th scope="col">${t.colErrors}</th><th scope="col">${t.colDuration}</th></tr></thead>
<tbody>${runs.map(
    (
      r,
    ) => html`<tr><th scope="row"><a href="${IMPORTS_PATH}/${String(r.id)}">${String(r.id)}</a></th>
<td>${when(r.startedAt, locale)}</td><td>${t.sources[r.source] ?? r.source}</td><td>${r.triggeredBy ?? t.system}</td>
<td>${r.status === 'running' ? progress(t, r) : statusText(t, r.status)}</td>
<td>${String(r.rowsNew)} / ${String(r.rowsChanged)} / ${String(r.rowsUnchanged)} / ${String(r.rowsMissing)}</td>
<td>${String(r.errorCount)}</td><td>${duration(r.durationMs, locale)}</td></tr>`,
  )}</tbody></table>`;
}

export function startForm(
  t: Messages,
  csrf: string,
  indicators: { id: number; nameSv: string; nameEn: string; source: string }[],
  locale: Locale,
  issues: Issue[],
  chosen: number | null,
): SafeHtml {
  if (indicators.length === 0) return html`<p>${t.noneImportable}</p>`;
  const { errorText, describedBy, summary } = formErrors(issues);
  return html`<section aria-labelledby="starta-import">
<h2 id="starta-import">${t.startHeading}</h2>
${summary(t.errorsTitle)}
<form method="post" action="${IMPORTS_PATH}" novalidate>${csrfField(csrf)}
<div class="field"><label for="indicatorId">${t.indicator}</label>
<p class="hint" id="indicatorId-hint">${t.startHint}</p>${errorText('indicatorId')}
<select id="indicatorId" name="indicatorId" required${issues.length ? describedBy('indicatorId') : html` aria-describedby="indicatorId-hint"`}>
${indicators.map(
  (i) =>
    html`<option value="${String(i.id)}"${chosen === i.id ? html` selected` : ''}>${locale === 'en' ? i.nameEn : i.nameSv} (${t.sources[i.source] ?? i.source})</option>`,
)}
</select></div>
<button type="submit">${t.start}</button>
</form></section>`;
}

export /** A list of years as spans ("2015–2025, 2027"), a list of codes as they are. */
function listInWords(values: unknown[]): string {
  if (!values.every((v) => typeof v === 'number' && Number.isInteger(v))) return values.join(', ');
  const years = [...(values as number[])].sort((a, b) => a - b);
  const spans: string[] = [];
  for (let i = 0; i < years.length; ) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j]! + 1) j += 1;
    spans.push(j > i ? `${years[i]}–${years[j]}` : String(years[i]));
    i = j + 1;
  }
  return spans.join(', ');
}

/** One choice of a run in words: its name, and its value as a person would write it. */
function paramInWords(t: Messages, key: string, value: unknown): SafeHtml {
  const name = t.paramNames[key] ?? key;
  const shown =
    key === 'entry' && value === 'table'
      ? t.entryTable
      : Array.isArray(value)
        ? listInWords(value)
        : value !== null && typeof value === 'object'
          ? Object.entries(value as Record<string, unknown>)
              .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
              .join('; ')
          : String(value);
  return html`<dt>${name}</dt><dd>${shown}</dd>`;
}

/** What can be done about a failed run: queue it again, or upload a corrected file. */
function retryPart(t: Messages, run: ImportRunDetail, csrf: string): SafeHtml | '' {
  if (run.status !== 'failed') return '';
  if (retryable(run))
    return html`<form method="post" action="${IMPORTS_PATH}/${String(run.id)}/igen">${csrfField(csrf)}
<p class="hint">${t.retryHint}</p><button type="submit">${t.retry}</button></form>`;
  if (run.indicator && (run.source === 'csv' || run.source === 'xlsx'))
    return html`<p><a href="/admin/indikatorer/${String(run.indicator.id)}/varden">${t.retryUpload}</a></p>`;
  return '';
}

export function detailView(
  t: Messages,
  locale: Locale,
  run: ImportRunDetail,
  csrf: string,
): SafeHtml {
  const row = (label: string, value: SafeHtml | string) => html`<dt>${label}</dt><dd>${value}</dd>`;
  const params = Object.entries(run.params).map(([k, v]) => paramInWords(t, k, v));
  return html`<p><a href="${IMPORTS_PATH}">${t.back}</a></p>
<h1>${t.runTitle(run.id)}</h1>
${
  run.status === 'running'
    ? html`<section aria-labelledby="forlopp"><h2 id="forlopp">${t.progress}</h2>
<p role="status">${progress(t, run)}</p>
<p>${t.refreshNote} <a href="${IMPORTS_PATH}/${String(run.id)}">${t.refresh}</a></p></section>`
    : ''
}
${retryPart(t, run, csrf)}
<h2>${t.facts}</h2>
<dl>
${row(t.colStatus, statusText(t, run.status))}
${row(t.colSource, t.sources[run.source] ?? run.source)}
${run.indicator ? row(t.indicatorLink, html`<a href="/indikatorer/${run.indicator.slug}">${locale === 'en' ? run.indicator.nameEn : run.indicator.nameSv}</a>`) : ''}
${row(t.colWho, run.triggeredBy ?? t.system)}
${row(t.colWhen, when(run.startedAt, locale))}
${run.finishedAt ? row(t.finished, when(run.finishedAt, locale)) : ''}
${row(t.duration, duration(run.durationMs, locale))}
</dl>
<h2>${t.parameters}</h2>
<dl>${params}</dl>
<h2>${t.counts}</h2>
<dl>
${row(t.read, String(run.rowsRead))}
${row(t.fresh, String(run.rowsNew))}
${row(t.changed, String(run.rowsChanged))}
${row(t.unchanged, String(run.rowsUnchanged))}
${row(t.missing, String(run.rowsMissing))}
</dl>
<h2>${t.errorsHeading}</h2>
${
  run.errors.length === 0
    ? html`<p>${t.noErrors}</p>`
    : html`<table><caption>${t.errorsCaption}</caption>
<thead><tr><th scope="col">${t.colRow}</th><th scope="col">${t.colField}</th><th scope="col">${t.colMessage}</th></tr></thead>
<tbody>${run.errors.map(
        (e) =>
          html`<tr><td>${e.row > 0 ? String(e.row) : t.whole}</td><td>${e.field === '_' ? '' : e.field}</td><td>${e.message}</td></tr>`,
      )}</tbody></table>`
}`;
}

/** Imports asked for that the job queue has not started yet. */
export function queuedTable(
  t: Messages,
  locale: Locale,
  queued: { jobId: number; nameSv: string; nameEn: string; queuedAt: Date }[],
): SafeHtml | '' {
  if (queued.length === 0) return '';
  return html`<section aria-labelledby="koade"><h2 id="koade">${t.queuedHeading}</h2>
<p>${t.queuedLead}</p>
<table><caption>${t.queuedCaption}</caption>
<thead><tr><th scope="col">${t.indicator}</th><th scope="col">${t.colQueued}</th></tr></thead>
<tbody>${queued.map(
    (q) =>
      html`<tr><th scope="row">${locale === 'en' ? q.nameEn : q.nameSv}</th><td>${when(q.queuedAt, locale)}</td></tr>`,
  )}</tbody></table></section>`;
}
