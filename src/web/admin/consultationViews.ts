import type { ModerationComment } from '../../domain/consultation/comments.js';
import type {
  ConsultationQuestion,
  ConsultationRow,
} from '../../domain/consultation/consultations.js';
import type { MeetingView } from '../../domain/consultation/meetings.js';
import type { ConsultationStatus } from '../../domain/consultation/policies.js';
import type {
  ConsultationSummary,
  DraftArea,
  Invitation,
  InviteeRow,
} from '../../domain/consultation/queries.js';
import type { Issue } from '../../domain/result.js';
import { csrfField, fieldId, formErrors } from '../auth/formParts.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate, type Locale } from '../i18n/index.js';
import type { ConsultationMessages } from '../i18n/consultation.sv.js';
import { inputField, textareaField } from './formFields.js';
import { meetingsTable } from '../components/meetingsTable.js';

export const ADMIN_BASE = '/admin/samrad';

export interface ViewContext {
  t: ConsultationMessages;
  locale: Locale;
  csrf: string;
  notice: SafeHtml | '';
}

const title = (locale: Locale, c: { titleSv: string; titleEn: string }) =>
  locale === 'en' && c.titleEn ? c.titleEn : c.titleSv;

const goalName = (locale: Locale, g: { code: string; nameSv: string; nameEn: string }) =>
  `${g.code} ${locale === 'en' ? g.nameEn : g.nameSv}`;

/** The consultations (for editors) and the organisation's invitations (for members). */
export function consultationListView(p: {
  t: ConsultationMessages;
  locale: Locale;
  consultations: ConsultationSummary[] | null;
  invitations: Invitation[];
  notice: SafeHtml | '';
}): SafeHtml {
  const { t, locale } = p;
  const editors = p.consultations
    ? html`<p><a class="button" href="${ADMIN_BASE}/ny">${t.newConsultation}</a></p>
${
  p.consultations.length === 0
    ? html`<p>${t.noConsultations}</p>`
    : html`<div class="table-scroll" role="region" aria-label="${t.listCaption}" tabindex="0"><table><caption>${t.listCaption}</caption>
<thead><tr><th scope="col">${t.colTitle}</th><th scope="col">${t.colDraft}</th><th scope="col">${t.colPeriod}</th><th scope="col">${t.colStatus}</th><th scope="col">${t.colInvited}</th><th scope="col">${t.colSubmitted}</th></tr></thead>
<tbody>${p.consultations.map(
        (c) =>
          html`<tr><td><a href="${ADMIN_BASE}/${c.id}">${title(locale, c)}</a></td><td>${c.strategyName}</td><td>${t.period(c.opensOn, c.closesOn)}</td><td>${t.statusNames[c.status]}</td><td>${c.invited}</td><td>${c.submitted}</td></tr>`,
      )}</tbody></table></div>`
}`
    : '';
  const invitations =
    p.invitations.length === 0 && p.consultations
      ? ''
      : html`<h2>${t.invitationsTitle}</h2>
${
  p.invitations.length === 0
    ? html`<p>${t.noInvitations}</p>`
    : html`<div class="table-scroll" role="region" aria-label="${t.invitationsTitle}" tabindex="0"><table><caption class="visually-hidden">${t.invitationsTitle}</caption>
<thead><tr><th scope="col">${t.colTitle}</th><th scope="col">${t.colOrganisation}</th><th scope="col">${t.colPeriod}</th><th scope="col">${t.colResponse}</th></tr></thead>
<tbody>${p.invitations.map(
        (i) =>
          html`<tr><td><a href="${ADMIN_BASE}/${i.consultationId}/svar/${i.organisationId}">${title(locale, i)}</a></td><td>${i.organisationName}</td><td>${t.period(i.opensOn, i.closesOn)} (${t.statusNames[i.status]})</td><td>${t.responseStates[i.responseStatus ?? 'none']}</td></tr>`,
      )}</tbody></table></div>`
}`;
  return html`<h1>${t.adminTitle}</h1>${p.notice}${editors}${invitations}`;
}

export interface ConsultationFormValues {
  strategyId: string;
  titleSv: string;
  titleEn: string;
  introductionSv: string;
  introductionEn: string;
  questionsSv: string;
  questionsEn: string;
  opensOn: string;
  closesOn: string;
}

