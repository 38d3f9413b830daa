import type { IndicatorInput } from '../../domain/followup/defineIndicator.js';
import type {
  IndicatorFields,
  indicatorFormChoices,
} from '../../domain/followup/indicatorQueries.js';
import type { Issue } from '../../domain/result.js';
import { csrfField, fieldId, formErrors } from '../auth/formParts.js';
import { html, type SafeHtml } from '../html.js';
import type { followupAdminSv } from '../i18n/followupAdmin.sv.js';

export const INDICATORS_PATH = '/admin/indikatorer';

type Messages = typeof followupAdminSv.indicators;
type Locale = 'sv' | 'en';
type Choices = Awaited<ReturnType<typeof indicatorFormChoices>>;

/** What the form shows: the texts as typed, so nothing is lost when a field is wrong. */
export interface FormValues {
  goalId: string;
  slug: string;
  nameSv: string;
  nameEn: string;
  description: string;
  unit: string;
  source: string;
  sourceRef: string;
  direction: string;
  genderSplit: boolean;
  decimals: string;
  baselineYear: string;
  baselineValue: string;
  targetYear: string;
  targetValue: string;
  targetIsExample: boolean;
  placeCodes: string[];
  methodNote: string;
}

const text = (v: unknown, max = 5000) => (typeof v === 'string' ? v.slice(0, max) : '');
const list = (v: unknown) =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === 'string',
  );

export function readForm(body: Record<string, unknown>): FormValues {
  return {
    goalId: text(body.goalId, 20),
    slug: text(body.slug, 200).trim(),
    nameSv: text(body.nameSv, 400),
    nameEn: text(body.nameEn, 400),
    description: text(body.description),
    unit: text(body.unit, 100),
    source: text(body.source, 20),
    sourceRef: text(body.sourceRef, 300),
    direction: text(body.direction, 20),
    genderSplit: body.genderSplit === 'ja',
    decimals: text(body.decimals, 20),
    baselineYear: text(body.baselineYear, 20),
    baselineValue: text(body.baselineValue, 40),
    targetYear: text(body.targetYear, 20),
    targetValue: text(body.targetValue, 40),
    targetIsExample: body.targetIsExample === 'ja',
    placeCodes: list(body.placeCodes).slice(0, 400),
    methodNote: text(body.methodNote),
  };
}

const show = (n: number | null) => (n === null ? '' : String(n));

export function valuesOf(f: IndicatorFields): FormValues {
  return {
    goalId: String(f.goalId),
    slug: f.slug,
    nameSv: f.nameSv,
    nameEn: f.nameEn,
    description: f.description,
    unit: f.unit,
    source: f.source,
    sourceRef: f.sourceRef ?? '',
    direction: f.direction,
    genderSplit: f.genderSplit,
    decimals: String(f.decimals),
    baselineYear: show(f.baselineYear),
    baselineValue: show(f.baselineValue),
    targetYear: show(f.targetYear),
    targetValue: show(f.targetValue),
    targetIsExample: f.targetIsExample,
    placeCodes: f.placeCodes,
    methodNote: f.methodNote,
  };
}

export const emptyValues: FormValues = {
  goalId: '',
  slug: '',
  nameSv: '',
  nameEn: '',
  description: '',
  unit: '',
  source: 'manual',
  sourceRef: '',
  direction: 'higher',
  genderSplit: false,
  decimals: '1',
  baselineYear: '',
  baselineValue: '',
  targetYear: '',
  targetValue: '',
  targetIsExample: true,
  placeCodes: [],
  methodNote: '',
};

