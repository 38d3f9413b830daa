import type { Actor } from '../../domain/context.js';
import { isCurator } from '../../domain/actors/policies.js';
import {
  fundingSources,
  initiativeStatuses,
  partnerRoles,
  type InitiativeDraft,
  type InitiativeDraftInput,
} from '../../domain/initiatives/initiativeSchema.js';
import { issuesIn, type Issue } from '../../domain/result.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField, fieldId, formErrors } from '../auth/formParts.js';
import { initiativeAdminSv, type InitiativeAdminMessages } from '../i18n/initiativeAdmin.sv.js';
import type { FormChoices } from './queries.js';

/** Empty rows offered for partners and funding lines beyond those filled in; empty rows are ignored. */
export const PARTNER_ROWS = 3;
export const FUNDING_ROWS = 3;
/** The most rows of a list the form reads, so a crafted post cannot make it loop for long. */
const MAX_ROWS = 100;

/** The form as typed, every value a string, so a failed submit shows exactly what was sent. */
export type FormValues = Record<string, string | string[]>;

const one = (v: FormValues, k: string): string => {
  const x = v[k];
  return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
};
const many = (v: FormValues, k: string): string[] => {
  const x = v[k];
  return Array.isArray(x) ? x : x ? [x] : [];
};
const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));

/** How many rows of a list (`partners`, `funding`) the values hold, and room for more. */
function rowCount(values: FormValues, list: string, spare: number): number {
  let highest = -1;
  const re = new RegExp(`^${list}\\.(\\d+)\\.`);
  for (const k of Object.keys(values)) {
    const m = re.exec(k);
    if (m && one(values, k) !== '') highest = Math.max(highest, Number(m[1]));
  }
  return Math.min(MAX_ROWS, Math.max(spare, highest + 1 + 1));
}

/** Reads the posted form into the values to re-show and the command's input. */
export function readInitiativeForm(body: unknown): {
  values: FormValues;
  input: InitiativeDraftInput;
  version: number | null;
  base: InitiativeDraftInput | undefined;
} {
  const values: FormValues = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (k === '_csrf' || k === 'base' || k === 'conflicts' || k.startsWith('choice.')) continue;
    if (typeof v === 'string') values[k] = v.slice(0, 20_000);
    else if (Array.isArray(v)) values[k] = v.filter((x) => typeof x === 'string').slice(0, 300);
  }
  const partners: InitiativeDraftInput['partners'] = [];
  for (let i = 0; i < rowCount(values, 'partners', 0); i++) {
    const org = one(values, `partners.${i}.organisationId`);
    if (!org) continue;
    partners.push({
      organisationId: Number(org),
      role: one(values, `partners.${i}.role`) as (typeof partnerRoles)[number],
    });
  }
  const funding: NonNullable<InitiativeDraftInput['funding']> = [];
  for (let i = 0; i < rowCount(values, 'funding', 0); i++) {
    const source = one(values, `funding.${i}.source`);
    const amount = one(values, `funding.${i}.amountSek`);
    if (!source && !amount) continue;
    funding.push({
      source: source as (typeof fundingSources)[number],
      amountSek: num(amount.replace(/[\s ]/g, '')) as number,
      year: num(one(values, `funding.${i}.year`)) as number,
      funderOrganisationId: num(one(values, `funding.${i}.funderOrganisationId`)) ?? null,
    });
  }
  const input: InitiativeDraftInput = {
    title: one(values, 'title'),
    summary: one(values, 'summary'),
    description: one(values, 'description'),
    titleEn: one(values, 'titleEn') || null,
    summaryEn: one(values, 'summaryEn') || null,
    descriptionEn: one(values, 'descriptionEn') || null,
    status: (one(values, 'status') || null) as InitiativeDraftInput['status'],
    startDate: one(values, 'startDate').trim() || null,
    endDate: one(values, 'endDate') || null,
    ownerOrganisationId: num(one(values, 'ownerOrganisationId')) ?? 0,
    partners,
    funding,
    placeCodes: many(values, 'placeCodes'),
    goalIds: many(values, 'goalIds').map(Number),
    perspectiveIds: many(values, 'perspectiveIds').map(Number),
    sdgTargetCodes: one(values, 'sdgTargetCodes')
      .split(/[\s,;]+/)
      .filter(Boolean),
    measureIds: many(values, 'measureIds').map(Number),
    diarienummer: one(values, 'diarienummer') || null,
    contactEmail: one(values, 'contactEmail').trim() || null,
    exampleOfYear: num(one(values, 'exampleOfYear')) ?? null,
    isDemo: one(values, 'isDemo') === 'true',
  };
  const rawVersion = Number(one(values, 'version'));
  const version = Number.isSafeInteger(rawVersion) && rawVersion > 0 ? rawVersion : null;
  return { values, input, version, base: baseOf(body) };
}

