import type { Actor } from '../../domain/context.js';
import { initiativePolicy } from '../../domain/initiatives/policies.js';
import type { FieldChange } from '../../domain/initiatives/versionDiff.js';
import type { Issue } from '../../domain/result.js';
import { csrfField, formErrors } from '../auth/formParts.js';
import { warningButton } from '../components/confirmStep.js';
import { html, type SafeHtml } from '../html.js';
import type { InitiativeAdminMessages } from '../i18n/initiativeAdmin.sv.js';
import { renderMarkdown } from '../markdown.js';
import { changesTable } from './initiativeChanges.js';
import type { AdminInitiative } from './queries.js';

export interface InitiativeDetailParams {
  t: InitiativeAdminMessages;
  actor: Actor;
  initiative: AdminInitiative;
  csrf: string;
  notice?: string;
  /** The open change proposal against the published record, field by field. */
  pendingChanges: FieldChange[] | null;
  /** Whether the actor may see the version history (initiativePolicy.readWorkInProgress). */
  showHistory: boolean;
  /** The public page as it will look (or looks), with what it shows. */
  preview?: { body: SafeHtml; of: 'draft' | 'change' | 'published' };
}

/** A member's request that the Region archive the published initiative, with its reason. */
export function requestArchiveForm(
  t: InitiativeAdminMessages,
  i: AdminInitiative,
  csrf: string,
  typed: { reason: string; issues: Issue[] } = { reason: '', issues: [] },
): SafeHtml {
  const d = t.detail;
  const f = formErrors(typed.issues);
  return html`<section aria-labelledby="request-archive"><h2 id="request-archive">${d.requestArchiveHeading}</h2>
<p>${d.requestArchiveHint}</p>
<form method="post" action="/admin/insatser/${i.id}/begar-arkivering">${csrfField(csrf)}
<div class="field"><label for="reason">${d.requestArchiveReason}</label>${f.errorText('reason')}
<textarea id="reason" name="reason" rows="3" maxlength="2000" required${f.describedBy('reason')}>${typed.reason}</textarea></div>
<button type="submit">${d.requestArchive}</button></form></section>`;
}

/** An initiative in the admin area: its state, the Region's comments and the workflow's buttons. */
export function initiativeDetailView(p: InitiativeDetailParams): SafeHtml {
  const { t, actor } = p;
  const d = t.detail;
  const i = p.initiative;
  const onChange = i.workflowState === 'publicerad' && i.pendingState != null;
  const version = html`<input type="hidden" name="version" value="${i.version}">`;
  const action = (path: string, label: string, extra: SafeHtml | string = '', warn = false) =>
    html`<form method="post" action="/admin/insatser/${i.id}/${path}">${csrfField(p.csrf)}${version}${extra}${warn ? warningButton(label) : html`<button type="submit">${label}</button>`}</form>`;
  return html`<h1>${i.title}</h1>
${p.notice ? html`<p class="message" role="status">${p.notice}</p>` : ''}
${onChange && i.pendingRebasedAt ? html`<p class="message" role="status">${d.rebasedNotice}</p>` : ''}
<dl>
<dt>${d.state}</dt><dd>${t.stateNames[i.workflowState]}</dd>
<dt>${d.version}</dt><dd>${i.version}</dd>
<dt>${d.owner}</dt><dd>${i.ownerName}</dd>
<dt>${d.period}</dt><dd>${i.startDate}${i.endDate ? ` – ${i.endDate}` : ''}</dd>
${
  p.preview
    ? ''
    : html`<dt>${d.summary}</dt><dd>${i.summary}</dd>
${i.description ? html`<dt>${d.description}</dt><dd>${renderMarkdown(i.description)}</dd>` : ''}
${i.contactEmail ? html`<dt>${d.contact}</dt><dd>${i.contactEmail}</dd>` : ''}`
}
${i.diarienummer ? html`<dt>${t.fields.diarienummer}</dt><dd>${i.diarienummer}</dd>` : ''}
${i.workflowState === 'returnerad' && i.returnComment ? html`<dt>${d.returnComment}</dt><dd class="comment">${renderMarkdown(i.returnComment)}</dd>` : ''}
</dl>
<ul class="actions">
${initiativePolicy.edit(actor, i) ? html`<li><a href="/admin/insatser/${i.id}/redigera">${t.edit.link}</a></li>` : ''}
${p.showHistory ? html`<li><a href="/admin/insatser/${i.id}/historik">${t.edit.historyLink}</a></li>` : ''}
${i.workflowState === 'publicerad' ? html`<li><a href="/insatser/${i.id}">${d.viewPublic}</a></li>` : ''}
</ul>
${reviewSections(p, onChange)}
${initiativePolicy.submit(actor, i) ? action('skicka-in', onChange ? d.submitChange : d.submit) : ''}
${initiativePolicy.approve(actor, i) ? action('godkann', onChange ? d.approveChange : d.approve, '', true) : ''}
${
  initiativePolicy.return(actor, i)
    ? action(
        'returnera',
        onChange ? d.returnChange : d.returnButton,
        html`<div class="field"><label for="comment">${d.returnLabel}</label><textarea id="comment" name="comment" rows="4" maxlength="2000" required></textarea></div>`,
        true,
      )
    : ''
}
${i.archiveRequest ? html`<p class="message" role="status">${d.archiveRequested(i.archiveRequest.byLabel, i.archiveRequest.reason)}</p>` : ''}
${initiativePolicy.withdrawChange(actor, i) ? action('dra-tillbaka', d.withdrawChange, '', true) : ''}
${initiativePolicy.archive(actor, i) ? html`<p>${d.archiveHint}</p>${action('arkivera', d.archive, '', true)}` : ''}
${initiativePolicy.declineArchive(actor, i) ? action('avsla-arkivering', d.declineArchive) : ''}
${initiativePolicy.requestArchive(actor, i) ? requestArchiveForm(t, i, p.csrf) : ''}
${initiativePolicy.restore(actor, i) ? action('aterstall', d.restore) : ''}`;
}

/**
 * What is under review: the open proposal's changes beside the public page as it will look once
 * approved (or, for a record not yet published, the page alone).
 */
function reviewSections(p: InitiativeDetailParams, onChange: boolean): SafeHtml | '' {
  const { t, preview } = p;
  const d = t.detail;
  const i = p.initiative;
  const changes = onChange
    ? html`<section aria-labelledby="pending-heading"><h2 id="pending-heading">${d.pendingHeading}</h2>
<p>${d.pendingState(t.stateNames[i.pendingState!]!.toLowerCase())}</p>
${i.pendingState === 'returnerad' && i.pendingComment ? html`<p><strong>${d.pendingComment}:</strong></p><div class="comment">${renderMarkdown(i.pendingComment)}</div>` : ''}
${p.pendingChanges ? changesTable(t, p.pendingChanges, d.pendingChanges) : ''}
</section>`
    : '';
  const note = preview
    ? { draft: d.previewDraft, change: d.previewChange, published: d.previewPublished }[preview.of]
    : '';
  const page = preview
    ? html`<section class="page-preview" aria-labelledby="preview-heading"><h2 id="preview-heading">${d.previewHeading}</h2>
<p>${note}</p>
<div class="preview-frame">${preview.body}</div></section>`
    : '';
  if (!changes && !page) return '';
  return changes && page
    ? html`<div class="review">${changes}${page}</div>`
    : html`${changes}${page}`;
}
