import type { Issue } from '../../domain/result.js';
import { fieldId, formErrors } from '../auth/formParts.js';
import { html, type SafeHtml } from '../html.js';

/** A labelled input with its error and described-by, the shape every admin form field has. */
export function inputField(
  issues: Issue[],
  p: {
    name: string;
    label: string;
    value: string | number | undefined | null;
    type?: string;
    hint?: string;
    required?: boolean;
    attrs?: SafeHtml;
  },
): SafeHtml {
  const f = formErrors(issues);
  const id = fieldId(p.name);
  const hint = p.hint ? html`<p class="hint" id="${id}-hint">${p.hint}</p>` : '';
  return html`<div class="field"><label for="${id}">${p.label}</label>${hint}${f.errorText(p.name)}<input id="${id}" name="${p.name}" type="${p.type ?? 'text'}" value="${p.value ?? ''}"${p.required ? html` required` : ''}${p.hint && !issues.some((i) => i.field === p.name) ? html` aria-describedby="${id}-hint"` : f.describedBy(p.name)}${p.attrs ?? ''}></div>`;
}

/** A labelled textarea with its error. */
export function textareaField(
  issues: Issue[],
  p: {
    name: string;
    label: string;
    value: string;
    hint?: string;
    rows?: number;
    required?: boolean;
  },
): SafeHtml {
  const f = formErrors(issues);
  const id = fieldId(p.name);
  const hint = p.hint ? html`<p class="hint" id="${id}-hint">${p.hint}</p>` : '';
  return html`<div class="field"><label for="${id}">${p.label}</label>${hint}${f.errorText(p.name)}<textarea id="${id}" name="${p.name}" rows="${p.rows ?? 6}"${p.required ? html` required` : ''}${p.hint && !issues.some((i) => i.field === p.name) ? html` aria-describedby="${id}-hint"` : f.describedBy(p.name)}>${p.value}</textarea></div>`;
}
