import type { FieldChange } from '../../domain/initiatives/versionDiff.js';
import { html, type SafeHtml } from '../html.js';
import type { InitiativeAdminMessages } from '../i18n/initiativeAdmin.sv.js';

/**
 * A field-by-field list of changes: values as before → after, lists as added and removed items,
 * long texts as a word diff with <del> and <ins>.
 */
export function changesTable(
  t: InitiativeAdminMessages,
  changes: FieldChange[],
  caption: string,
): SafeHtml {
  const h = t.history;
  if (changes.length === 0) return html`<p>${h.noChanges}</p>`;
  const cell = (c: FieldChange): SafeHtml => {
    if (c.kind === 'value') {
      return html`<span class="visually-hidden">${h.before}: </span><del>${c.before || t.conflict.empty}</del> → <span class="visually-hidden">${h.after}: </span><ins>${c.after || t.conflict.empty}</ins>`;
    }
    if (c.kind === 'list') {
      return html`${c.added.length ? html`<p>${h.added}:</p><ul>${c.added.map((x) => html`<li><ins>${x}</ins></li>`)}</ul>` : ''}${c.removed.length ? html`<p>${h.removed}:</p><ul>${c.removed.map((x) => html`<li><del>${x}</del></li>`)}</ul>` : ''}`;
    }
    return html`<p class="prewrap">${c.parts.map((p) =>
      p.op === 'same'
        ? p.text
        : p.op === 'added'
          ? html`<ins>${p.text}</ins>`
          : html`<del>${p.text}</del>`,
    )}</p>`;
  };
  return html`<table><caption>${caption}</caption>
<thead><tr><th scope="col">${t.conflict.field}</th><th scope="col">${h.changes}</th></tr></thead>
<tbody>${changes.map((c) => html`<tr><th scope="row">${t.fields[c.field]}</th><td>${cell(c)}</td></tr>`)}</tbody></table>`;
}
