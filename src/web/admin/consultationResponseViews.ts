import {
  allEntries,
  answerField,
  feedbackTags,
  type CompilationData,
  type CompilationGroup,
  type FeedbackEntry,
} from '../../domain/consultation/compilation.js';
import type {
  ConsultationQuestion,
  ConsultationRow,
} from '../../domain/consultation/consultations.js';
import type { DraftArea } from '../../domain/consultation/queries.js';
import type { ResponseWithItems } from '../../domain/consultation/responses.js';
import type { Issue } from '../../domain/result.js';
import { csrfField, fieldId, formErrors } from '../auth/formParts.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate } from '../i18n/index.js';
import { ADMIN_BASE, type ViewContext } from './consultationViews.js';
import { textareaField } from './formFields.js';

/** The texts of a response form: field name → text, as typed or as saved. */
export type ResponseFormValues = Record<string, string>;

export function responseValues(r: ResponseWithItems | null): ResponseFormValues {
  const values: ResponseFormValues = {
    summary: r?.summary ?? '',
    version: String(r?.version ?? ''),
  };
  for (const i of r?.items ?? []) {
    const key =
      i.goalId !== null
        ? `goal-${i.goalId}`
        : i.questionKey !== null
          ? `question-${i.questionKey}`
          : 'general';
    values[key] = i.body;
  }
  return values;
}

/** The organisation's response: a form while it is a draft, the submitted text afterwards. */
export function responseView(
  v: ViewContext & {
    consultation: ConsultationRow;
    organisation: { id: number; name: string };
    outline: DraftArea[];
    response: ResponseWithItems | null;
    values: ResponseFormValues;
    issues: Issue[];
    uploadIssues: Issue[];
    open: boolean;
  },
): SafeHtml {
  const { t, locale, consultation: c } = v;
  const questions = c.questions as ConsultationQuestion[];
  const heading = html`<h1>${t.responseTitle(v.organisation.name)}</h1>
<p class="lead">${locale === 'en' && c.titleEn ? c.titleEn : c.titleSv}</p>${v.notice}`;
  const goalText = (g: DraftArea['goals'][number]) =>
    `${g.code} ${locale === 'en' ? g.nameEn : g.nameSv}`;
  const qText = (q: ConsultationQuestion) => (locale === 'en' && q.textEn ? q.textEn : q.textSv);

  if (v.response?.status === 'inskickad') {
    const r = v.response;
    const goals = new Map(
      v.outline.flatMap((a) => a.goals.map((g) => [g.id, goalText(g)] as const)),
    );
    const qs = new Map(questions.map((q) => [q.key, qText(q)]));
    return html`${heading}
<p>${t.submittedResponse(formatDate(locale, r.submittedAt ?? r.updatedAt))}</p>
<h2>${t.summary}</h2><p class="prewrap">${r.summary}</p>
${r.items.map(
  (i) =>
    html`<h2>${i.goalId !== null ? `${t.goal} ${goals.get(i.goalId) ?? ''}` : i.questionKey !== null ? (qs.get(i.questionKey) ?? '') : t.general}</h2><p class="prewrap">${i.body}</p>`,
)}
${r.attachment ? html`<p><a href="/strategin-tas-fram/dokument/${r.attachment.id}">${t.attachment(r.attachment.filename)}</a></p>` : ''}`;
  }

  const f = formErrors(v.issues);
  const base = `${ADMIN_BASE}/${c.id}/svar/${v.organisation.id}`;
  const area = (a: DraftArea) =>
    html`<fieldset><legend>${locale === 'en' ? a.nameEn : a.nameSv}</legend>
${a.goals.map((g) =>
  textareaField(v.issues, {
    name: `goal-${g.id}`,
    label: t.goalLabel(goalText(g)),
    value: v.values[`goal-${g.id}`] ?? '',
    rows: 3,
  }),
)}</fieldset>`;
  const u = formErrors(v.uploadIssues);
  return html`${heading}
<p>${t.responsePrivate}</p>
<p><strong>${t.responseDeadline(c.closesOn)}</strong></p>
${f.summary(t.formErrors)}
${v.issues.some((i) => i.field === '_') ? html`<p class="field-error" id="_">${v.issues.find((i) => i.field === '_')!.message}</p>` : ''}
${
  v.open
    ? html`<form method="post" action="${base}" novalidate>${csrfField(v.csrf)}
<input type="hidden" name="version" value="${v.values.version ?? ''}">
${textareaField(v.issues, { name: 'summary', label: t.summaryLabel, value: v.values.summary ?? '', rows: 6 })}
${questions.length > 0 ? html`<fieldset><legend>${t.questions}</legend>${questions.map((q) => textareaField(v.issues, { name: `question-${q.key}`, label: qText(q), value: v.values[`question-${q.key}`] ?? '', rows: 3 }))}</fieldset>` : ''}
${v.outline.map(area)}
${textareaField(v.issues, { name: 'general', label: t.generalLabel, value: v.values.general ?? '', rows: 4 })}
<p class="hint">${t.submitWarning}</p>
<button type="submit" name="action" value="save">${t.saveDraft}</button>
<button type="submit" name="action" value="submit">${t.submitResponse}</button>
</form>
<h2>${t.attachmentTitle}</h2>
${v.response?.attachment ? html`<p>${t.currentAttachment(v.response.attachment.filename)}</p>` : ''}
<form method="post" action="${base}/bilaga" enctype="multipart/form-data" novalidate>${csrfField(v.csrf)}
<div class="field"><label for="file">${t.fileLabel}</label>${u.errorText('file')}<input type="file" id="file" name="file" accept="application/pdf"${u.describedBy('file')}></div>
<button type="submit">${t.upload}</button></form>`
    : ''
}`;
}

