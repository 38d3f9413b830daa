import type { Actor } from '../../domain/context.js';
import type {
  InitiativeDraft,
  InitiativeDraftInput,
} from '../../domain/initiatives/initiativeSchema.js';
import type { VersionConflict } from '../../domain/initiatives/updateInitiative.js';
import {
  differingFields,
  fieldValue,
  type FieldChange,
  type ValueNames,
} from '../../domain/initiatives/versionDiff.js';
import type { Issue } from '../../domain/result.js';
import { html, type SafeHtml } from '../html.js';
import type { Locale } from '../i18n/index.js';
import type { InitiativeAdminMessages } from '../i18n/initiativeAdmin.sv.js';
import { changesTable } from './initiativeChanges.js';
import { initiativeForm, type FormValues } from './initiativeForm.js';
import { mergeChoices, shownValue } from './mergeChoices.js';
import type { FormChoices } from './queries.js';

export interface EditPageParams {
  t: InitiativeAdminMessages;
  locale: Locale;
  actor: Actor;
  id: number;
  title: string;
  choices: FormChoices;
  values: FormValues;
  issues: Issue[];
  csrf: string;
  version: number;
  mode: 'direct' | 'proposal';
  /** Shown after submitting an incomplete draft: the issues name what is missing. */
  missing?: boolean;
  /** After a stale save: the saved version, compared with what the editor typed. */
  conflict?: { saved: VersionConflict; yours: InitiativeDraftInput; names: ValueNames };
  /** The values the form is made from, posted back for the three-way merge. */
  base?: InitiativeDraft;
  /** For a curator: the open proposal of the organisation, field by field. */
  pendingChanges?: FieldChange[] | null;
}

const when = (locale: Locale, d: Date) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'sv-SE', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(d);

/** The comparison shown after a stale save: the other person's values beside the editor's. */
function conflictSection(p: EditPageParams): SafeHtml | string {
  if (!p.conflict || p.conflict.saved.fields) return '';
  const { t } = p;
  const c = t.conflict;
  const { saved, yours, names } = p.conflict;
  const fields = differingFields(saved.values, yours, names);
  const show = (v: string | string[]) => shownValue(v, c.empty);
  return html`<section class="message" role="alert" aria-labelledby="conflict-heading">
<h2 id="conflict-heading">${c.heading}</h2>
<p>${c.lead(saved.changedBy ?? c.someone, when(p.locale, saved.changedAt), saved.version)}</p>
${
  fields.length === 0
    ? html`<p>${c.noDifference}</p>`
    : html`<table><caption>${c.caption}</caption>
<thead><tr><th scope="col">${c.field}</th><th scope="col">${c.theirs}</th><th scope="col">${c.yours}</th></tr></thead>
<tbody>${fields.map((f) => html`<tr><th scope="row">${t.fields[f]}</th><td class="prewrap">${show(fieldValue(saved.values, f, names))}</td><td class="prewrap">${show(fieldValue(yours, f, names))}</td></tr>`)}</tbody></table>`
}
</section>`;
}

/** After a merge with fields both changed: who saved, then each field with its choice (in the form). */
function mergeSection(p: EditPageParams): SafeHtml | string {
  const saved = p.conflict?.saved;
  if (!p.conflict || !saved?.fields) return '';
  const c = p.t.conflict;
  return html`<section class="message" role="alert" aria-labelledby="conflict-heading">
<h2 id="conflict-heading">${c.mergeHeading}</h2>
<p>${c.mergeLead(saved.changedBy ?? c.someone, when(p.locale, saved.changedAt), saved.version)}</p>
${p.issues.some((i) => i.field === 'conflicts') ? html`<p class="field-error" id="conflicts-error">${c.chooseEach}</p>` : ''}
${mergeChoices({
  t: p.t,
  names: p.conflict.names,
  fields: saved.fields,
  theirs: saved.values,
  mine: p.conflict.yours,
  labels: { theirs: c.theirs, mine: c.yours, keepTheirs: c.keepTheirs, useMine: c.useMine },
  caption: c.caption,
})}
</section>`;
}

/** For a curator editing a record with an open proposal: the proposal, and the way to decide it. */
function pendingSection(p: EditPageParams): SafeHtml | string {
  if (!p.pendingChanges) return '';
  const c = p.t.conflict;
  return html`<section class="message" aria-labelledby="pending-heading"><h2 id="pending-heading">${c.proposalOpenHeading}</h2>
<p>${c.proposalOpen}</p>
${changesTable(p.t, p.pendingChanges, p.t.detail.pendingChanges)}
<p><a href="/admin/insatser/${p.id}">${c.decideFirst}</a></p></section>`;
}

/** `/admin/insatser/:id/redigera`: the form prefilled, the version it was made from hidden. */
export function editPage(p: EditPageParams): SafeHtml {
  const { t } = p;
  return html`<h1>${t.edit.title(p.title)}</h1>
${conflictSection(p)}
${pendingSection(p)}
<p>${t.edit.versionNote(p.version)} <a href="/admin/insatser/${p.id}/historik">${t.edit.historyLink}</a></p>
${p.mode === 'proposal' ? html`<p class="message">${t.form.proposeHint}</p>` : ''}
${p.missing ? html`<p class="message" role="alert">${t.edit.missingBeforeSubmit}</p>` : ''}
${initiativeForm({
  actor: p.actor,
  choices: p.choices,
  values: p.values,
  issues: p.conflict ? [] : p.issues,
  csrf: p.csrf,
  action: `/admin/insatser/${p.id}/redigera`,
  version: p.version,
  ...(p.base ? { base: p.base } : {}),
  prelude: mergeSection(p),
  submitLabel: t.form.save,
  t,
})}`;
}
