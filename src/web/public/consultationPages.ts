import { regionIdentity } from '../../region/activeRegion.js';
import type { PublicComment } from '../../domain/consultation/comments.js';
import type { MeetingView } from '../../domain/consultation/meetings.js';
import type { PublicConsultation } from '../../domain/consultation/queries.js';
import type { ResponseWithItems } from '../../domain/consultation/responses.js';
import type { Issue } from '../../domain/result.js';
import { csrfField } from '../auth/formParts.js';
import { html, type SafeHtml } from '../html.js';
import { consultationEn } from '../i18n/consultation.en.js';
import { consultationSv, type ConsultationMessages } from '../i18n/consultation.sv.js';
import { formatDate, localePath, type Locale } from '../i18n/index.js';
import { meetingsTable } from '../components/meetingsTable.js';

export const PUBLIC_BASE = '/strategin-tas-fram';

export const consultationTexts = (locale: Locale): ConsultationMessages =>
  locale === 'en' ? consultationEn : consultationSv;

/** Swedish text on an English page is marked so screen readers read it right. */
export function localised(locale: Locale, sv: string, en: string): SafeHtml {
  if (locale === 'en' && en) return html`${en}`;
  return locale === 'en' ? html`<span lang="sv">${sv}</span>` : html`${sv}`;
}

/** English for the comment form's issues; the domain speaks Swedish. Unknown ones stay Swedish. */
const commentIssuesEn: Record<string, string> = {
  'displayName:too_small': 'Write the name to show (at least two characters).',
  'displayName:too_big': 'At most 80 characters.',
  'body:too_small': 'Write a comment of at least ten characters.',
  'body:too_big': 'At most 4,000 characters.',
  'email:missing': 'Give your email address, and we will send a link to confirm the comment.',
  'email:invalid_format': 'Give a valid email address.',
  'email:rate_limited':
    'This email address has sent three comments in the last hour. Wait a while and try again.',
  '_:rate_limited':
    'Five comments have come from your connection in the last hour. Wait a while and try again.',
  '_:not_open': 'The consultation is not open for comments.',
  'goalId:unknown_goal': 'The goal is not part of the draft.',
};

export function issueText(locale: Locale, i: Issue): string {
  return locale === 'en' ? (commentIssuesEn[`${i.field}:${i.code}`] ?? i.message) : i.message;
}

export interface CommentFormState {
  goalId: number;
  values: { displayName: string; body: string; email: string };
  issues: Issue[];
}

export interface ConsultationPageData {
  pc: PublicConsultation;
  comments: PublicComment[];
  responses: (ResponseWithItems & { organisationName: string })[];
  meetings: MeetingView[];
  earlier: { id: number; titleSv: string; titleEn: string; status: string }[];
  signedIn: boolean;
  csrf: string;
  sent: 'verifiera' | 'granskas' | null;
  form: CommentFormState | null;
  pageIssues: Issue[];
}

/** The "Strategin tas fram" page when nothing has opened yet. */
export function noConsultationPage(locale: Locale): SafeHtml {
  const t = consultationTexts(locale);
  return html`<h1>${t.pageTitle}</h1><p class="lead">${t.pageLead}</p><p>${t.noneOpen}</p>`;
}

