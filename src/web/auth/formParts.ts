import type { Issue } from '../../domain/result.js';
import { html, type SafeHtml } from '../html.js';

/** Field errors next to their fields and a summary on top, as on the public forms. */
export function formErrors(issues: Issue[]) {
  const err = (field: string) => issues.find((i) => i.field === field);
  const errorText = (field: string): SafeHtml | string => {
    const e = err(field);
    return e ? html`<p class="field-error" id="${fieldId(field)}-error">${e.message}</p>` : '';
  };
  const describedBy = (field: string): SafeHtml | string =>
    err(field) ? html` aria-describedby="${fieldId(field)}-error" aria-invalid="true"` : '';
  const summary = (title: string): SafeHtml | string =>
    issues.length > 0
      ? html`<div class="message" role="alert"><h2>${title}</h2><ul>${issues.map((i) => html`<li><a href="#${fieldId(i.field)}">${i.message}</a></li>`)}</ul></div>`
      : '';
  return { errorText, describedBy, summary };
}

/** An id for a field name such as `funding.0.amountSek`. */
export const fieldId = (field: string) => field.replace(/[^A-Za-z0-9_-]/g, '-');

export const csrfField = (token: string) =>
  html`<input type="hidden" name="_csrf" value="${token}">`;

/** A short Swedish time for "try again at". */
export function swedishTime(d: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Stockholm',
  }).format(d);
}
