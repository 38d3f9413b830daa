import type {
  ReportingTask,
  ReportDetail,
  ReportableInitiative,
  ReviewQueueRow,
} from '../../domain/followup/progressReportQueries.js';
import type {
  PeriodInitiativeStatus,
  PhantomOwner,
  ReportingPeriodRow,
} from '../../domain/followup/reportingPeriodsQueries.js';
import type { Issue } from '../../domain/result.js';
import { csrfField, formErrors } from '../auth/formParts.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate, formatSek, messages, type Locale } from '../i18n/index.js';
import type { ReportingMessages } from '../i18n/reporting.sv.js';
import { inputField, textareaField } from './formFields.js';

const stateText = (t: ReportingMessages, s: string | null) =>
  s ? (t.reportStates[s] ?? s) : t.notStarted;

export function hubView(p: {
  t: ReportingMessages;
  locale: Locale;
  tasks: ReportingTask[];
  curator: boolean;
  waiting: number;
  years: number[];
}): SafeHtml {
  const { t } = p;
  return html`<h1>${t.hubTitle}</h1>
<h2>${t.myReports}</h2>
${
  p.tasks.length === 0
    ? html`<p>${t.noTasks}</p>`
    : html`<table><caption class="visually-hidden">${t.myReports}</caption>
<thead><tr><th scope="col">${t.period}</th><th scope="col">${t.initiative}</th><th scope="col">${t.dueDate}</th><th scope="col">${t.state}</th><th scope="col">${t.action}</th></tr></thead>
<tbody>${p.tasks.map(
        (r) =>
          html`<tr><td>${p.locale === 'en' ? r.periodNameEn : r.periodNameSv}</td><td>${r.title}</td><td>${formatDate(p.locale, r.dueDate)}</td><td>${stateText(t, r.reportState)}</td><td><a href="/admin/rapportering/${r.periodId}/${r.initiativeId}">${r.reportState === 'inskickad' || r.reportState === 'publicerad' ? t.showReport : t.writeReport}<span class="visually-hidden">: ${r.title}</span></a></td></tr>`,
      )}</tbody></table>`
}
<h2>${t.logicModelsTitle}</h2>
<p><a href="/admin/logikmodell">${t.logicModelsTitle}</a></p>
${
  p.curator
    ? html`<h2>${t.curatorLinks}</h2>
<ul>
<li><a href="/admin/rapportering/perioder">${t.periodsTitle}</a></li>
<li><a href="/admin/rapportering/granska">${t.reviewTitle}</a> (${p.waiting})</li>
<li><a href="/admin/uppfoljning/rapporter">${t.overdueTitle}</a></li>
<li><a href="/admin/utvarderingar">${t.evaluationsTitle}</a></li>
${p.years.map((y) => html`<li><a href="/admin/rapporter/${y}">${t.annualReportsTitle} ${y}</a></li>`)}
</ul>`
    : ''
}`;
}

export interface PeriodFormValues {
  kind?: string;
  year?: string;
  tertial?: string;
  periodStart?: string;
  periodEnd?: string;
  nameSv?: string;
  nameEn?: string;
  dueDate?: string;
  remindDaysBefore?: string;
}

