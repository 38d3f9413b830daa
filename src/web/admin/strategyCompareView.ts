import type {
  GoalComparison,
  StrategyComparison,
  TextChange,
} from '../../domain/drafting/compare.js';
import type { AdoptionRow, VersionContent } from '../../domain/drafting/queries.js';
import type { DiffPart } from '../../domain/text/wordDiff.js';
import { csrfField, fieldId } from '../auth/formParts.js';
import { html, type SafeHtml } from '../html.js';
import type { Locale } from '../i18n/index.js';
import type { StrategyMessages } from '../i18n/strategy.sv.js';
import { formFields, many, type FormState } from './strategyFormParts.js';
import { STRATEGY_PATH } from './strategyViews.js';

const name = (locale: Locale, r: { nameSv: string; nameEn: string }) =>
  locale === 'sv' ? r.nameSv : r.nameEn;

/** A word diff as text with <del> and <ins>, each announced for screen readers. */
function diffHtml(t: StrategyMessages, parts: DiffPart[]): SafeHtml {
  return html`${parts.map((p) =>
    p.op === 'same'
      ? p.text
      : p.op === 'removed'
        ? html`<del><span class="visually-hidden">${t.diffRemoved} </span>${p.text}</del>`
        : html`<ins><span class="visually-hidden">${t.diffAdded} </span>${p.text}</ins>`,
  )}`;
}

function changeList(t: StrategyMessages, changes: TextChange[]): SafeHtml | string {
  if (changes.length === 0) return '';
  return html`<dl>${changes.map((c) => html`<dt>${t.fieldNames[c.field] ?? c.field}</dt><dd class="prewrap">${diffHtml(t, c.diff)}</dd>`)}</dl>`;
}

function goalCell(locale: Locale, g: GoalComparison['before']): SafeHtml | string {
  if (!g) return '–';
  const description = locale === 'sv' ? g.descriptionSv : g.descriptionEn;
  return html`<strong>${g.code}</strong> ${name(locale, g)}${description ? html`<br><span class="prewrap">${description}</span>` : ''}`;
}

/** `/admin/strategi/:id/jamforelse`: the draft beside the adopted version, per goal area and goal. */
export function comparisonView(p: {
  t: StrategyMessages;
  locale: Locale;
  comparison: StrategyComparison;
}): SafeHtml {
  const { t, locale, comparison: c } = p;
  const base = `${STRATEGY_PATH}/${c.draft.id}`;
  return html`<p><a href="${base}">${name(locale, c.draft)}</a></p>
<h1>${t.compareTitle(name(locale, c.draft))}</h1>
<p>${t.compareLead(name(locale, c.base), name(locale, c.draft))}</p>
<table><caption>${t.summaryCaption}</caption>
<thead><tr><th scope="col">${t.colChange}</th><th scope="col">${t.colCount}</th></tr></thead>
<tbody>${(['added', 'changed', 'moved', 'removed', 'unchanged'] as const).map((k) => html`<tr><th scope="row">${t.changeNames[k]}</th><td>${c.counts[k]}</td></tr>`)}</tbody></table>
<h2>${t.visionHeading}</h2>
${c.vision.length === 0 ? html`<p>${t.visionUnchanged}</p>` : changeList(t, c.vision)}
${c.areas.map((a) => {
  const areaName = name(locale, a.after ?? a.before!);
  return html`<section aria-labelledby="jamfor-${a.after?.id ?? `x${a.before!.id}`}">
<h2 id="jamfor-${a.after?.id ?? `x${a.before!.id}`}">${areaName} <small>(${t.changeNames[a.status]})</small></h2>
${a.changes.length > 0 ? html`<p>${t.areaChanged}</p>${changeList(t, a.changes)}` : ''}
<table class="comparison"><caption>${t.compareCaption(areaName)}</caption>
<thead><tr><th scope="col">${t.colChange}</th><th scope="col">${t.colBefore}</th><th scope="col">${t.colAfter}</th></tr></thead>
<tbody>${a.goals.map(
    (g) =>
      html`<tr><th scope="row">${t.changeNames[g.status]}${g.moved && g.changed ? html`, ${t.changeNames.changed!.toLowerCase()}` : ''}${g.movedFrom ? html`<br><small>${t.movedFrom(name(locale, g.movedFrom))}</small>` : ''}</th>
<td>${goalCell(locale, g.before)}</td>
<td>${goalCell(locale, g.after)}${changeList(t, g.changes)}</td></tr>`,
  )}</tbody></table>
</section>`;
})}`;
}

