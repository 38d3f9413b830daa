import type {
  MergeChoice,
  MergeChoices,
  MergeConflict,
  PostedMerge,
} from '../../domain/merge/fieldMerge.js';
import { html, type SafeHtml } from '../html.js';
import type { Locale } from '../i18n/index.js';
import { mergeEn } from '../i18n/merge.en.js';
import { mergeSv, type MergeMessages } from '../i18n/merge.sv.js';

/**
 * The web side of the three-way merge for any edit form (domain/merge/fieldMerge.ts): the form
 * carries the values it was read at in a hidden `base`; a save that meets a change to the same
 * field by someone else is shown again with both values side by side and a required choice per
 * field (`choice.<field>` = theirs | mine, the fields listed in `conflicts`).
 */

export const mergeWords = (locale: Locale): MergeMessages => (locale === 'en' ? mergeEn : mergeSv);

/** Longest base a form may post back (the largest record's texts, with room). */
const MAX_BASE = 200_000;

/** The hidden field with the values the form was read at. */
export function baseField(values: Record<string, unknown>): SafeHtml {
  return html`<input type="hidden" name="base" value="${JSON.stringify(values)}">`;
}

/**
 * The merge a form posted: its base and choices, or nothing when it came without a base (then
 * the save is not merged). `missing` names listed conflicts the post left undecided.
 */
export function readPostedMerge<F extends string>(
  body: unknown,
  fields: readonly F[],
): { posted: PostedMerge<F> | undefined; missing: F[] } {
  const b = (body ?? {}) as Record<string, unknown>;
  let base: Record<string, unknown> | undefined;
  if (typeof b.base === 'string' && b.base.length <= MAX_BASE) {
    try {
      const parsed: unknown = JSON.parse(b.base);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        base = parsed as Record<string, unknown>;
      }
    } catch {
      base = undefined;
    }
  }
  const known = new Set<string>(fields);
  const listed = (typeof b.conflicts === 'string' ? b.conflicts.split(',') : []).filter(
    (f): f is F => known.has(f),
  );
  const choices: MergeChoices<F> = {};
  for (const f of fields) {
    const v = b[`choice.${f}`];
    if (v === 'mine' || v === 'theirs') choices[f] = v;
  }
  const missing = listed.filter((f) => !choices[f]);
  return { posted: base ? { base, choices } : undefined, missing };
}

/** A conflict for a post that left a listed field undecided: shown again as it was posted. */
export function undecided<F extends string>(
  fields: F[],
  posted: PostedMerge<F>,
  mine: Record<string, unknown>,
): MergeConflict<F> {
  return { fields, theirs: posted.base, merged: mine };
}

export interface ChoicesTableParams<F extends string> {
  locale: Locale;
  conflict: MergeConflict<F>;
  label: (f: F) => string;
  /** A field's value as people read it (a name instead of an id). */
  show?: (f: F, v: unknown) => string | SafeHtml;
}

const plain = (v: unknown): string =>
  v === undefined || v === null
    ? ''
    : typeof v === 'object'
      ? JSON.stringify(v)
      : String(v as string | number | boolean);

/**
 * The message, the table of both values with a required choice per field, the hidden list of
 * conflicting fields and the new base; rendered inside the form that saves.
 */
export function mergeChoicesBlock<F extends string>(p: ChoicesTableParams<F>): SafeHtml {
  const w = mergeWords(p.locale);
  const show = (f: F, v: unknown) => {
    const shown = p.show ? p.show(f, v) : plain(v);
    return shown === '' ? w.empty : shown;
  };
  const radio = (f: F, value: MergeChoice, label: string) =>
    html`<div class="check"><input type="radio" id="choice-${f}-${value}" name="choice.${f}" value="${value}" required><label for="choice-${f}-${value}">${label}</label></div>`;
  return html`<div class="message" role="alert" id="merge-conflict"><h2>${w.heading}</h2><p>${w.lead}</p></div>
<input type="hidden" name="conflicts" value="${p.conflict.fields.join(',')}">
<table><caption>${w.caption}</caption>
<thead><tr><th scope="col">${w.field}</th><th scope="col">${w.theirs}</th><th scope="col">${w.mine}</th><th scope="col">${w.choose}</th></tr></thead>
<tbody>${p.conflict.fields.map(
    (f) =>
      html`<tr><th scope="row">${p.label(f)}</th><td class="prewrap">${show(f, p.conflict.theirs[f])}</td><td class="prewrap">${show(f, p.conflict.merged[f])}</td><td><fieldset><legend>${p.label(f)}</legend>${radio(f, 'theirs', w.keepTheirs)}${radio(f, 'mine', w.useMine)}</fieldset></td></tr>`,
  )}</tbody></table>`;
}
