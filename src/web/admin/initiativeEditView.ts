import type { Actor } from '../../domain/context.js';
import type { InitiativeDraftInput } from '../../domain/initiatives/initiativeSchema.js';
import type { VersionConflict } from '../../domain/initiatives/updateInitiative.js';
import {
  differingFields,
  fieldValue,
  type ValueNames,
} from '../../domain/initiatives/versionDiff.js';
import type { Issue } from '../../domain/result.js';
import { html, type SafeHtml } from '../html.js';
import type { Locale } from '../i18n/index.js';
import type { InitiativeAdminMessages } from '../i18n/initiativeAdmin.sv.js';
import { initiativeForm, type FormValues } from './initiativeForm.js';
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
}

const when = (locale: Locale, d: Date) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'sv-SE', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(d);

/** The comparison shown after a stale save: the other person's values beside the editor's. */
function conflictSection(p: EditPageParams): SafeHtml | string {
  if (!p.conflict) return '';
  const { t } = p;
  const c = t.conflict;
  const { saved, yours, names } = p.conflict;
  const fields = differingFields(saved.values, yours, names);
  const show = (v: string | string[]): SafeHtml | string =>
    Array.isArray(v)
      ? v.length
        ? html`<ul>${v.map((x) => html`<li>${x}</li>`)}</ul>`
        : c.empty
      : v || c.empty;
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

/** `/admin/insatser/:id/redigera`: the form prefilled, the version it was made from hidden. */
export function editPage(p: EditPageParams): SafeHtml {
  const { t } = p;
  return html`<h1>${t.edit.title(p.title)}</h1>
${conflictSection(p)}
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
  submitLabel: t.form.save,
  t,
})}`;
}