/** The form that plans a consultation on a draft. */
export function consultationFormView(p: {
  t: ConsultationMessages;
  csrf: string;
  drafts: { id: number; nameSv: string }[];
  values: ConsultationFormValues;
  issues: Issue[];
}): SafeHtml {
  const { t, values: v, issues } = p;
  const f = formErrors(issues);
  if (p.drafts.length === 0) {
    return html`<h1>${t.newConsultation}</h1><p>${t.noDrafts}</p>`;
  }
  return html`<h1>${t.newConsultation}</h1>
${f.summary(t.formErrors)}
<form method="post" action="${ADMIN_BASE}" novalidate>${csrfField(p.csrf)}
<div class="field"><label for="strategyId">${t.strategyId}</label>${f.errorText('strategyId')}
<select id="strategyId" name="strategyId"${f.describedBy('strategyId')}>${p.drafts.map(
    (d) =>
      html`<option value="${d.id}"${String(d.id) === v.strategyId ? html` selected` : ''}>${d.nameSv}</option>`,
  )}</select></div>
${inputField(issues, { name: 'titleSv', label: t.titleSv, value: v.titleSv, required: true })}
${inputField(issues, { name: 'titleEn', label: t.titleEn, value: v.titleEn })}
${textareaField(issues, { name: 'introductionSv', label: t.introductionSv, value: v.introductionSv, required: true })}
${textareaField(issues, { name: 'introductionEn', label: t.introductionEn, value: v.introductionEn })}
${textareaField(issues, { name: 'questionsSv', label: t.questionsSv, value: v.questionsSv, rows: 4 })}
${textareaField(issues, { name: 'questionsEn', label: t.questionsEn, value: v.questionsEn, rows: 4 })}
${inputField(issues, { name: 'opensOn', label: t.opensOn, value: v.opensOn, required: true })}
${inputField(issues, { name: 'closesOn', label: t.closesOn, value: v.closesOn, required: true })}
<button type="submit">${t.create}</button>
</form>`;
}

export interface MeetingFormValues {
  heldOn: string;
  venue: string;
  placeCode: string;
  participantsWomen: string;
  participantsMen: string;
  participantsOther: string;
  notes: string;
}

export const emptyMeeting: MeetingFormValues = {
  heldOn: '',
  venue: '',
  placeCode: '',
  participantsWomen: '0',
  participantsMen: '0',
  participantsOther: '0',
  notes: '',
};

/** The tables of dialogue meetings, shared by admin and the portal. */
/** An editor's page for one consultation: status, invitations, meetings and moderation. */
export function consultationDetailView(
  v: ViewContext & {
    consultation: ConsultationRow;
    status: ConsultationStatus;
    strategyName: string;
    outline: DraftArea[];
    invitees: InviteeRow[];
    organisations: { id: number; name: string }[];
    meetings: MeetingView[];
    municipalities: { code: string; nameSv: string }[];
    comments: ModerationComment[];
    inviteIssues: Issue[];
    meetingValues: MeetingFormValues;
    meetingIssues: Issue[];
    moderation: { commentId: number; issues: Issue[]; reason: string } | null;
  },
): SafeHtml {
  const { t, locale, consultation: c, status } = v;
  const questions = c.questions as ConsultationQuestion[];
  const action = (path: string, label: string) =>
    html`<form method="post" action="${ADMIN_BASE}/${c.id}/${path}">${csrfField(v.csrf)}<button type="submit">${label}</button></form>`;
  const invitedIds = new Set(v.invitees.map((i) => i.organisationId));
  const open = status === 'planerad' || status === 'oppen';
  const inviteErrors = formErrors(v.inviteIssues);
  const goalNames = new Map(
    v.outline.flatMap((a) => a.goals.map((g) => [g.id, goalName(locale, g)] as const)),
  );
  return html`<h1>${title(locale, c)}</h1>
${v.notice}
<dl>
<dt>${t.colStatus}</dt><dd>${t.statusNames[status]}</dd>
<dt>${t.colDraft}</dt><dd>${v.strategyName}</dd>
<dt>${t.colPeriod}</dt><dd>${t.period(c.opensOn, c.closesOn)}</dd>
</dl>
<div class="prewrap">${locale === 'en' && c.introductionEn ? c.introductionEn : c.introductionSv}</div>
${questions.length > 0 ? html`<h2>${t.questions}</h2><ol>${questions.map((q) => html`<li>${locale === 'en' && q.textEn ? q.textEn : q.textSv}</li>`)}</ol>` : ''}
${status === 'planerad' ? action('oppna', t.openNow) : ''}
${status === 'oppen' ? action('stang', t.closeNow) : ''}
${status !== 'planerad' ? html`<p><a href="/strategin-tas-fram/${c.id}">${t.showPublic}</a></p>` : ''}
${status === 'stangd' || status === 'sammanstalld' ? html`<p><a href="${ADMIN_BASE}/${c.id}/sammanstallning">${t.compileLink}</a></p>` : ''}

<h2>${t.inviteTitle}</h2>
${
  v.invitees.length === 0
    ? html`<p>${t.notInvited}</p>`
    : html`<div class="table-scroll" role="region" aria-label="${t.invitedCaption}" tabindex="0"><table><caption>${t.invitedCaption}</caption>
<thead><tr><th scope="col">${t.colOrganisation}</th><th scope="col">${t.colInvitedAt}</th><th scope="col">${t.colEmailed}</th><th scope="col">${t.colResponse}</th></tr></thead>
<tbody>${v.invitees.map(
        (i) =>
          html`<tr><td>${i.name}</td><td>${formatDate(locale, i.invitedAt)}</td><td>${i.emailedAt ? t.emailed : t.noMembers}</td><td>${i.responseStatus === 'inskickad' ? t.responseStates.inskickad : t.responseStates.none}</td></tr>`,
      )}</tbody></table></div>`
}
${
  open
    ? html`<form method="post" action="${ADMIN_BASE}/${c.id}/inbjud" novalidate>${csrfField(v.csrf)}
<fieldset id="${fieldId('organisationIds')}"${inviteErrors.describedBy('organisationIds')}><legend>${t.inviteLegend}</legend>
<p class="hint">${t.inviteHint}</p>${inviteErrors.errorText('organisationIds')}
${v.organisations
  .filter((o) => !invitedIds.has(o.id))
  .map(
    (o) =>
      html`<div><input type="checkbox" id="org-${o.id}" name="organisationIds" value="${o.id}"> <label for="org-${o.id}">${o.name}</label></div>`,
  )}
</fieldset>
<button type="submit">${t.invite}</button></form>`
    : ''
}

<h2>${t.meetingsTitle}</h2>
${meetingsTable(t, locale, v.meetings)}
${meetingForm(v, c.id)}

<h2>${t.moderationQueue}</h2>
${commentList(v, c.id, status, goalNames)}`;
}

