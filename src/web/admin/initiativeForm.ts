import type { Actor } from '../../domain/context.js';
import { isCurator } from '../../domain/actors/policies.js';
import {
  fundingSources,
  initiativeStatuses,
  partnerRoles,
  type InitiativeInput,
} from '../../domain/initiatives/initiativeSchema.js';
import type { Issue } from '../../domain/result.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField, fieldId, formErrors } from '../auth/formParts.js';
import type { FormChoices } from './queries.js';

/** Rows offered for partners and funding lines; empty rows are ignored. */
export const PARTNER_ROWS = 3;
export const FUNDING_ROWS = 3;

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

/** Reads the posted form into the values to re-show and the command's input. */
export function readInitiativeForm(body: unknown): { values: FormValues; input: InitiativeInput } {
  const values: FormValues = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') values[k] = v.slice(0, 20_000);
    else if (Array.isArray(v)) values[k] = v.filter((x) => typeof x === 'string').slice(0, 300);
  }
  const partners: InitiativeInput['partners'] = [];
  for (let i = 0; i < PARTNER_ROWS; i++) {
    const org = one(values, `partners.${i}.organisationId`);
    if (!org) continue;
    partners.push({
      organisationId: Number(org),
      role: one(values, `partners.${i}.role`) as (typeof partnerRoles)[number],
    });
  }
  const funding: NonNullable<InitiativeInput['funding']> = [];
  for (let i = 0; i < FUNDING_ROWS; i++) {
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
  const input: InitiativeInput = {
    title: one(values, 'title'),
    summary: one(values, 'summary'),
    description: one(values, 'description'),
    status: one(values, 'status') as InitiativeInput['status'],
    startDate: one(values, 'startDate'),
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
    diarienummer: one(values, 'diarienummer') || null,
    contactEmail: one(values, 'contactEmail').trim() || null,
    exampleOfYear: num(one(values, 'exampleOfYear')) ?? null,
  };
  return { values, input };
}

const statusNames: Record<string, string> = {
  planerad: 'Planerad',
  pagaende: 'Pågående',
  avslutad: 'Avslutad',
  avbruten: 'Avbruten',
};
const roleNames: Record<string, string> = {
  lead: 'Huvudansvarig',
  partner: 'Partner',
  funder: 'Finansiär',
  implementer: 'Genomförare',
};
const sourceNames: Record<string, string> = {
  'regionala-utvecklingsmedel': 'Regionala utvecklingsmedel',
  eruf: 'ERUF',
  'esf-plus': 'ESF+',
  interreg: 'Interreg',
  tillvaxtverket: 'Tillväxtverket',
  kommun: 'Kommun',
  region: 'Region',
  privat: 'Privat',
  statlig: 'Statlig',
  ovrig: 'Övrig',
};

export interface InitiativeFormParams {
  actor: Actor;
  choices: FormChoices;
  values: FormValues;
  issues: Issue[];
  csrf: string;
}