export function periodsView(p: {
  t: ReportingMessages;
  locale: Locale;
  periods: ReportingPeriodRow[];
  values: PeriodFormValues;
  issues: Issue[];
  csrf: string;
  notice: SafeHtml | '';
}): SafeHtml {
  const { t, issues, values: v } = p;
  const f = formErrors(issues);
  return html`<h1>${t.periodsTitle}</h1>${p.notice}
${
  p.periods.length === 0
    ? html`<p>${t.noPeriods}</p>`
    : html`<table><caption class="visually-hidden">${t.periodsTitle}</caption>
<thead><tr><th scope="col">${t.period}</th><th scope="col">${t.dueDate}</th><th scope="col">${t.state}</th><th scope="col">${t.action}</th></tr></thead>
<tbody>${p.periods.map(
        (r) =>
          html`<tr><td>${p.locale === 'en' ? r.nameEn : r.nameSv} (${r.periodStart} – ${r.periodEnd})</td><td>${formatDate(p.locale, r.dueDate)}</td><td>${r.openedAt ? `${t.opened} ${formatDate(p.locale, r.openedAt)}` : t.notOpened}</td><td>${
            r.openedAt
              ? html`<a href="/admin/uppfoljning/rapporter#period-${r.id}">${t.overdueTitle}</a>`
              : html`<form method="post" action="/admin/rapportering/perioder/${r.id}/oppna">${csrfField(p.csrf)}<button type="submit">${t.openPeriod}<span class="visually-hidden">: ${r.nameSv}</span></button></form>`
          }</td></tr>`,
      )}</tbody></table>`
}
<h2>${t.newPeriod}</h2>
${f.summary(t.formErrors)}
<form method="post" action="/admin/rapportering/perioder" class="period-form" novalidate>${csrfField(p.csrf)}
<fieldset><legend>${t.kind}</legend><p class="hint">${t.kindHint}</p>${f.errorText('kind')}
${(['ar', 'tertial', 'annan'] as const).map(
  (k, n) =>
    html`<div class="choice"><input type="radio" id="${n === 0 ? 'kind' : `kind-${k}`}" name="kind" value="${k}"${(v.kind ?? 'tertial') === k ? html` checked` : ''}><label for="${n === 0 ? 'kind' : `kind-${k}`}">${t.kinds[k]}</label></div>`,
)}
</fieldset>
<div class="for-ar for-tertial">${inputField(issues, { name: 'year', label: t.year, value: v.year, type: 'number', attrs: html` min="2000" max="2100"` })}</div>
<div class="field for-tertial"><label for="tertial">${t.tertial}</label>${f.errorText('tertial')}<select id="tertial" name="tertial"${f.describedBy('tertial')}>${['1', '2', '3'].map((n) => html`<option value="${n}"${v.tertial === n ? html` selected` : ''}>${n}</option>`)}</select></div>
<div class="for-annan">${inputField(issues, { name: 'periodStart', label: t.periodStart, value: v.periodStart, type: 'date' })}
${inputField(issues, { name: 'periodEnd', label: t.periodEnd, value: v.periodEnd, type: 'date' })}
${inputField(issues, { name: 'nameSv', label: t.nameSv, value: v.nameSv, hint: t.nameHint })}
${inputField(issues, { name: 'nameEn', label: t.nameEn, value: v.nameEn })}</div>
${inputField(issues, { name: 'dueDate', label: t.dueDate, value: v.dueDate, type: 'date', required: true })}
${inputField(issues, { name: 'remindDaysBefore', label: t.remindDaysBefore, value: v.remindDaysBefore ?? '14', type: 'number', attrs: html` min="0" max="90"` })}
<button type="submit">${t.createPeriod}</button>
</form>`;
}

export interface ReportFormValues {
  trafficLight?: string;
  narrative?: string;
  deviationExplanation?: string;
  participantsK?: string;
  participantsM?: string;
  companiesReached?: string;
  other?: { label: string; count: string }[];
  spent?: Record<number, string>;
}

