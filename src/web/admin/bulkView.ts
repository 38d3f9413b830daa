import type { BulkIssue } from '../../domain/initiatives/bulkInitiatives.js';
import { bulkColumns } from '../../domain/initiatives/bulkFormat.js';
import { csrfField } from '../auth/formParts.js';
import { html, type SafeHtml } from '../html.js';
import type { InitiativeAdminMessages } from '../i18n/initiativeAdmin.sv.js';

export const BULK_PATH = '/admin/insatser/fil';

export interface BulkPageParams {
  t: InitiativeAdminMessages;
  csrf: string;
  /** A problem with the file as a whole (type, size, unreadable). */
  fileError?: string | null;
  /** Problems per row: nothing was saved. */
  issues?: BulkIssue[];
  notice?: string | null;
}

/** Export the initiatives one may edit, and import the same file back, with a per-row report. */
export function bulkView(p: BulkPageParams): SafeHtml {
  const b = p.t.bulk;
  const issues = p.issues ?? [];
  return html`<h1>${b.title}</h1>
${p.notice ? html`<p class="message" role="status">${p.notice}</p>` : ''}
<p>${b.intro}</p>
<h2>${b.exportHeading}</h2>
<ul>
<li><a href="${BULK_PATH}/insatser.csv" download>${b.csvComma}</a></li>
<li><a href="${BULK_PATH}/insatser.csv?avgransare=semikolon" download>${b.csvSemicolon}</a></li>
<li><a href="${BULK_PATH}/insatser.xlsx" download>${b.xlsx}</a></li>
</ul>
<h2>${b.importHeading}</h2>
${
  issues.length > 0
    ? html`<div class="message" role="alert" id="import-errors"><h3>${b.errorsHeading}</h3>
<table><caption>${b.errorsCaption}</caption>
<thead><tr><th scope="col">${b.row}</th><th scope="col">${b.column}</th><th scope="col">${b.message}</th></tr></thead>
<tbody>${issues.map((i) => html`<tr><td>${i.row}</td><td>${i.column}</td><td>${i.message}</td></tr>`)}</tbody></table></div>`
    : ''
}
<form method="post" action="${BULK_PATH}" enctype="multipart/form-data" novalidate>
${csrfField(p.csrf)}
<div class="field"><label for="file">${b.fileLabel}</label>
${p.fileError ? html`<p class="field-error" id="file-error">${p.fileError}</p>` : ''}
<input type="file" id="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required${p.fileError ? html` aria-describedby="file-error" aria-invalid="true"` : ''}></div>
<button type="submit">${b.importButton}</button>
</form>
<h2>${b.columnsHeading}</h2>
<p>${b.columnsHelp}</p>
<p><code>${bulkColumns.join(', ')}</code></p>`;
}
