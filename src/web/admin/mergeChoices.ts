import type { MergeChoice } from '../../domain/initiatives/threeWayMerge.js';
import {
  fieldValue,
  initiativeFields,
  type InitiativeField,
  type ValueNames,
} from '../../domain/initiatives/versionDiff.js';
import type { InitiativeDraftInput } from '../../domain/initiatives/initiativeSchema.js';
import { html, type SafeHtml } from '../html.js';
import type { InitiativeAdminMessages } from '../i18n/initiativeAdmin.sv.js';

type Values = Partial<{ [K in keyof InitiativeDraftInput]: InitiativeDraftInput[K] | null }>;

/** A field's value in a comparison: a list as a list, empty as the word for empty. */
export const shownValue = (v: string | string[], empty: string): SafeHtml | string =>
  Array.isArray(v)
    ? v.length
      ? html`<ul>${v.map((x) => html`<li>${x}</li>`)}</ul>`
      : empty
    : v || empty;

export interface MergeChoicesParams {
  t: InitiativeAdminMessages;
  names: ValueNames;
  fields: InitiativeField[];
  /** The stored value (kept with the choice `theirs`) and the other side (`mine`). */
  theirs: Values;
  mine: Values;
  labels: { theirs: string; mine: string; keepTheirs: string; useMine: string };
  caption: string;
}

/**
 * The fields two people both changed, side by side, each with a required choice; posted as
 * `choice.<field>` = theirs | mine, with the list of fields in `conflicts` so that a post that
 * leaves one out is refused. Rendered inside the form that saves.
 */
export function mergeChoices(p: MergeChoicesParams): SafeHtml {
  const c = p.t.conflict;
  const show = (v: string | string[]) => shownValue(v, c.empty);
  const radio = (f: InitiativeField, value: MergeChoice, label: string) =>
    html`<div class="check"><input type="radio" id="choice-${f}-${value}" name="choice.${f}" value="${value}" required><label for="choice-${f}-${value}">${label}</label></div>`;
  return html`<input type="hidden" name="conflicts" value="${p.fields.join(',')}">
<table><caption>${p.caption}</caption>
<thead><tr><th scope="col">${c.field}</th><th scope="col">${p.labels.theirs}</th><th scope="col">${p.labels.mine}</th><th scope="col">${c.choose}</th></tr></thead>
<tbody>${p.fields.map(
    (f) =>
      html`<tr><th scope="row">${p.t.fields[f]}</th><td class="prewrap">${show(fieldValue(p.theirs, f, p.names))}</td><td class="prewrap">${show(fieldValue(p.mine, f, p.names))}</td><td><fieldset><legend>${p.t.fields[f]}</legend>${radio(f, 'theirs', p.labels.keepTheirs)}${radio(f, 'mine', p.labels.useMine)}</fieldset></td></tr>`,
  )}</tbody></table>`;
}

/** The choices posted with a merge: every listed field decided, or `missing` names the rest. */
export function readChoices(body: unknown): {
  choices: Partial<Record<InitiativeField, MergeChoice>>;
  missing: InitiativeField[];
} {
  const b = (body ?? {}) as Record<string, unknown>;
  const known = new Set<string>(initiativeFields);
  const listed = (typeof b.conflicts === 'string' ? b.conflicts.split(',') : []).filter(
    (f): f is InitiativeField => known.has(f),
  );
  const choices: Partial<Record<InitiativeField, MergeChoice>> = {};
  for (const f of initiativeFields) {
    const v = b[`choice.${f}`];
    if (v === 'mine' || v === 'theirs') choices[f] = v;
  }
  return { choices, missing: listed.filter((f) => !choices[f]) };
}