export function initiativeForm(p: InitiativeFormParams): SafeHtml {
  const f = formErrors(p.issues);
  const v = p.values;
  const selected = (k: string, value: string | number) =>
    one(v, k) === String(value) ? html` selected` : '';
  const checked = (k: string, value: string | number) =>
    many(v, k).includes(String(value)) ? html` checked` : '';
  const text = (name: string, label: string, attrs: SafeHtml | string = '') =>
    html`<div class="field"><label for="${fieldId(name)}">${label}</label>${f.errorText(name)}
<input type="text" id="${fieldId(name)}" name="${name}" value="${one(v, name)}"${attrs}${f.describedBy(name)}></div>`;
  const ownerOrgs = isCurator(p.actor)
    ? p.choices.orgs
    : p.choices.orgs.filter(
        (o) => p.actor.kind === 'user' && p.actor.organisationIds.includes(o.id),
      );
  const orgOptions = (k: string, list = p.choices.orgs) =>
    list.map((o) => html`<option value="${o.id}"${selected(k, o.id)}>${o.name}</option>`);
  const areas = [...new Set(p.choices.goals.map((g) => g.area))];
  return html`${f.summary('Rätta följande')}
<form method="post" action="/admin/insatser" novalidate>
${csrfField(p.csrf)}
${text('title', 'Rubrik', html` maxlength="300" required`)}
<div class="field"><label for="summary">Sammanfattning</label>${f.errorText('summary')}
<textarea id="summary" name="summary" rows="3" maxlength="1000" required${f.describedBy('summary')}>${one(v, 'summary')}</textarea></div>
<div class="field"><label for="description">Beskrivning</label>${f.errorText('description')}
<textarea id="description" name="description" rows="8" maxlength="20000"${f.describedBy('description')}>${one(v, 'description')}</textarea></div>
<div class="field"><label for="status">Status</label>${f.errorText('status')}
<select id="status" name="status"${f.describedBy('status')}><option value="">Välj status</option>${initiativeStatuses.map((s) => html`<option value="${s}"${selected('status', s)}>${statusNames[s]}</option>`)}</select></div>
<div class="field"><label for="startDate">Startdatum (ÅÅÅÅ-MM-DD)</label>${f.errorText('startDate')}
<input type="date" id="startDate" name="startDate" value="${one(v, 'startDate')}" required${f.describedBy('startDate')}></div>
<div class="field"><label for="endDate">Slutdatum (ÅÅÅÅ-MM-DD)</label>${f.errorText('endDate')}
<input type="date" id="endDate" name="endDate" value="${one(v, 'endDate')}"${f.describedBy('endDate')}></div>
<div class="field"><label for="ownerOrganisationId">Ägande organisation</label>${f.errorText('ownerOrganisationId')}
<select id="ownerOrganisationId" name="ownerOrganisationId"${f.describedBy('ownerOrganisationId')}><option value="">Välj organisation</option>${orgOptions('ownerOrganisationId', ownerOrgs)}</select></div>
<fieldset><legend>Partner</legend>
${Array.from({ length: PARTNER_ROWS }, (_, i) => {
  const o = `partners.${i}.organisationId`;
  const r = `partners.${i}.role`;
  return html`<div class="field"><label for="${fieldId(o)}">Partner ${i + 1}: organisation</label>${f.errorText(o)}
<select id="${fieldId(o)}" name="${o}"${f.describedBy(o)}><option value="">Ingen</option>${orgOptions(o)}</select>
<label for="${fieldId(r)}">Partner ${i + 1}: roll</label>${f.errorText(r)}
<select id="${fieldId(r)}" name="${r}"${f.describedBy(r)}>${partnerRoles.map((x) => html`<option value="${x}"${selected(r, x)}>${roleNames[x]}</option>`)}</select></div>`;
})}
</fieldset>
<fieldset><legend>Finansiering</legend>
${Array.from({ length: FUNDING_ROWS }, (_, i) => {
  const k = (s: string) => `funding.${i}.${s}`;
  return html`<div class="field"><label for="${fieldId(k('source'))}">Rad ${i + 1}: källa</label>${f.errorText(k('source'))}
<select id="${fieldId(k('source'))}" name="${k('source')}"${f.describedBy(k('source'))}><option value="">Ingen</option>${fundingSources.map((s) => html`<option value="${s}"${selected(k('source'), s)}>${sourceNames[s]}</option>`)}</select>
<label for="${fieldId(k('amountSek'))}">Rad ${i + 1}: belopp i kronor</label>${f.errorText(k('amountSek'))}
<input type="text" inputmode="numeric" id="${fieldId(k('amountSek'))}" name="${k('amountSek')}" value="${one(v, k('amountSek'))}"${f.describedBy(k('amountSek'))}>
<label for="${fieldId(k('year'))}">Rad ${i + 1}: år</label>${f.errorText(k('year'))}
<input type="text" inputmode="numeric" id="${fieldId(k('year'))}" name="${k('year')}" value="${one(v, k('year'))}"${f.describedBy(k('year'))}>
<label for="${fieldId(k('funderOrganisationId'))}">Rad ${i + 1}: finansiär</label>
<select id="${fieldId(k('funderOrganisationId'))}" name="${k('funderOrganisationId')}"><option value="">Ingen angiven</option>${orgOptions(k('funderOrganisationId'))}</select></div>`;
})}
</fieldset>
<fieldset id="placeCodes"${f.describedBy('placeCodes')}><legend>Platser</legend>${f.errorText('placeCodes')}
${p.choices.places.map((pl) => html`<div class="check"><input type="checkbox" id="place-${pl.code}" name="placeCodes" value="${pl.code}"${checked('placeCodes', pl.code)}><label for="place-${pl.code}">${pl.name}</label></div>`)}
</fieldset>
<fieldset id="goalIds"${f.describedBy('goalIds')}><legend>Mål</legend>${f.errorText('goalIds')}
${areas.map(
  (area) =>
    html`<p><strong>${area}</strong></p>${p.choices.goals
      .filter((g) => g.area === area)
      .map(
        (g) =>
          html`<div class="check"><input type="checkbox" id="goal-${g.id}" name="goalIds" value="${g.id}"${checked('goalIds', g.id)}><label for="goal-${g.id}">${g.name}</label></div>`,
      )}`,
)}
</fieldset>
<fieldset id="perspectiveIds"><legend>Horisontella perspektiv</legend>${f.errorText('perspectiveIds')}
${p.choices.perspectives.map((x) => html`<div class="check"><input type="checkbox" id="perspective-${x.id}" name="perspectiveIds" value="${x.id}"${checked('perspectiveIds', x.id)}><label for="perspective-${x.id}">${x.name}</label></div>`)}
</fieldset>
${text('sdgTargetCodes', 'Delmål i Agenda 2030 (t.ex. 4.4, 8.2)')}
${text('diarienummer', 'Diarienummer', html` maxlength="50"`)}
${text('contactEmail', 'Kontakt (funktionsbrevlåda)', html` autocomplete="off"`)}
${text('exampleOfYear', 'Årets exempel (år)', html` inputmode="numeric"`)}
<button type="submit">Spara utkast</button>
</form>`;
}
