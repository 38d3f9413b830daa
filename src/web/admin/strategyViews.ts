import type { ContentKind, EditMode } from '../../domain/drafting/content.js';
import type { VersionContent, VersionSummary } from '../../domain/drafting/queries.js';
import { csrfField } from '../auth/formParts.js';
import { html, type SafeHtml } from '../html.js';
import type { Locale } from '../i18n/index.js';
import type { StrategyMessages } from '../i18n/strategy.sv.js';
import { formFields, type FormState } from './strategyFormParts.js';

export const STRATEGY_PATH = '/admin/strategi';

/** URL segments of the content kinds, Swedish like the rest of the admin area. */
export const kindSegments: Record<ContentKind, string> = {
  goalArea: 'malomrade',
  goal: 'mal',
  perspective: 'perspektiv',
  programme: 'program',
  measure: 'atgard',
};

const name = (locale: Locale, r: { nameSv: string; nameEn: string }) =>
  locale === 'sv' ? r.nameSv : r.nameEn;

export function statusLabel(t: StrategyMessages, s: { status: string; isCurrent: boolean }) {
  if (s.isCurrent) return t.statusCurrent;
  if (s.status === 'draft') return t.statusDraft;
  if (s.status === 'archived') return t.statusArchived;
  return t.statusAdopted;
}

const notices = (notice?: string | null, error?: string | null): SafeHtml =>
  html`${notice ? html`<p class="message" role="status">${notice}</p>` : ''}${error ? html`<div class="message" role="alert"><p>${error}</p></div>` : ''}`;

/** `/admin/strategi`: every version, and the form that starts a draft from the current one. */
export function versionsView(p: {
  t: StrategyMessages;
  locale: Locale;
  versions: VersionSummary[];
  csrf: string;
  form: FormState;
  notice?: string | null;
}): SafeHtml {
  const { t, locale } = p;
  const current = p.versions.find((v) => v.isCurrent);
  const f = formFields(p.form);
  return html`<h1>${t.title}</h1>
<p>${t.lead}</p>
${notices(p.notice)}
<table><caption>${t.versionsCaption}</caption>
<thead><tr><th scope="col">${t.colName}</th><th scope="col">${t.colPeriod}</th><th scope="col">${t.colStatus}</th><th scope="col">${t.colGoals}</th><th scope="col">${t.colDecision}</th></tr></thead>
<tbody>${p.versions.map(
    (v) =>
      html`<tr><th scope="row"><a href="${STRATEGY_PATH}/${v.id}">${name(locale, v)}</a>${v.derivedFromName ? html`<br><small>${t.derivedFrom(v.derivedFromName)}</small>` : ''}</th><td>${t.periodText(v.periodStart, v.periodEnd)}</td><td>${statusLabel(t, v)}</td><td>${v.goalCount}</td><td>${v.adoptedOn && v.diarienummer ? t.decision(v.adoptedOn, v.diarienummer) : (v.adoptedOn ?? '')}</td></tr>`,
  )}</tbody></table>
<section aria-labelledby="starta-rubrik">
<h2 id="starta-rubrik">${t.startHeading}</h2>
${
  current
    ? html`<p>${t.startHelp(name(locale, current))}</p>
${f.summary(t.errorsTitle)}
<form method="post" action="${STRATEGY_PATH}/utkast" novalidate>${csrfField(p.csrf)}
<input type="hidden" name="fromStrategyId" value="${current.id}">
${f.input('slug', t.slug, { required: true })}
${f.input('nameSv', t.nameSv, { required: true })}
${f.input('nameEn', t.nameEn, { required: true })}
${f.input('periodStart', t.periodStart, { required: true, inputmode: 'numeric' })}
${f.input('periodEnd', t.periodEnd, { required: true, inputmode: 'numeric' })}
<button type="submit">${t.startButton}</button>
</form>`
    : html`<p>${t.noCurrent}</p>`
}
</section>`;
}

/** A small POST form with one button, for move and remove. */
function actionButton(
  csrf: string,
  action: string,
  label: string,
  accessibleName: string,
  hidden: Record<string, string> = {},
): SafeHtml {
  return html`<form method="post" action="${action}" class="inline-form">${csrfField(csrf)}${Object.entries(hidden).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}<button type="submit" aria-label="${accessibleName}">${label}</button></form>`;
}