/** The values the form was read at, posted back as JSON for the three-way merge. */
function baseOf(body: unknown): InitiativeDraftInput | undefined {
  const raw = (body as Record<string, unknown> | undefined)?.base;
  if (typeof raw !== 'string' || raw.length > 200_000) return undefined;
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v)
      ? (v as InitiativeDraftInput)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The form values of a stored initiative, for the edit page. */
export function formValuesOf(d: InitiativeDraft, version?: number): FormValues {
  const values: FormValues = {
    title: d.title,
    summary: d.summary,
    description: d.description,
    titleEn: d.titleEn ?? '',
    summaryEn: d.summaryEn ?? '',
    descriptionEn: d.descriptionEn ?? '',
    status: d.status ?? '',
    startDate: d.startDate ?? '',
    endDate: d.endDate ?? '',
    ownerOrganisationId: String(d.ownerOrganisationId),
    placeCodes: d.placeCodes,
    goalIds: d.goalIds.map(String),
    perspectiveIds: d.perspectiveIds.map(String),
    measureIds: d.measureIds.map(String),
    sdgTargetCodes: d.sdgTargetCodes.join(', '),
    diarienummer: d.diarienummer ?? '',
    contactEmail: d.contactEmail ?? '',
    exampleOfYear: d.exampleOfYear == null ? '' : String(d.exampleOfYear),
    isDemo: d.isDemo ? 'true' : '',
  };
  d.partners.forEach((p, i) => {
    values[`partners.${i}.organisationId`] = String(p.organisationId);
    values[`partners.${i}.role`] = p.role;
  });
  d.funding.forEach((f, i) => {
    values[`funding.${i}.source`] = f.source;
    values[`funding.${i}.amountSek`] = String(f.amountSek);
    values[`funding.${i}.year`] = String(f.year);
    values[`funding.${i}.funderOrganisationId`] =
      f.funderOrganisationId == null ? '' : String(f.funderOrganisationId);
  });
  if (version !== undefined) values.version = String(version);
  return values;
}

export interface InitiativeFormParams {
  actor: Actor;
  choices: FormChoices;
  values: FormValues;
  issues: Issue[];
  csrf: string;
  /** Where the form posts; the create route by default. */
  action?: string;
  /** The version being edited, posted back for the optimistic lock. */
  version?: number;
  /** The values the form was read at, posted back for the three-way merge. */
  base?: InitiativeDraft;
  /** Shown inside the form before the fields, such as the choices of a merge. */
  prelude?: SafeHtml | string;
  submitLabel?: string;
  t?: InitiativeAdminMessages;
}

