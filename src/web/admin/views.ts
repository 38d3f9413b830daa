import { roleNames } from '../../domain/actors/policies.js';
import type { SessionUser } from '../../domain/actors/sessions.js';
import type { Actor } from '../../domain/context.js';
import { initiativePolicy } from '../../domain/initiatives/policies.js';
import type { WorkflowState } from '../../domain/initiatives/workflow.js';
import { html, type SafeHtml } from '../html.js';
import { adminSv as t } from '../i18n/admin.sv.js';
import { csrfField } from '../auth/formParts.js';
import type { AdminInitiative, AdminInitiativeRow } from './queries.js';

export const stateNames: Record<WorkflowState, string> = {
  utkast: 'Utkast',
  inskickad: 'Inskickad',
  publicerad: 'Publicerad',
  returnerad: 'Returnerad',
  arkiverad: 'Arkiverad',
};

/** The admin area's own menu, above each admin page's content. */
export function adminShell(current: string, actor: Actor, body: SafeHtml): SafeHtml {
  const item = (href: string, label: string) =>
    html`<li><a href="${href}"${current === href ? html` aria-current="page"` : ''}>${label}</a></li>`;
  return html`<nav class="admin-nav" aria-label="${t.adminNav}"><ul>
${item('/admin', t.navDashboard)}${item('/admin/insatser', t.navInitiatives)}${initiativePolicy.create(actor) ? item('/admin/insatser/ny', t.navNewInitiative) : ''}${item('/admin/konto', t.navAccount)}
</ul></nav>
${body}`;
}

function table(rows: AdminInitiativeRow[], caption: string): SafeHtml {
  if (rows.length === 0) return html`<p>${t.nothing}</p>`;
  return html`<table><caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">Insats</th><th scope="col">Organisation</th><th scope="col">Läge</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td><a href="/admin/insatser/${r.id}">${r.title}</a></td><td>${r.ownerName}</td><td>${stateNames[r.workflowState]}</td></tr>`)}</tbody></table>`;
}

export function dashboardView(p: {
  drafts: AdminInitiativeRow[];
  waiting: AdminInitiativeRow[] | null;
  notice?: string;
}): SafeHtml {
  return html`<h1>${t.dashboardTitle}</h1>
${p.notice ? html`<p class="message" role="status">${p.notice}</p>` : ''}
<h2>${t.myDrafts}</h2>
${table(p.drafts, t.myDrafts)}
${p.waiting ? html`<h2>${t.waiting}</h2>${table(p.waiting, t.waiting)}` : ''}`;
}

export function listView(rows: AdminInitiativeRow[]): SafeHtml {
  return html`<h1>${t.initiativesTitle}</h1>${table(rows, t.initiativesTitle)}`;
}

export function detailView(p: {
  actor: Actor;
  initiative: AdminInitiative;
  csrf: string;
  notice?: string;
}): SafeHtml {
  const i = p.initiative;
  const action = (path: string, label: string, extra: SafeHtml | string = '') =>
    html`<form method="post" action="/admin/insatser/${i.id}/${path}">${csrfField(p.csrf)}${extra}<button type="submit">${label}</button></form>`;
  return html`<h1>${i.title}</h1>
${p.notice ? html`<p class="message" role="status">${p.notice}</p>` : ''}
<dl>
<dt>Läge</dt><dd>${stateNames[i.workflowState]}</dd>
<dt>Ägande organisation</dt><dd>${i.ownerName}</dd>
<dt>Period</dt><dd>${i.startDate}${i.endDate ? ` – ${i.endDate}` : ''}</dd>
<dt>Sammanfattning</dt><dd>${i.summary}</dd>
${i.description ? html`<dt>Beskrivning</dt><dd class="prewrap">${i.description}</dd>` : ''}
${i.contactEmail ? html`<dt>Kontakt</dt><dd>${i.contactEmail}</dd>` : ''}
${i.diarienummer ? html`<dt>Diarienummer</dt><dd>${i.diarienummer}</dd>` : ''}
</dl>
${initiativePolicy.submit(p.actor, i) ? action('skicka-in', 'Skicka in för godkännande') : ''}
${initiativePolicy.approve(p.actor, i) ? action('godkann', 'Godkänn och publicera') : ''}
${
  initiativePolicy.return(p.actor, i)
    ? action(
        'returnera',
        'Returnera',
        html`<div class="field"><label for="comment">Kommentar till organisationen</label><textarea id="comment" name="comment" rows="4" maxlength="2000" required></textarea></div>`,
      )
    : ''
}
${i.workflowState === 'publicerad' ? html`<p><a href="/insatser/${i.id}">Visa på den publika webbplatsen</a></p>` : ''}`;
}

export function accountView(p: { user: SessionUser; csrf: string }): SafeHtml {
  return html`<h1>${t.accountTitle}</h1>
<dl><dt>${t.signedInAs}</dt><dd>${p.user.email}</dd><dt>${t.role}</dt><dd>${roleNames[p.user.role].sv}</dd></dl>
<form method="post" action="/logga-ut">${csrfField(p.csrf)}<button type="submit">${t.signOut}</button></form>
<form method="post" action="/logga-ut-overallt">${csrfField(p.csrf)}<button type="submit">${t.signOutEverywhere}</button></form>`;
}