/** `/admin/strategi/:id/anta`: decision fields and the mapping table from old goals to new. */
export function adoptionView(p: {
  t: StrategyMessages;
  locale: Locale;
  draft: VersionContent;
  currentName: string | null;
  rows: AdoptionRow[];
  csrf: string;
  state: FormState;
}): SafeHtml {
  const { t, locale, draft } = p;
  const base = `${STRATEGY_PATH}/${draft.strategy.id}`;
  const f = formFields(p.state);
  const draftGoals = draft.areas.flatMap((a) => a.goals.map((g) => ({ ...g, area: a })));
  const err = (field: string) => p.state.issues.find((i) => i.field === field);
  const rowsHtml = p.rows.map((r) => {
    const field = `goalMapping.${r.fromGoal.id}`;
    const chosen = new Set(many(p.state.values[`map-${r.fromGoal.id}`] as string[] | undefined));
    const leave = many(p.state.values.leaveUnmapped as string[] | undefined).includes(
      String(r.fromGoal.id),
    );
    const e = err(field);
    const id = fieldId(field);
    return html`<tr><th scope="row" id="${id}-old">${r.fromGoal.code} ${locale === 'sv' ? r.fromGoal.nameSv : r.fromGoal.nameEn}</th><td>${r.initiativeCount}</td>
<td>${e ? html`<p class="field-error" id="${id}-error">${e.message}</p>` : ''}<label class="visually-hidden" for="${id}">${t.colNewGoals}: ${r.fromGoal.code}</label><select multiple size="4" id="${id}" name="map-${r.fromGoal.id}"${e ? html` aria-describedby="${id}-error" aria-invalid="true"` : ''}>${draftGoals.map((g) => html`<option value="${g.id}"${chosen.has(String(g.id)) ? html` selected` : ''}>${g.code} ${name(locale, g)}</option>`)}</select>
${r.initiativeCount > 0 ? html`<div><input type="checkbox" id="${id}-leave" name="leaveUnmapped" value="${r.fromGoal.id}"${leave ? html` checked` : ''}> <label for="${id}-leave">${t.leaveUnmappedNamed(r.fromGoal.code)}</label></div>` : ''}</td></tr>`;
  });
  return html`<p><a href="${base}">${name(locale, draft.strategy)}</a></p>
<h1>${t.adoptTitle(name(locale, draft.strategy))}</h1>
<p>${p.currentName ? t.adoptLead(p.currentName) : t.adoptFirst}</p>
${f.summary(t.errorsTitle)}
<form method="post" action="${base}/anta" novalidate>${csrfField(p.csrf)}
<fieldset><legend>${t.decisionLegend}</legend>
${f.input('decisionDate', t.decisionDate, { required: true })}
${f.input('diarienummer', t.diarienummer, { required: true })}
</fieldset>
${
  p.rows.length > 0
    ? html`<fieldset id="goalMapping"><legend>${t.mappingLegend}</legend>
<p>${t.mappingHelp}</p>
${err('goalMapping') ? html`<p class="field-error">${err('goalMapping')!.message}</p>` : ''}
<table><caption>${t.mappingCaption}</caption>
<thead><tr><th scope="col">${t.colOldGoal}</th><th scope="col">${t.colInitiatives}</th><th scope="col">${t.colNewGoals}</th></tr></thead>
<tbody>${rowsHtml}</tbody></table></fieldset>`
    : ''
}
<button type="submit">${t.adoptButton}</button>
</form>`;
}