/** One consultation on the portal: how to take part, the draft with comments, responses, meetings. */
export function consultationPage(locale: Locale, d: ConsultationPageData): SafeHtml {
  const t = consultationTexts(locale);
  const at = (path: string) => localePath(locale, path);
  const c = d.pc.consultation;
  const open = d.pc.status === 'oppen';
  const date = (iso: string) => formatDate(locale, iso);
  const goalNames = new Map(
    d.pc.outline.flatMap((a) =>
      a.goals.map((g) => [g.id, html`${g.code} ${localised(locale, g.nameSv, g.nameEn)}`] as const),
    ),
  );
  const questionText = new Map(
    d.pc.questions.map((q) => [q.key, localised(locale, q.textSv, q.textEn)] as const),
  );
  const status =
    d.pc.status === 'oppen'
      ? html`<p><strong>${t.deadline(date(c.opensOn), date(c.closesOn))}</strong></p>`
      : d.pc.status === 'stangd'
        ? html`<p><strong>${t.closedNotice(date(c.closesOn))}</strong></p>`
        : html`<p><a href="${at(`${PUBLIC_BASE}/${c.id}/sammanstallning`)}">${t.compilationLink}</a></p>`;
  const sent =
    d.sent === 'verifiera'
      ? html`<p class="message" role="status">${t.sentVerify}</p>`
      : d.sent === 'granskas'
        ? html`<p class="message" role="status">${t.sentModeration}</p>`
        : '';
  const pageErrors = d.pageIssues.length
    ? html`<div class="message" role="alert"><p>${d.pageIssues.map((i) => issueText(locale, i)).join(' ')}</p></div>`
    : '';

  return html`<h1>${t.pageTitle}</h1>
<p class="lead">${t.pageLead}</p>
${sent}${pageErrors}
<h2>${localised(locale, c.titleSv, c.titleEn)}</h2>
${status}
<div class="prewrap">${localised(locale, c.introductionSv, c.introductionEn)}</div>
${
  open
    ? html`<h2>${t.howTitle}</h2><p>${t.howRemiss}</p><p>${t.howDialogue}</p><p><a href="${at(`${PUBLIC_BASE}/moderering`)}">${t.moderationLink}</a></p>`
    : ''
}
${
  d.pc.questions.length > 0
    ? html`<h2>${t.questions}</h2><ol>${d.pc.questions.map((q) => html`<li>${questionText.get(q.key)}</li>`)}</ol>`
    : ''
}
<h2>${t.draftTitle}</h2>
<p><strong>${localised(locale, d.pc.strategy.nameSv, d.pc.strategy.nameEn)}</strong></p>
<h3>${t.vision}</h3>
<p class="vision">${localised(locale, d.pc.strategy.visionSv, d.pc.strategy.visionEn)}</p>
${d.pc.outline.map(
  (a) => html`<h3>${localised(locale, a.nameSv, a.nameEn)}</h3>
${a.descriptionSv ? html`<p>${localised(locale, a.descriptionSv, a.descriptionEn)}</p>` : ''}
<ul class="goal-list">${a.goals.map((g) => {
    const comments = d.comments.filter((cm) => cm.goalId === g.id);
    return html`<li id="mal-${g.id}"><h4>${goalNames.get(g.id)}</h4>
${g.descriptionSv ? html`<p>${localised(locale, g.descriptionSv, g.descriptionEn)}</p>` : ''}
<p class="meta">${t.commentsOnGoal(comments.length)}</p>
${comments.length > 0 ? html`<ul>${comments.map((cm) => html`<li><p class="prewrap">${cm.body}</p><p class="meta">${cm.displayName}, ${formatDate(locale, cm.createdAt)}</p></li>`)}</ul>` : ''}
${open ? commentForm(locale, t, d, c.id, g.id, goalNames.get(g.id)!) : ''}</li>`;
  })}</ul>`,
)}
<h2>${t.responsesTitle}</h2>
<p>${t.responsesIntro}</p>
${
  d.responses.length === 0
    ? html`<p>${t.noResponses}</p>`
    : d.responses.map(
        (r) => html`<h3>${r.organisationName}</h3>
<p class="meta">${t.submittedOn(formatDate(locale, r.submittedAt ?? r.updatedAt))}</p>
${r.summary ? html`<p class="prewrap">${r.summary}</p>` : ''}
${r.items.map(
  (i) =>
    html`<h4>${i.goalId !== null ? html`${t.goal} ${goalNames.get(i.goalId) ?? ''}` : i.questionKey !== null ? (questionText.get(i.questionKey) ?? '') : t.general}</h4><p class="prewrap">${i.body}</p>`,
)}
${r.attachment ? html`<p><a href="${PUBLIC_BASE}/dokument/${r.attachment.id}">${t.attachment(r.attachment.filename)}</a></p>` : ''}`,
      )
}
<h2>${t.meetingsTitle}</h2>
${meetingsTable(t, locale, d.meetings)}
${
  d.earlier.length > 0
    ? html`<h2>${t.earlier}</h2><ul>${d.earlier.map((e) => html`<li><a href="${at(`${PUBLIC_BASE}/${e.id}`)}">${localised(locale, e.titleSv, e.titleEn)}</a> (${t.statusNames[e.status]})</li>`)}</ul>`
    : ''
}`;
}

function commentForm(
  locale: Locale,
  t: ConsultationMessages,
  d: ConsultationPageData,
  consultationId: number,
  goalId: number,
  goal: SafeHtml,
): SafeHtml {
  const mine = d.form?.goalId === goalId ? d.form : null;
  const issues = mine?.issues ?? [];
  const id = (name: string) => `${name}-${goalId}`;
  const err = (name: string) => {
    const e = issues.find((i) => i.field === name);
    return e ? html`<p class="field-error" id="${id(name)}-error">${issueText(locale, e)}</p>` : '';
  };
  const described = (name: string, hint?: boolean) =>
    issues.some((i) => i.field === name)
      ? html` aria-describedby="${id(name)}-error" aria-invalid="true"`
      : hint
        ? html` aria-describedby="${id(name)}-hint"`
        : '';
  const v = mine?.values ?? { displayName: '', body: '', email: '' };
  const other = issues.filter((i) => !['displayName', 'body', 'email'].includes(i.field));
  return html`<details${mine ? html` open` : ''}><summary>${t.commentToggle}</summary>
<form method="post" action="${localePath(locale, `${PUBLIC_BASE}/${consultationId}/kommentar`)}#mal-${goalId}" novalidate>${csrfField(d.csrf)}
<input type="hidden" name="goalId" value="${goalId}">
<fieldset><legend>${t.commentLegend('')}${goal}</legend>
${other.length ? html`<div class="message" role="alert"><p>${other.map((i) => issueText(locale, i)).join(' ')}</p></div>` : ''}
<div class="field"><label for="${id('displayName')}">${t.displayName}</label><p class="hint" id="${id('displayName')}-hint">${t.displayNameHint}</p>${err('displayName')}
<input type="text" id="${id('displayName')}" name="displayName" value="${v.displayName}" maxlength="80" autocomplete="nickname"${described('displayName', true)}></div>
<div class="field"><label for="${id('body')}">${t.commentBody}</label>${err('body')}
<textarea id="${id('body')}" name="body" rows="5" maxlength="4000"${described('body')}>${v.body}</textarea></div>
${
  d.signedIn
    ? html`<p>${t.signedInNote}</p>`
    : html`<div class="field"><label for="${id('email')}">${t.email}</label><p class="hint" id="${id('email')}-hint">${t.emailHint}</p>${err('email')}
<input id="${id('email')}" name="email" type="email" value="${v.email}" autocomplete="email"${described('email', true)}></div>`
}
</fieldset>
<button type="submit">${t.sendComment}</button></form></details>`;
}

