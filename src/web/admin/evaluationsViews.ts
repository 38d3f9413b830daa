import type { EvaluationRow, SubjectChoice } from '../../domain/evaluation/evaluationQueries.js';
import type { Issue } from '../../domain/result.js';
import { csrfField, formErrors } from '../auth/formParts.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate, type Locale } from '../i18n/index.js';
import type { ReportingMessages } from '../i18n/reporting.sv.js';
import { inputField, textareaField } from './formFields.js';

export interface EvaluationFormValues {
  subject: string;
  title: string;
  evaluator: string;
  method: string;
  evaluatedOn: string;
  findings: string;
  recommendations: string;
}

export function evaluationListView(p: {
  t: ReportingMessages;
  locale: Locale;
  rows: EvaluationRow[];
}): SafeHtml {
  const { t } = p;
  return html`<h1>${t.evaluationsTitle}</h1>
<p><a href="/admin/utvarderingar/ny">${t.newEvaluation}</a></p>
${
  p.rows.length === 0
    ? html`<p>${t.noEvaluations}</p>`
    : html`<table><caption class="visually-hidden">${t.evaluationsTitle}</caption>
<thead><tr><th scope="col">${t.evTitle}</th><th scope="col">${t.subject}</th><th scope="col">${t.evaluatedOn}</th><th scope="col">${t.state}</th></tr></thead>
<tbody>${p.rows.map(
        (e) =>
          html`<tr><td><a href="/admin/utvarderingar/${e.id}">${e.title}</a></td><td>${e.subjectName}</td><td>${formatDate(p.locale, e.evaluatedOn)}</td><td>${e.publishedAt ? t.published : t.draft}</td></tr>`,
      )}</tbody></table>`
}`;
}

export function evaluationFormView(p: {
  t: ReportingMessages;
  locale: Locale;
  evaluation: EvaluationRow | null;
  subjects: Record<'initiative' | 'programme' | 'goal', SubjectChoice[]>;
  values: Partial<EvaluationFormValues>;
  issues: Issue[];
  uploadIssues: Issue[];
  csrf: string;
  notice: SafeHtml | '';
  /** In the form of a stored evaluation: the hidden base and, after a conflict, the choices. */
  merge?: SafeHtml;
}): SafeHtml {
  const { t, values: v, issues, evaluation: e } = p;
  const f = formErrors(issues);
  const u = formErrors(p.uploadIssues);
  const action = e ? `/admin/utvarderingar/${e.id}` : '/admin/utvarderingar';
  return html`<h1>${e ? e.title : t.newEvaluation}</h1>${p.notice}
${e ? html`<p>${t.state}: ${e.publishedAt ? `${t.published} ${formatDate(p.locale, e.publishedAt)}` : t.draft}</p>` : ''}
${f.summary(t.formErrors)}
<form method="post" action="${action}" novalidate>${csrfField(p.csrf)}${p.merge ?? ''}
<div class="field"><label for="subject">${t.subject}</label>${f.errorText('subject')}<select id="subject" name="subject" required${f.describedBy('subject')}>
<option value="">${t.chooseSubject}</option>
${(['initiative', 'programme', 'goal'] as const).map(
  (k) =>
    html`<optgroup label="${t.subjectGroups[k]}">${p.subjects[k].map((c) => html`<option value="${c.value}"${v.subject === c.value ? html` selected` : ''}>${c.label}</option>`)}</optgroup>`,
)}
</select></div>
${inputField(issues, { name: 'title', label: t.evTitle, value: v.title, required: true })}
${inputField(issues, { name: 'evaluator', label: t.evaluator, value: v.evaluator, required: true })}
${textareaField(issues, { name: 'method', label: t.method, value: v.method ?? '', rows: 3, required: true })}
${inputField(issues, { name: 'evaluatedOn', label: t.evaluatedOn, value: v.evaluatedOn, type: 'date', required: true })}
${textareaField(issues, { name: 'findings', label: t.findings, value: v.findings ?? '', rows: 8, required: true })}
${textareaField(issues, { name: 'recommendations', label: t.recommendations, value: v.recommendations ?? '', rows: 6 })}
<button type="submit">${t.save}</button>
</form>
${
  e
    ? html`<h2>${t.documents}</h2>
${e.documents.length === 0 ? html`<p>${t.noDocuments}</p>` : html`<ul>${e.documents.map((d) => html`<li>${d.title} (${d.filename}, ${Math.ceil(d.sizeBytes / 1024)} kB)${e.publishedAt ? html` – <a href="/dokument/${d.documentId}">${t.show}<span class="visually-hidden">: ${d.title}</span></a>` : ''}</li>`)}</ul>`}
<h3>${t.uploadTitle}</h3>
${u.summary(t.formErrors)}
<form method="post" action="/admin/utvarderingar/${e.id}/dokument" enctype="multipart/form-data" novalidate>${csrfField(p.csrf)}
${inputField(p.uploadIssues, { name: 'documentTitle', label: t.documentTitle, value: '', required: true })}
<div class="field"><label for="file">${t.file}</label>${u.errorText('file')}<input id="file" name="file" type="file" accept="application/pdf,.pdf" required${u.describedBy('file')}></div>
<button type="submit">${t.upload}</button>
</form>
${e.publishedAt ? '' : html`<form method="post" action="/admin/utvarderingar/${e.id}/publicera">${csrfField(p.csrf)}<button type="submit">${t.publishEvaluation}</button></form>`}`
    : ''
}`;
}