export function reportFormView(p: {
  t: ReportingMessages;
  locale: Locale;
  period: ReportingPeriodRow;
  initiative: ReportableInitiative;
  report: ReportDetail | null;
  values: ReportFormValues;
  issues: Issue[];
  csrf: string;
  notice: SafeHtml | '';
  canCheckIn: boolean;
  /** Readers (analysts) see the report but get no form. */
  mayReport: boolean;
}): SafeHtml {
  const { t, issues, values: v, report } = p;
  const f = formErrors(issues);
  const action = `/admin/rapportering/${p.period.id}/${p.initiative.id}`;
  const header = html`<h1>${t.reportTitle(p.initiative.title)}</h1>${p.notice}
<dl class="facts"><dt>${t.period}</dt><dd>${p.locale === 'en' ? p.period.nameEn : p.period.nameSv}</dd><dt>${t.dueDate}</dt><dd>${formatDate(p.locale, p.period.dueDate)}</dd><dt>${t.organisation}</dt><dd>${p.initiative.ownerName}</dd><dt>${t.state}</dt><dd>${stateText(t, report?.state ?? null)}</dd></dl>`;
  if (!p.mayReport) {
    return html`${header}${report ? reportSummary(t, p.locale, report, p.initiative) : ''}`;
  }
  if (report && (report.state === 'inskickad' || report.state === 'publicerad')) {
    return html`${header}<p>${report.state === 'inskickad' ? t.submittedNote : t.publishedNote}</p>${reportSummary(t, p.locale, report, p.initiative)}`;
  }
  const fs = messages(p.locale);
  const other = [...(v.other ?? []), { label: '', count: '' }, { label: '', count: '' }].slice(
    0,
    3,
  );
  return html`${header}
${report?.state === 'returnerad' && report.reviewComment ? html`<div class="message" role="status"><p>${t.returnedWith}</p><p class="prewrap">${report.reviewComment}</p></div>` : ''}
${f.summary(t.formErrors)}
${
  p.canCheckIn
    ? html`<section aria-labelledby="checkin-title"><h2 id="checkin-title">${t.checkInTitle}</h2><p>${t.checkInText}</p>
<form method="post" action="${action}">${csrfField(p.csrf)}<input type="hidden" name="action" value="checkin">${f.errorText('checkIn')}<button type="submit" id="checkIn">${t.checkIn}</button></form></section>`
    : ''
}
<form method="post" action="${action}" novalidate>${csrfField(p.csrf)}
<fieldset><legend>${t.trafficLight}</legend>${f.errorText('trafficLight')}
${(['enligt-plan', 'risk', 'avvikelse'] as const).map(
  (k, n) =>
    html`<div class="choice"><input type="radio" id="${n === 0 ? 'trafficLight' : `trafficLight-${k}`}" name="trafficLight" value="${k}"${v.trafficLight === k ? html` checked` : ''}><label for="${n === 0 ? 'trafficLight' : `trafficLight-${k}`}">${t.trafficLights[k]}</label></div>`,
)}
</fieldset>
${textareaField(issues, { name: 'narrative', label: t.narrative, value: v.narrative ?? '', hint: t.narrativeHint, rows: 8 })}
${textareaField(issues, { name: 'deviationExplanation', label: t.deviationExplanation, value: v.deviationExplanation ?? '', hint: t.deviationExplanationHint, rows: 4 })}
<fieldset><legend>${t.outputs}</legend>
${inputField(issues, { name: 'outputs.participantsK', label: t.participantsK, value: v.participantsK, type: 'number', attrs: html` min="0"` })}
${inputField(issues, { name: 'outputs.participantsM', label: t.participantsM, value: v.participantsM, type: 'number', attrs: html` min="0"` })}
${inputField(issues, { name: 'outputs.companiesReached', label: t.companiesReached, value: v.companiesReached, type: 'number', attrs: html` min="0"` })}
</fieldset>
<fieldset><legend>${t.otherCounts}</legend>
${other.map(
  (o, n) =>
    html`${inputField(issues, { name: `outputs.other.${n}.label`, label: t.otherLabel(n + 1), value: o.label })}${inputField(issues, { name: `outputs.other.${n}.count`, label: t.otherCount(n + 1), value: o.count, type: 'number', attrs: html` min="0"` })}`,
)}
</fieldset>
<fieldset><legend>${t.spent}</legend>
${
  p.initiative.fundingLines.length === 0
    ? html`<p>${t.noFundingLines}</p>`
    : p.initiative.fundingLines.map((l, n) =>
        inputField(issues, {
          name: `spentByFundingLine.${n}.amountSek`,
          label: `${fs.fundingSourceName[l.source as keyof typeof fs.fundingSourceName] ?? l.source} ${l.year} (${formatSek(p.locale, l.amountSek)})`,
          value: v.spent?.[l.id],
          type: 'number',
          attrs: html` min="0"`,
        }),
      )
}
</fieldset>
<div class="actions"><button type="submit" name="action" value="draft">${t.saveDraft}</button> <button type="submit" name="action" value="submit">${t.submit}</button></div>
</form>`;
}

/** A report as text: for the owner after submitting and for the curator reviewing. */
export function reportSummary(
  t: ReportingMessages,
  locale: Locale,
  r: ReportDetail,
  initiative: ReportableInitiative | null,
): SafeHtml {
  const fs = messages(locale);
  const lineName = (id: number) => {
    const l = initiative?.fundingLines.find((x) => x.id === id);
    return l
      ? `${fs.fundingSourceName[l.source as keyof typeof fs.fundingSourceName] ?? l.source} ${l.year}`
      : `#${id}`;
  };
  const o = r.outputs ?? {};
  return html`<dl class="facts">
<dt>${t.trafficLight}</dt><dd>${t.trafficLights[r.trafficLight]}${r.isCheckIn ? ` (${t.checkInTag})` : ''}</dd>
<dt>${t.narrative}</dt><dd class="prewrap">${r.isCheckIn ? t.checkInNote : r.narrative}</dd>
${r.deviationExplanation ? html`<dt>${t.deviationExplanation}</dt><dd class="prewrap">${r.deviationExplanation}</dd>` : ''}
${o.participantsK !== undefined ? html`<dt>${t.participantsK}</dt><dd>${o.participantsK}</dd>` : ''}
${o.participantsM !== undefined ? html`<dt>${t.participantsM}</dt><dd>${o.participantsM}</dd>` : ''}
${o.companiesReached !== undefined ? html`<dt>${t.companiesReached}</dt><dd>${o.companiesReached}</dd>` : ''}
${(o.other ?? []).map((x) => html`<dt>${x.label}</dt><dd>${x.count}</dd>`)}
${r.spentByFundingLine.map((l) => html`<dt>${lineName(l.fundingLineId)}</dt><dd>${formatSek(locale, l.amountSek)}</dd>`)}
</dl>`;
}