/** Reads a number as typed in Swedish or English ("1 234,5" or "1234.5"); empty is none. */
function numberOf(v: string): number | null {
  const cleaned = v.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (cleaned === '') return null;
  return /^[-+]?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

export function inputOf(v: FormValues): IndicatorInput {
  return {
    goalId: Number(v.goalId) || 0,
    slug: v.slug,
    nameSv: v.nameSv,
    nameEn: v.nameEn,
    description: v.description,
    unit: v.unit,
    source: v.source as IndicatorInput['source'],
    sourceRef: v.source === 'manual' ? null : v.sourceRef,
    direction: v.direction as IndicatorInput['direction'],
    genderSplit: v.genderSplit,
    decimals: numberOf(v.decimals) ?? 1,
    baselineYear: numberOf(v.baselineYear),
    baselineValue: numberOf(v.baselineValue),
    targetYear: numberOf(v.targetYear),
    targetValue: numberOf(v.targetValue),
    targetIsExample: v.targetIsExample,
    placeCodes: v.placeCodes,
    methodNote: v.methodNote,
  };
}

export function formView(
  t: Messages,
  locale: Locale,
  p: { csrf: string; action: string; title: string; values: FormValues; issues: Issue[] },
  choices: Choices,
): SafeHtml {
  const { errorText, describedBy, summary } = formErrors(p.issues);
  const v = p.values;
  const name = (x: { nameSv: string; nameEn: string }) => (locale === 'en' ? x.nameEn : x.nameSv);
  const field = (
    key: keyof FormValues,
    label: string,
    o: { hint?: string; type?: string; inputmode?: string; required?: boolean; size?: number } = {},
  ) => {
    const hintId = o.hint ? `${key}-hint` : '';
    const err = p.issues.some((i) => i.field === key);
    const described = [hintId, err ? `${fieldId(key)}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field"><label for="${key}">${label}</label>
${o.hint ? html`<p class="hint" id="${hintId}">${o.hint}</p>` : ''}${errorText(key)}
<input type="${o.type ?? 'text'}" id="${key}" name="${key}" value="${String(v[key])}"${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${o.size ? html` size="${String(o.size)}"` : ''}${o.required ? html` required` : ''}${described ? html` aria-describedby="${described}"` : ''}${err ? html` aria-invalid="true"` : ''}></div>`;
  };
  const area = (key: 'description' | 'methodNote', label: string) =>
    html`<div class="field"><label for="${key}">${label}</label>${errorText(key)}
<textarea id="${key}" name="${key}" rows="4"${describedBy(key)}>${v[key]}</textarea></div>`;
  const radio = (key: 'source' | 'direction', value: string, label: string) =>
    html`<label><input type="radio" name="${key}" value="${value}"${v[key] === value ? html` checked` : ''}> ${label}</label>`;
  const check = (key: 'genderSplit' | 'targetIsExample', label: string) =>
    html`<div class="field"><label><input type="checkbox" name="${key}" value="ja"${v[key] ? html` checked` : ''}> ${label}</label></div>`;
  const pair = (
    legend: string,
    year: 'baselineYear' | 'targetYear',
    value: 'baselineValue' | 'targetValue',
  ) =>
    html`<fieldset><legend>${legend}</legend>
${field(year, t.year, { inputmode: 'numeric', size: 6 })}
${field(value, t.value, { inputmode: 'decimal', size: 12 })}</fieldset>`;
  return html`<p><a href="${INDICATORS_PATH}">${t.cancel}</a></p>
<h1>${p.title}</h1>
${summary(t.errorsTitle)}
<form method="post" action="${p.action}" novalidate>${csrfField(p.csrf)}
<div class="field"><label for="goalId">${t.goal}</label>${errorText('goalId')}
<select id="goalId" name="goalId" required${describedBy('goalId')}>
<option value="">${t.chooseGoal}</option>
${choices.goals.map((g) => html`<option value="${String(g.id)}"${v.goalId === String(g.id) ? html` selected` : ''}>${g.code} ${name(g)}</option>`)}
</select></div>
${field('nameSv', t.nameSv, { required: true })}
${field('nameEn', t.nameEn, { required: true })}
${field('slug', t.slug, { hint: t.slugHint, required: true })}
${area('description', t.description)}
${field('unit', t.unit, { hint: t.unitHint, required: true })}
<fieldset><legend>${t.sourceLegend}</legend>${errorText('source')}
${radio('source', 'kolada', t.sourceNames.kolada!)} ${radio('source', 'scb', t.sourceNames.scb!)} ${radio('source', 'manual', t.sourceNames.manual!)}
${field('sourceRef', t.sourceRef, { hint: t.sourceRefHint })}</fieldset>
<fieldset><legend>${t.directionLegend}</legend>${errorText('direction')}
${radio('direction', 'higher', t.higher)} ${radio('direction', 'lower', t.lower)}</fieldset>
${check('genderSplit', t.genderSplit)}
${field('decimals', t.decimals, { inputmode: 'numeric', size: 3 })}
${pair(t.baselineLegend, 'baselineYear', 'baselineValue')}
${pair(t.targetLegend, 'targetYear', 'targetValue')}
${check('targetIsExample', t.targetIsExample)}
<fieldset id="placeCodes"><legend>${t.places}</legend>
<p class="hint">${t.placesHint}</p>${errorText('placeCodes')}
${choices.places.map((pl) => html`<label><input type="checkbox" name="placeCodes" value="${pl.code}"${v.placeCodes.includes(pl.code) ? html` checked` : ''}> ${name(pl)} (${pl.code})</label> `)}
</fieldset>
${area('methodNote', t.methodNote)}
<button type="submit">${t.save}</button>
</form>`;
}
