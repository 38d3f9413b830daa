import { cellKey, type OwnValuesTable } from '../../domain/followup/ownValues.js';
import type { ImportIssue } from '../../domain/imports/importObservations.js';
import { csrfField } from '../auth/formParts.js';
import { html, type SafeHtml } from '../html.js';
import type { OwnValuesMessages } from '../i18n/ownValues.sv.js';

type Locale = 'sv' | 'en';

export interface OwnValuesPage {
  table: OwnValuesTable;
  csrf: string;
  /** The texts as typed, after a save that was refused. */
  typed?: Map<string, string>;
  /** Problems of the table (by cell) or of an uploaded file (by row and column). */
  issues?: ImportIssue[];
  /** Whether the issues are an uploaded file's. */
  fromFile?: boolean;
  runId?: number | null;
  notice?: string;
}

const formatValue = (v: number | null | undefined, locale: Locale) =>
  v === null || v === undefined
    ? ''
    : new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
        maximumFractionDigits: 6,
        useGrouping: false,
      }).format(v);

/** The errors of an uploaded file, each with its row and column, as the CLI reports them. */
function fileErrors(t: OwnValuesMessages, issues: ImportIssue[], runId: number | null): SafeHtml {
  return html`<div class="error-summary" role="alert" tabindex="-1" id="fel">
<h2>${t.uploadFailed}</h2>
<table><caption>${t.errorsCaption}</caption>
<thead><tr><th scope="col">${t.colRow}</th><th scope="col">${t.colColumn}</th><th scope="col">${t.colMessage}</th></tr></thead>
<tbody>${issues.map(
    (e) =>
      html`<tr><td>${e.row > 0 ? String(e.row) : t.whole}</td><td>${e.field === '_' ? '' : e.field}</td><td>${e.message}</td></tr>`,
  )}</tbody></table>
${runId ? html`<p><a href="/admin/importer/${String(runId)}">${t.runLink(runId)}</a></p>` : ''}</div>`;
}

/** The table's errors: a summary linking each cell, the cell marked beside its input. */
function tableErrors(t: OwnValuesMessages, issues: ImportIssue[]): SafeHtml {
  return html`<div class="error-summary" role="alert" tabindex="-1" id="fel">
<h2>${t.errorsTitle}</h2><ul>${issues.map((e) =>
    e.field === '_'
      ? html`<li>${e.code === 'empty' ? t.atLeastOne : e.message}</li>`
      : html`<li><a href="#${e.field}">${e.field.slice(2).replace(/_/g, ' ')}: ${t.notNumber}</a></li>`,
  )}</ul></div>`;
}

/** `/admin/indikatorer/:id/varden`: the table of own values and the upload of a file. */
export function ownValuesView(t: OwnValuesMessages, locale: Locale, p: OwnValuesPage): SafeHtml {
  const { indicator, places, years, genders, values } = p.table;
  const name = locale === 'en' ? indicator.nameEn : indicator.nameSv;
  const issues = p.issues ?? [];
  const bad = new Set(p.fromFile ? [] : issues.map((i) => i.field));
  const manual = indicator.source === 'manual';
  const cell = (code: string, placeName: string, year: number, g: 'T' | 'K' | 'M') => {
    const key = cellKey(code, year, g);
    const typed = p.typed?.get(key);
    const label = t.cellLabel(placeName, year, t.gender[g] ?? g);
    return html`<td><input type="text" inputmode="decimal" size="7" id="${key}" name="${key}" value="${typed ?? formatValue(values.get(key), locale)}" aria-label="${label}"${bad.has(key) ? html` aria-invalid="true"` : ''}></td>`;
  };
  return html`<p><a href="/admin/indikatorer/${String(indicator.id)}">${t.back}</a></p>
<h1>${t.title(name)}</h1>
${p.notice ? html`<p class="message" role="status">${p.notice}</p>` : ''}
${issues.length > 0 ? (p.fromFile ? fileErrors(t, issues, p.runId ?? null) : tableErrors(t, issues)) : ''}
${
  !manual
    ? html`<p>${t.notManual}</p>`
    : html`<section aria-labelledby="tabell"><h2 id="tabell">${t.tableHeading}</h2>
<p>${t.lead}</p>
<form method="post" action="/admin/indikatorer/${String(indicator.id)}/varden" novalidate>${csrfField(p.csrf)}
<div class="table-scroll"><table class="values-table"><caption>${t.caption(indicator.unit)}</caption>
<thead><tr><th scope="col" rowspan="${genders.length > 1 ? '2' : '1'}">${t.area}</th>${years.map((y) => html`<th scope="colgroup" colspan="${String(genders.length)}">${String(y)}</th>`)}</tr>
${genders.length > 1 ? html`<tr>${years.map(() => genders.map((g) => html`<th scope="col">${t.gender[g] ?? g}</th>`))}</tr>` : ''}</thead>
<tbody>${places.map((pl) => {
        const placeName = locale === 'en' ? pl.nameEn : pl.nameSv;
        return html`<tr><th scope="row">${placeName} (${pl.code})</th>${years.map((y) => genders.map((g) => cell(pl.code, placeName, y, g)))}</tr>`;
      })}</tbody></table></div>
<button type="submit">${t.save}</button></form></section>
<section aria-labelledby="fil"><h2 id="fil">${t.uploadHeading}</h2>
<p>${t.uploadLead}</p>
<form method="post" action="/admin/indikatorer/${String(indicator.id)}/varden/fil" enctype="multipart/form-data">${csrfField(p.csrf)}
<div class="field"><label for="file">${t.file}</label>
<input type="file" id="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"></div>
<button type="submit">${t.upload}</button></form></section>`
}`;
}