/** The page behind the link in the verification mail: one button confirms. */
export function verifyPage(
  locale: Locale,
  p: {
    token: string;
    csrf: string;
    done: null | { alreadyVerified: boolean; consultationId: number };
  },
): SafeHtml {
  const t = consultationTexts(locale);
  if (p.done) {
    return html`<h1>${t.verifiedTitle}</h1>
<p class="message" role="status">${p.done.alreadyVerified ? t.alreadyVerified : t.verifiedText}</p>
<p><a href="${localePath(locale, `${PUBLIC_BASE}/${p.done.consultationId}`)}">${t.backToConsultation}</a></p>`;
  }
  return html`<h1>${t.verifyTitle}</h1>
<p>${t.verifyText}</p>
<form method="post" action="${localePath(locale, `${PUBLIC_BASE}/bekrafta/${p.token}`)}">${csrfField(p.csrf)}
<button type="submit">${t.verifyButton}</button></form>`;
}

/** The published moderation policy. */
export function moderationPolicyPage(locale: Locale): SafeHtml {
  const t = consultationTexts(locale);
  return html`<h1>${t.moderationTitle}</h1>${moderationPolicy[locale]}
<p><a href="${localePath(locale, PUBLIC_BASE)}">${t.backToConsultation}</a></p>`;
}

const moderationPolicy = {
  get sv() {
    return html`<p>Alla kan kommentera målen i ett utkast till strategi som är ute på samråd. Kommentarerna läses av en moderator på ${regionIdentity().nameSv} innan de publiceras, normalt inom två arbetsdagar.</p>
<h2>Det här publicerar vi inte</h2>
<ul>
<li>Personuppgifter om andra, till exempel namn, adresser eller telefonnummer.</li>
<li>Kränkningar, hot, hets mot folkgrupp eller annat som strider mot lag.</li>
<li>Reklam, spam och länkar till kommersiella sidor.</li>
<li>Inlägg som inte handlar om strategin eller målet.</li>
</ul>
<h2>Så går modereringen till</h2>
<p>En kommentar som inte följer policyn döljs. Den raderas inte: kommentaren och skälet till beslutet sparas som allmän handling och kan granskas. En dold kommentar kan publiceras om beslutet ändras.</p>
<h2>Dina personuppgifter</h2>
<p>Bara det namn du väljer visas med kommentaren. Din e-postadress används för att bekräfta att kommentaren kommer från dig, visas aldrig och tas bort när samrådet är sammanställt. Vi sparar inte din IP-adress; för att stoppa massutskick sparar vi ett envägshashat värde som byts varje dygn. Den rättsliga grunden är uppgift av allmänt intresse (regionalt utvecklingsansvar).</p>
<p>För att förhindra missbruk tar vi emot högst fem kommentarer i timmen från samma uppkoppling och tre från samma e-postadress.</p>`;
  },
  get en() {
    return html`<p>Anyone may comment on the goals of a draft strategy that is out for consultation. A moderator at ${regionIdentity().nameSv} reads each comment before it is published, normally within two working days.</p>
<h2>What we do not publish</h2>
<ul>
<li>Personal data about others, such as names, addresses or phone numbers.</li>
<li>Insults, threats, hate speech or anything else against the law.</li>
<li>Advertising, spam and links to commercial sites.</li>
<li>Posts that are not about the strategy or the goal.</li>
</ul>
<h2>How moderation works</h2>
<p>A comment that breaks the policy is hidden. It is not deleted: the comment and the reason for the decision are kept as a public record and can be examined. A hidden comment can be published if the decision is changed.</p>
<h2>Your personal data</h2>
<p>Only the name you choose is shown with the comment. Your email address is used to confirm that the comment comes from you, is never shown and is erased when the consultation is compiled. We do not store your IP address; to stop floods we keep a one-way hash that changes every day. The legal basis is a task in the public interest (the regional development mandate).</p>
<p>To prevent abuse we accept at most five comments an hour from one connection and three from one email address.</p>`;
  },
};