/** `/admin/strategi/:id`: a version's content with its edit, move and remove actions. */
export function versionView(p: {
  t: StrategyMessages;
  locale: Locale;
  content: VersionContent;
  mode: EditMode;
  csrf: string;
  details: FormState;
  notice?: string | null;
  error?: string | null;
}): SafeHtml {
  const { t, locale, content, mode, csrf } = p;
  const s = content.strategy;
  const base = `${STRATEGY_PATH}/${s.id}`;
  const full = mode === 'full';
  const editLink = (kind: ContentKind, id: number, label: string) =>
    mode === 'none'
      ? ''
      : html`<a href="${base}/${kindSegments[kind]}/${id}" aria-label="${t.editNamed(label)}">${t.edit}</a>`;
  const itemActions = (
    kind: ContentKind,
    id: number,
    label: string,
    ordered: boolean,
  ): SafeHtml | string => {
    if (!full) return editLink(kind, id, label);
    const path = `${base}/${kindSegments[kind]}/${id}`;
    return html`${editLink(kind, id, label)}
${ordered ? actionButton(csrf, `${path}/flytta`, t.moveUp, t.moveUpNamed(label), { direction: 'up' }) : ''}
${ordered ? actionButton(csrf, `${path}/flytta`, t.moveDown, t.moveDownNamed(label), { direction: 'down' }) : ''}
${actionButton(csrf, `${path}/ta-bort`, t.remove, t.removeNamed(label))}`;
  };
  const f = formFields(p.details);
  const details = full
    ? html`<section aria-labelledby="uppgifter-rubrik"><h2 id="uppgifter-rubrik">${t.detailsHeading}</h2>
${f.summary(t.errorsTitle)}
<form method="post" action="${base}/uppgifter" novalidate>${csrfField(csrf)}${p.details.extra ?? ''}
${f.input('nameSv', t.nameSv, { required: true })}
${f.input('nameEn', t.nameEn, { required: true })}
${f.input('periodStart', t.periodStart, { required: true, inputmode: 'numeric' })}
${f.input('periodEnd', t.periodEnd, { required: true, inputmode: 'numeric' })}
${f.textarea('visionSv', t.visionSv, 5)}
${f.textarea('visionEn', t.visionEn, 5)}
<button type="submit">${t.saveDetails}</button>
</form></section>`
    : html`<h2>${t.visionTitle}</h2><p class="prewrap">${locale === 'sv' ? s.visionSv : s.visionEn}</p>`;

  return html`<p><a href="${STRATEGY_PATH}">${t.backToVersions}</a></p>
<h1>${name(locale, s)}</h1>
<p>${statusLabel(t, s)} · ${t.periodText(s.periodStart, s.periodEnd)}</p>
<p>${t.versionLead[mode]}</p>
${notices(p.notice, p.error)}
${full ? html`<ul class="links"><li><a href="${base}/jamforelse">${t.compareLink}</a></li><li><a href="${base}/anta">${t.adoptLink}</a></li></ul>` : ''}
${details}
<section aria-labelledby="omraden-rubrik"><h2 id="omraden-rubrik">${t.areasHeading}</h2>
${content.areas.map((a) => {
  const areaName = name(locale, a);
  return html`<section aria-labelledby="omrade-${a.id}">
<h3 id="omrade-${a.id}">${areaName}</h3>
<div class="actions">${itemActions('goalArea', a.id, areaName, true)}</div>
${
  a.goals.length === 0
    ? html`<p>${t.nothingYet}</p>`
    : html`<table><caption>${t.goalsCaption(areaName)}</caption>
<thead><tr><th scope="col">${t.colCode}</th><th scope="col">${t.colGoal}</th><th scope="col">${t.colIndicators}</th>${mode === 'none' ? '' : html`<th scope="col">${t.colActions}</th>`}</tr></thead>
<tbody>${a.goals.map((g) => {
        const label = `${g.code} ${name(locale, g)}`;
        return html`<tr><td>${g.code}</td><th scope="row">${name(locale, g)}</th><td>${g.indicators.map((i) => name(locale, i)).join(', ')}</td>${mode === 'none' ? '' : html`<td>${itemActions('goal', g.id, label, true)}</td>`}</tr>`;
      })}</tbody></table>`
}
${full ? html`<p><a href="${base}/mal/ny?malomrade=${a.id}">${t.addGoal}</a></p>` : ''}
</section>`;
})}
${full ? html`<p><a href="${base}/malomrade/ny">${t.addArea}</a></p>` : ''}
</section>
<section aria-labelledby="perspektiv-rubrik"><h2 id="perspektiv-rubrik">${t.perspectivesHeading}</h2>
${
  content.perspectives.length === 0
    ? html`<p>${t.nothingYet}</p>`
    : html`<table><caption class="visually-hidden">${t.perspectivesCaption}</caption>
<thead><tr><th scope="col">${t.name}</th>${mode === 'none' ? '' : html`<th scope="col">${t.colActions}</th>`}</tr></thead>
<tbody>${content.perspectives.map((x) => html`<tr><th scope="row">${name(locale, x)}</th>${mode === 'none' ? '' : html`<td>${itemActions('perspective', x.id, name(locale, x), true)}</td>`}</tr>`)}</tbody></table>`
}
${full ? html`<p><a href="${base}/perspektiv/ny">${t.addPerspective}</a></p>` : ''}
</section>
<section aria-labelledby="program-rubrik"><h2 id="program-rubrik">${t.programmesHeading}</h2>
${content.programmes.length === 0 ? html`<p>${t.nothingYet}</p>` : ''}
${content.programmes.map((pr) => {
  const prName = name(locale, pr);
  return html`<section aria-labelledby="program-${pr.id}"><h3 id="program-${pr.id}">${prName}</h3>
<div class="actions">${itemActions('programme', pr.id, prName, false)}</div>
${
  pr.measures.length === 0
    ? html`<p>${t.nothingYet}</p>`
    : html`<table><caption>${t.measuresCaption(prName)}</caption>
<thead><tr><th scope="col">${t.colCode}</th><th scope="col">${t.name}</th>${mode === 'none' ? '' : html`<th scope="col">${t.colActions}</th>`}</tr></thead>
<tbody>${pr.measures.map((m) => html`<tr><td>${m.code}</td><th scope="row">${name(locale, m)}</th>${mode === 'none' ? '' : html`<td>${itemActions('measure', m.id, `${m.code} ${name(locale, m)}`, false)}</td>`}</tr>`)}</tbody></table>`
}
${full ? html`<p><a href="${base}/atgard/ny?program=${pr.id}">${t.addMeasure}</a></p>` : ''}
</section>`;
})}
${full ? html`<p><a href="${base}/program/ny">${t.addProgramme}</a></p>` : ''}
</section>`;
}