function meetingForm(
  v: ViewContext & {
    meetingValues: MeetingFormValues;
    meetingIssues: Issue[];
    municipalities: { code: string; nameSv: string }[];
  },
  id: number,
): SafeHtml {
  const { t, meetingValues: m, meetingIssues: issues } = v;
  const f = formErrors(issues);
  const n = (name: keyof MeetingFormValues, label: string) =>
    inputField(issues, { name, label, value: m[name], type: 'number', attrs: html` min="0"` });
  return html`<form method="post" action="${ADMIN_BASE}/${id}/moten" novalidate>${csrfField(v.csrf)}
<fieldset><legend>${t.meetingLegend}</legend>
${f.summary(t.formErrors)}
${inputField(issues, { name: 'heldOn', label: t.heldOnLabel, value: m.heldOn, required: true })}
${inputField(issues, { name: 'venue', label: t.venue, value: m.venue, required: true })}
<div class="field"><label for="placeCode">${t.municipality}</label>${f.errorText('placeCode')}
<select id="placeCode" name="placeCode"${f.describedBy('placeCode')}><option value="">${t.noMunicipality}</option>${v.municipalities.map(
    (p) =>
      html`<option value="${p.code}"${p.code === m.placeCode ? html` selected` : ''}>${p.nameSv}</option>`,
  )}</select></div>
${n('participantsWomen', t.women)}${n('participantsMen', t.men)}${n('participantsOther', t.other)}
${textareaField(issues, { name: 'notes', label: t.notes, value: m.notes, rows: 4 })}
</fieldset>
<button type="submit">${t.saveMeeting}</button></form>`;
}

function commentList(
  v: ViewContext & {
    comments: ModerationComment[];
    moderation: { commentId: number; issues: Issue[]; reason: string } | null;
  },
  id: number,
  status: ConsultationStatus,
  goalNames: Map<number, string>,
): SafeHtml {
  const { t, locale } = v;
  if (v.comments.length === 0) return html`<p>${t.noCommentsAdmin}</p>`;
  return html`<ul class="timeline">${v.comments.map((cm) => {
    const failed = v.moderation?.commentId === cm.id ? v.moderation : null;
    const issues = failed?.issues ?? [];
    const f = formErrors(issues);
    const reasonId = `reason-${cm.id}`;
    const reasonError = issues.find((i) => i.field === 'reason');
    const canModerate = cm.status !== 'vantar-verifiering' && status !== 'sammanstalld';
    return html`<li id="kommentar-${cm.id}"><h3>${cm.displayName}${cm.goalId !== null ? html` – ${goalNames.get(cm.goalId) ?? ''}` : ''}</h3>
<p class="meta">${t.commentStatus[cm.status]} · ${formatDate(locale, cm.createdAt)}${cm.signedIn ? html` · ${t.signedInComment}` : ''}</p>
<p class="prewrap">${cm.body}</p>
${cm.status === 'dold' && cm.moderationReason ? html`<p><em>${t.hiddenBecause(cm.moderationReason)}</em></p>` : ''}
${
  canModerate
    ? html`<form method="post" action="${ADMIN_BASE}/${id}/kommentarer/${cm.id}" novalidate>${csrfField(v.csrf)}
<fieldset><legend>${t.decision}: ${cm.displayName}</legend>${f.errorText('decision')}
<div><input type="radio" id="publish-${cm.id}" name="decision" value="publicera"${cm.status !== 'publicerad' ? html` checked` : ''}> <label for="publish-${cm.id}">${t.publish}</label></div>
<div><input type="radio" id="hide-${cm.id}" name="decision" value="dolj"${cm.status === 'publicerad' ? html` checked` : ''}> <label for="hide-${cm.id}">${t.hide}</label></div>
<div class="field"><label for="${reasonId}">${t.reason}</label>${reasonError ? html`<p class="field-error" id="${reasonId}-error">${reasonError.message}</p>` : ''}<input type="text" id="${reasonId}" name="reason" value="${failed?.reason ?? ''}"${reasonError ? html` aria-describedby="${reasonId}-error" aria-invalid="true"` : ''}></div>
</fieldset>
<button type="submit">${t.saveDecision}</button></form>`
    : ''
}</li>`;
  })}</ul>`;
}