export function reviewQueueView(p: {
  t: ReportingMessages;
  locale: Locale;
  rows: ReviewQueueRow[];
  notice: SafeHtml | '';
}): SafeHtml {
  const { t } = p;
  return html`<h1>${t.reviewTitle}</h1>${p.notice}
${
  p.rows.length === 0
    ? html`<p>${t.noReview}</p>`
    : html`<table><caption class="visually-hidden">${t.reviewTitle}</caption>
<thead><tr><th scope="col">${t.initiative}</th><th scope="col">${t.organisation}</th><th scope="col">${t.period}</th><th scope="col">${t.submitted}</th><th scope="col">${t.action}</th></tr></thead>
<tbody>${p.rows.map(
        (r) =>
          html`<tr><td>${r.title}${r.isCheckIn ? ` (${t.checkInTag})` : ''}</td><td>${r.ownerName}</td><td>${r.periodName ?? `${r.periodStart} – ${r.periodEnd}`}</td><td>${formatDate(p.locale, r.submittedAt)}</td><td><a href="/admin/rapportering/granska/${r.id}">${t.review}<span class="visually-hidden">: ${r.title}</span></a></td></tr>`,
      )}</tbody></table>`
}`;
}

export function reviewView(p: {
  t: ReportingMessages;
  locale: Locale;
  report: ReportDetail;
  initiative: ReportableInitiative | null;
  csrf: string;
  issues: Issue[];
  comment: string;
}): SafeHtml {
  const { t, report: r } = p;
  const f = formErrors(p.issues);
  const action = `/admin/rapportering/granska/${r.id}`;
  return html`<h1>${t.reportTitle(r.title)}</h1>
<dl class="facts"><dt>${t.organisation}</dt><dd>${r.ownerName}</dd><dt>${t.period}</dt><dd>${r.periodName ?? `${r.periodStart} – ${r.periodEnd}`}</dd><dt>${t.state}</dt><dd>${stateText(t, r.state)}</dd></dl>
${reportSummary(t, p.locale, r, p.initiative)}
${
  r.state === 'inskickad'
    ? html`${f.summary(t.formErrors)}
<form method="post" action="${action}">${csrfField(p.csrf)}<input type="hidden" name="decision" value="publish"><button type="submit">${t.publish}</button></form>
<form method="post" action="${action}" novalidate>${csrfField(p.csrf)}<input type="hidden" name="decision" value="return">
${textareaField(p.issues, { name: 'comment', label: t.returnComment, value: p.comment, rows: 4, required: true })}
<button type="submit">${t.returnReport}</button></form>`
    : ''
}`;
}

export function overdueView(p: {
  t: ReportingMessages;
  locale: Locale;
  periods: { period: ReportingPeriodRow; rows: PeriodInitiativeStatus[] }[];
  phantoms: PhantomOwner[];
  n: number;
}): SafeHtml {
  const { t } = p;
  return html`<h1>${t.overdueTitle}</h1>
${p.periods.length === 0 ? html`<p>${t.noPeriods}</p>` : ''}
${p.periods.map(({ period, rows }) => {
  const missing = rows.filter((r) => !r.reported);
  const name = p.locale === 'en' ? period.nameEn : period.nameSv;
  return html`<section aria-labelledby="period-${period.id}"><h2 id="period-${period.id}">${name}</h2>
<p>${t.dueDate}: ${formatDate(p.locale, period.dueDate)}</p>
${
  missing.length === 0
    ? html`<p>${t.allReported}</p>`
    : html`<table><caption>${t.notReported}: ${name}</caption>
<thead><tr><th scope="col">${t.initiative}</th><th scope="col">${t.organisation}</th><th scope="col">${t.state}</th><th scope="col">${t.daysOverdue}</th><th scope="col" class="num">${t.remindersSent}</th></tr></thead>
<tbody>${missing.map(
        (r) =>
          html`<tr><td>${r.title}</td><td>${r.ownerName}</td><td>${stateText(t, r.reportState)}</td><td>${r.daysOverdue > 0 ? t.lateBy(r.daysOverdue) : t.dueIn(r.daysUntilDue)}</td><td class="num">${r.remindersSent}</td></tr>`,
      )}</tbody></table>`
}</section>`;
})}
<h2>${t.phantomTitle}</h2>
<p>${t.phantomIntro(p.n)}</p>
<form method="get" action="/admin/uppfoljning/rapporter"><div class="field"><label for="n">${t.phantomPeriods}</label><input id="n" name="n" type="number" min="1" max="20" value="${p.n}"></div><button type="submit">${t.show}</button></form>
${
  p.phantoms.length === 0
    ? html`<p>${t.noPhantoms}</p>`
    : html`<table><caption>${t.phantomTitle}</caption>
<thead><tr><th scope="col">${t.initiative}</th><th scope="col">${t.organisation}</th><th scope="col" class="num">${t.periodsMissed}</th></tr></thead>
<tbody>${p.phantoms.map((r) => html`<tr><td>${r.title}</td><td>${r.ownerName}</td><td class="num">${r.periodsMissed}</td></tr>`)}</tbody></table>`
}`;
}