/** The form of one goal area, goal, perspective, programme or measure (add or change). */
export function itemFormView(p: {
  t: StrategyMessages;
  locale: Locale;
  content: VersionContent;
  kind: ContentKind;
  itemId: number | null;
  itemName: string | null;
  mode: EditMode;
  csrf: string;
  state: FormState;
}): SafeHtml {
  const { t, locale, content, kind, mode } = p;
  const s = content.strategy;
  const base = `${STRATEGY_PATH}/${s.id}`;
  const action = `${base}/${kindSegments[kind]}/${p.itemId ?? 'ny'}`;
  const kindName = t.kindNames[kind]!;
  const full = mode === 'full';
  const f = formFields(p.state);
  const texts = html`${f.input('nameSv', t.nameSv, { required: true })}
${f.input('nameEn', t.nameEn, { required: true })}
${f.textarea('descriptionSv', t.descriptionSv)}
${kind === 'programme' || kind === 'measure' ? '' : f.textarea('descriptionEn', t.descriptionEn)}`;
  let structure: SafeHtml | string = '';
  if (full && (kind === 'goalArea' || kind === 'perspective')) {
    structure = f.input('slug', t.slug, { required: true });
  }
  if (full && kind === 'goal') {
    structure = html`${f.select(
      'goalAreaId',
      t.goalArea,
      content.areas.map((a) => ({ value: a.id, label: name(locale, a) })),
    )}${f.input('code', t.code, { required: true })}`;
  }
  if (full && kind === 'programme') {
    structure = html`${f.input('slug', t.slug, { required: true })}
${f.input('periodStart', t.periodStart, { required: true, inputmode: 'numeric' })}
${f.input('periodEnd', t.periodEnd, { required: true, inputmode: 'numeric' })}
${f.checkboxes(
  'goalAreaIds',
  t.goalAreasLegend,
  content.areas.map((a) => ({ value: a.id, label: name(locale, a) })),
)}`;
  }
  if (full && kind === 'measure') {
    structure = html`${f.select(
      'programmeId',
      t.programme,
      content.programmes.map((pr) => ({ value: pr.id, label: name(locale, pr) })),
    )}${f.input('code', t.code, { required: true })}`;
  }
  const colour = kind === 'goalArea' ? f.input('colour', t.colour, { required: true }) : '';
  return html`<p><a href="${base}">${name(locale, s)}</a></p>
<h1>${p.itemId === null ? t.addTitle(kindName) : t.editTitle(kindName, p.itemName ?? '')}</h1>
<p>${t.inVersion(name(locale, s))}${full ? '' : html`. ${t.textsOnly}`}</p>
${f.summary(t.errorsTitle)}
<form method="post" action="${action}" novalidate>${csrfField(p.csrf)}${p.state.extra ?? ''}
${structure}
${texts}
${colour}
<button type="submit">${t.save}</button> <a href="${base}">${t.cancel}</a>
</form>`;
}
