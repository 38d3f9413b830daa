import type { Issue } from '../../domain/result.js';
import { fieldId, formErrors } from '../auth/formParts.js';
import { html, type SafeHtml } from '../html.js';
import type { Locale } from '../i18n/index.js';
import type { StrategyMessages } from '../i18n/strategy.sv.js';

/** What a form shows again after a failed submit: what was typed and what is wrong. */
export interface FormState {
  values: Record<string, unknown>;
  issues: Issue[];
  /** Hidden inputs and notices inside the form: the merge's base and choices. */
  extra?: SafeHtml;
}

export const emptyState = (values: Record<string, unknown> = {}): FormState => ({
  values,
  issues: [],
});

/** The issue in the admin language: Swedish as the domain words it, English by field and code. */
export function translateIssues(t: StrategyMessages, locale: Locale, issues: Issue[]): Issue[] {
  if (locale === 'sv') return issues;
  return issues.map((i) => {
    const last = i.field.split('.')[0]!;
    const message = t.issueMessages[`${last}.${i.code}`] ?? t.issueMessages[i.code] ?? i.message;
    return { ...i, message };
  });
}

const text = (v: unknown): string =>
  v === undefined || v === null ? '' : Array.isArray(v) ? String(v[0] ?? '') : String(v);

/** Labelled inputs with their errors beside them, filled from the form state. */
export function formFields(state: FormState, idPrefix = '') {
  const { errorText, describedBy, summary } = formErrors(
    state.issues.map((i) => ({ ...i, field: idPrefix + i.field })),
  );
  const id = (name: string) => fieldId(idPrefix + name);
  const input = (
    name: string,
    label: string,
    opts: { type?: string; required?: boolean; inputmode?: string; autocomplete?: string } = {},
  ): SafeHtml =>
    html`<div class="field"><label for="${id(name)}">${label}</label>${errorText(idPrefix + name)}<input type="${opts.type ?? 'text'}" id="${id(name)}" name="${name}" value="${text(state.values[name])}"${opts.required ? html` required` : ''}${opts.inputmode ? html` inputmode="${opts.inputmode}"` : ''} autocomplete="${opts.autocomplete ?? 'off'}"${describedBy(idPrefix + name)}></div>`;
  const textarea = (name: string, label: string, rows = 4): SafeHtml =>
    html`<div class="field"><label for="${id(name)}">${label}</label>${errorText(idPrefix + name)}<textarea id="${id(name)}" name="${name}" rows="${rows}"${describedBy(idPrefix + name)}>${text(state.values[name])}</textarea></div>`;
  const select = (
    name: string,
    label: string,
    options: { value: string | number; label: string }[],
  ): SafeHtml =>
    html`<div class="field"><label for="${id(name)}">${label}</label>${errorText(idPrefix + name)}<select id="${id(name)}" name="${name}"${describedBy(idPrefix + name)}>${options.map((o) => html`<option value="${o.value}"${String(o.value) === text(state.values[name]) ? html` selected` : ''}>${o.label}</option>`)}</select></div>`;
  const checkboxes = (
    name: string,
    legend: string,
    options: { value: string | number; label: string }[],
  ): SafeHtml => {
    const chosen = new Set(
      ([] as unknown[]).concat(state.values[name] ?? []).map((v) => String(v)),
    );
    return html`<fieldset id="${id(name)}"${describedBy(idPrefix + name)}><legend>${legend}</legend>${errorText(idPrefix + name)}${options.map((o, n) => html`<div><input type="checkbox" id="${id(name)}-${n}" name="${name}" value="${o.value}"${chosen.has(String(o.value)) ? html` checked` : ''}> <label for="${id(name)}-${n}">${o.label}</label></div>`)}</fieldset>`;
  };
  return { input, textarea, select, checkboxes, summary };
}

/** The form body as a record of strings (and string arrays for repeated names). */
export function formBody(body: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') out[k] = v.slice(0, 10_000);
    else if (Array.isArray(v)) out[k] = v.filter((x) => typeof x === 'string').slice(0, 500);
  }
  return out;
}

/** A list of strings from one form name, whether it came once or repeated. */
export const many = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