export function initiativeForm(p: InitiativeFormParams): SafeHtml {
  const t = p.t ?? initiativeAdminSv;
  const l = t.fields;
  const tf = t.form;
  const f = formErrors(issuesIn(t === initiativeAdminSv ? 'sv' : 'en', p.issues));
  const v = p.values;
  const selected = (k: string, value: string | number) =>
    one(v, k) === String(value) ? html` selected` : '';
  const checked = (k: string, value: string | number) =>
    many(v, k).includes(String(value)) ? html` checked` : '';
  const text = (name: string, label: string, attrs: SafeHtml | string = '') =>
    html`<div class="field"><label for="${fieldId(name)}">${label}</label>${f.errorText(name)}
<input type="text" id="${fieldId(name)}" name="${name}" value="${one(v, name)}"${attrs}${f.describedBy(name)}></div>`;
  const area = (
    name: string,
    label: string,
    rows: number,
    max: number,
    attrs: SafeHtml | string = '',
  ) =>
    html`<div class="field"><label for="${name}">${label}</label>${f.errorText(name)}
<textarea id="${name}" name="${name}" rows="${rows}" maxlength="${max}"${attrs}${f.describedBy(name)}>${one(v, name)}</textarea></div>`;
  const ownerOrgs = isCurator(p.actor)
    ? p.choices.orgs
    : p.choices.orgs.filter(
        (o) => p.actor.kind === 'user' && p.actor.organisationIds.includes(o.id),
      );
  const orgOptions = (k: string, list = p.choices.orgs) =>
    list.map((o) => html`<option value="${o.id}"${selected(k, o.id)}>${o.name}</option>`);
  const checks = (name: string, idPrefix: string, items: { id: number | string; name: string }[]) =>
    items.map(
      (x) =>
        html`<div class="check"><input type="checkbox" id="${idPrefix}-${x.id}" name="${name}" value="${x.id}"${checked(name, x.id)}><label for="${idPrefix}-${x.id}">${x.name}</label></div>`,
    );
  const areas = [...new Set(p.choices.goals.map((g) => g.area))];
  const partnerRows = rowCount(v, 'partners', PARTNER_ROWS);
  const fundingRows = rowCount(v, 'funding', FUNDING_ROWS);
  return html`${f.summary(tf.errorSummary)}
<form method="post" action="${p.action ?? '/admin/insatser'}" novalidate>
${csrfField(p.csrf)}
${p.version !== undefined ? html`<input type="hidden" name="version" value="${p.version}">` : ''}
${p.base ? html`<input type="hidden" name="base" value="${JSON.stringify(p.base)}">` : ''}
${p.prelude ?? ''}
${text('title', l.title, html` maxlength="300" required`)}
${area('summary', l.summary, 3, 1000, html` required`)}
${area('description', l.description, 8, 20000)}
<div class="field"><label for="status">${l.status}</label>${f.errorText('status')}
<select id="status" name="status"${f.describedBy('status')}><option value="">${tf.chooseStatus}</option>${initiativeStatuses.map((s) => html`<option value="${s}"${selected('status', s)}>${t.statusNames[s]}</option>`)}</select></div>
<div class="field"><label for="startDate">${l.startDate} ${tf.dateHint}</label>${f.errorText('startDate')}
<input type="date" id="startDate" name="startDate" value="${one(v, 'startDate')}" required${f.describedBy('startDate')}></div>
<div class="field"><label for="endDate">${l.endDate} ${tf.dateHint}</label>${f.errorText('endDate')}
<input type="date" id="endDate" name="endDate" value="${one(v, 'endDate')}"${f.describedBy('endDate')}></div>
<div class="field"><label for="ownerOrganisationId">${l.ownerOrganisationId}</label>${f.errorText('ownerOrganisationId')}
<select id="ownerOrganisationId" name="ownerOrganisationId"${f.describedBy('ownerOrganisationId')}><option value="">${tf.chooseOrganisation}</option>${orgOptions('ownerOrganisationId', ownerOrgs)}</select></div>
<fieldset><legend>${tf.partnersLegend}</legend>
${Array.from({ length: partnerRows }, (_, i) => {
  const o = `partners.${i}.organisationId`;
  const r = `partners.${i}.role`;
  return html`<div class="field"><label for="${fieldId(o)}">${tf.partnerRow(i + 1)}: ${tf.organisation}</label>${f.errorText(o)}
<select id="${fieldId(o)}" name="${o}"${f.describedBy(o)}><option value="">${tf.none}</option>${orgOptions(o)}</select>
<label for="${fieldId(r)}">${tf.partnerRow(i + 1)}: ${tf.role}</label>${f.errorText(r)}
<select id="${fieldId(r)}" name="${r}"${f.describedBy(r)}>${partnerRoles.map((x) => html`<option value="${x}"${selected(r, x)}>${t.roleNames[x]}</option>`)}</select></div>`;
})}
</fieldset>
<fieldset><legend>${l.funding}</legend>
${Array.from({ length: fundingRows }, (_, i) => {
  const k = (s: string) => `funding.${i}.${s}`;
  const row = tf.fundingRow(i + 1);
  return html`<div class="field"><label for="${fieldId(k('source'))}">${row}: ${tf.source}</label>${f.errorText(k('source'))}
<select id="${fieldId(k('source'))}" name="${k('source')}"${f.describedBy(k('source'))}><option value="">${tf.none}</option>${fundingSources.map((s) => html`<option value="${s}"${selected(k('source'), s)}>${t.sourceNames[s]}</option>`)}</select>
<label for="${fieldId(k('amountSek'))}">${row}: ${tf.amount}</label>${f.errorText(k('amountSek'))}
<input type="text" inputmode="numeric" id="${fieldId(k('amountSek'))}" name="${k('amountSek')}" value="${one(v, k('amountSek'))}"${f.describedBy(k('amountSek'))}>
<label for="${fieldId(k('year'))}">${row}: ${tf.year}</label>${f.errorText(k('year'))}
<input type="text" inputmode="numeric" id="${fieldId(k('year'))}" name="${k('year')}" value="${one(v, k('year'))}"${f.describedBy(k('year'))}>
<label for="${fieldId(k('funderOrganisationId'))}">${row}: ${tf.funder}</label>${f.errorText(k('funderOrganisationId'))}
<select id="${fieldId(k('funderOrganisationId'))}" name="${k('funderOrganisationId')}"${f.describedBy(k('funderOrganisationId'))}><option value="">${tf.noFunder}</option>${orgOptions(k('funderOrganisationId'))}</select></div>`;
})}
</fieldset>
<fieldset id="placeCodes"${f.describedBy('placeCodes')}><legend>${l.placeCodes}</legend>${f.errorText('placeCodes')}
${checks(
  'placeCodes',
  'place',
  p.choices.places.map((pl) => ({ id: pl.code, name: pl.name })),
)}
</fieldset>
<fieldset id="goalIds"${f.describedBy('goalIds')}><legend>${l.goalIds}</legend>${f.errorText('goalIds')}
${areas.map(
  (a) =>
    html`<p><strong>${a}</strong></p>${checks(
      'goalIds',
      'goal',
      p.choices.goals.filter((g) => g.area === a),
    )}`,
)}
</fieldset>
<fieldset id="perspectiveIds"${f.describedBy('perspectiveIds')}><legend>${l.perspectiveIds}</legend>${f.errorText('perspectiveIds')}
${checks('perspectiveIds', 'perspective', p.choices.perspectives)}
</fieldset>
${
  p.choices.measures.length > 0
    ? html`<fieldset id="measureIds"${f.describedBy('measureIds')}><legend>${l.measureIds}</legend>${f.errorText('measureIds')}
${checks('measureIds', 'measure', p.choices.measures)}
</fieldset>`
    : ''
}
${text('sdgTargetCodes', tf.sdgHint)}
${text('diarienummer', l.diarienummer, html` maxlength="50"`)}
${text('contactEmail', l.contactEmail, html` autocomplete="off"`)}
${text('exampleOfYear', l.exampleOfYear, html` inputmode="numeric"`)}
<fieldset><legend>${tf.englishLegend}</legend>
<p>${tf.englishHint}</p>
${text('titleEn', l.titleEn, html` maxlength="300" lang="en"`)}
${area('summaryEn', l.summaryEn, 3, 1000, html` lang="en"`)}
${area('descriptionEn', l.descriptionEn, 8, 20000, html` lang="en"`)}
</fieldset>
${one(v, 'isDemo') === 'true' ? html`<input type="hidden" name="isDemo" value="true">` : ''}
<button type="submit">${p.submitLabel ?? tf.saveDraft}</button>
</form>`;
}