const tagSelect = (v: ViewContext, e: FeedbackEntry, value: string, issues: Issue[]) => {
  const name = `tag-${e.kind}-${e.id}`;
  const f = formErrors(issues);
  return html`<div class="field"><label for="${fieldId(name)}">${v.t.tagLabel(e.from)}</label>${f.errorText(name)}
<select id="${fieldId(name)}" name="${name}"${f.describedBy(name)}><option value="">${v.t.chooseTag}</option>${feedbackTags.map(
    (tag) =>
      html`<option value="${tag}"${tag === value ? html` selected` : ''}>${v.t.tagNames[tag]}</option>`,
  )}</select></div>`;
};

/** The editors' compilation: every view grouped by goal, with position and answer fields. */
export function compileView(
  v: ViewContext & {
    data: CompilationData;
    values: Record<string, string>;
    issues: Issue[];
    editable: boolean;
  },
): SafeHtml {
  const { t, locale, data } = v;
  const entry = (e: FeedbackEntry) => {
    const answer = answerField(e);
    const value = (k: string, saved: string) => v.values[k] ?? saved;
    return html`<li><p class="meta">${t.from}: ${e.from} (${e.kind === 'item' ? t.colSubmitted : t.moderationQueue})</p>
<blockquote class="prewrap">${e.body}</blockquote>
${
  v.editable
    ? html`${tagSelect(v, e, value(`tag-${e.kind}-${e.id}`, e.tag ?? ''), v.issues)}
${textareaField(v.issues, { name: answer, label: t.answerLabel(e.from), value: value(answer, e.regionAnswer), rows: 3 })}`
    : html`<p><strong>${t.position}:</strong> ${e.tag ? t.tagNames[e.tag] : '–'}</p><p><strong>${t.regionAnswer}:</strong> ${e.regionAnswer}</p>`
}</li>`;
  };
  const group = (g: CompilationGroup, level: 'h3' | 'h2') => {
    const heading = locale === 'en' ? g.titleEn : g.titleSv;
    const list =
      g.entries.length === 0
        ? html`<p>${t.noFeedback}</p>`
        : html`<ul class="timeline">${g.entries.map(entry)}</ul>`;
    return level === 'h3' ? html`<h3>${heading}</h3>${list}` : html`<h2>${heading}</h2>${list}`;
  };
  const f = formErrors(v.issues);
  const body = html`${data.areas.map(
    (a) =>
      html`<h2>${locale === 'en' ? a.nameEn : a.nameSv}</h2>${a.goals.map((g) => group(g, 'h3'))}`,
  )}
${data.questions.length > 0 ? html`<h2>${t.questions}</h2>${data.questions.map((q) => group(q, 'h3'))}` : ''}
${group(data.general, 'h2')}`;
  const count = allEntries(data).length;
  return html`<h1>${t.compileTitle}</h1>
<p class="lead">${locale === 'en' && data.titleEn ? data.titleEn : data.titleSv}</p>
${v.notice}
<p>${t.compilationCounts(data.counts)}</p>
${
  v.editable
    ? html`<p>${t.compileIntro}</p>${f.summary(t.formErrors)}
<form method="post" action="${ADMIN_BASE}/${data.consultationId}/sammanstallning" novalidate>${csrfField(v.csrf)}
${body}
${count > 0 ? html`<button type="submit" name="action" value="save">${t.saveAnswers}</button>` : ''}
<h2>${t.publishCompilation}</h2>
${textareaField(v.issues, { name: 'introductionSv', label: t.compilationIntroLabel, value: v.values.introductionSv ?? data.introductionSv, rows: 5 })}
<button type="submit" name="action" value="publish">${t.publishCompilation}</button>
</form>`
    : html`${body}<p><a href="/strategin-tas-fram/${data.consultationId}/sammanstallning">${t.compilationLink}</a></p>`
}`;
}
