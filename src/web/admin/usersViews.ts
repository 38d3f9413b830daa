import { userRoles } from '../../domain/actors/addUser.js';
import type { listUsers, userDetail } from '../../domain/actors/adminQueries.js';
import { roleNames } from '../../domain/actors/policies.js';
import type { UserRole } from '../../domain/context.js';
import type { Issue } from '../../domain/result.js';
import { csrfField, formErrors } from '../auth/formParts.js';
import type { Texts } from '../auth/texts.js';
import { html, type SafeHtml } from '../html.js';

export const USERS = '/admin/anvandare';

const notice = (text: string | undefined) =>
  text ? html`<p class="message" role="status">${text}</p>` : '';

/** A select of the four roles with the current one chosen. */
export function roleSelect(
  x: Texts,
  id: string,
  current: string,
  describedBy: SafeHtml | string = '',
) {
  return html`<select id="${id}" name="role"${describedBy}>${userRoles.map(
    (r) =>
      html`<option value="${r}"${r === current ? html` selected` : ''}>${roleNames[r][x.locale]}</option>`,
  )}</select>`;
}

export function usersListView(
  x: Texts,
  p: {
    rows: Awaited<ReturnType<typeof listUsers>>;
    filter: { q: string; role: string; status: string };
    mayInvite: boolean;
  },
): SafeHtml {
  const { a } = x;
  const opt = (value: string, label: string, current: string) =>
    html`<option value="${value}"${value === current ? html` selected` : ''}>${label}</option>`;
  return html`<h1>${a.usersTitle}</h1>
${p.mayInvite ? html`<p><a href="${USERS}/bjud-in">${a.inviteUser}</a></p>` : ''}
<form method="get" action="${USERS}" class="filters"><fieldset><legend>${a.filter}</legend>
<div class="field"><label for="q">${a.search}</label><input type="search" id="q" name="q" value="${p.filter.q}" maxlength="200"></div>
<div class="field"><label for="roll">${a.userRole}</label><select id="roll" name="roll">${opt('', a.all, p.filter.role)}${userRoles.map((r) => opt(r, roleNames[r][x.locale], p.filter.role))}</select></div>
<div class="field"><label for="status">${a.userStatus}</label><select id="status" name="status">${opt('', a.all, p.filter.status)}${opt('aktiv', a.statusActive, p.filter.status)}${opt('avstangd', a.statusDisabled, p.filter.status)}</select></div>
<button type="submit">${a.filter}</button></fieldset></form>
${
  p.rows.length === 0
    ? html`<p>${a.noMatches}</p>`
    : html`<table><caption>${a.usersCaption}</caption>
<thead><tr><th scope="col">${a.userEmail}</th><th scope="col">${a.userName}</th><th scope="col">${a.userRole}</th><th scope="col">${a.userOrganisations}</th><th scope="col">${a.userStatus}</th></tr></thead>
<tbody>${p.rows.map(
        (u) =>
          html`<tr><td><a href="${USERS}/${u.id}">${u.email}</a></td><td>${u.name}</td><td>${roleNames[u.role][x.locale]}</td><td>${u.organisations.join(', ')}</td><td>${u.disabled ? a.statusDisabled : a.statusActive}</td></tr>`,
      )}</tbody></table>`
}`;
}

export function userView(
  x: Texts,
  p: {
    user: NonNullable<Awaited<ReturnType<typeof userDetail>>>;
    csrf: string;
    issues: Issue[];
    notice?: string;
  },
): SafeHtml {
  const { a } = x;
  const u = p.user;
  const f = formErrors(p.issues);
  return html`<h1>${a.userTitle(u.name || u.email)}</h1>
${notice(p.notice)}
${f.summary(a.formErrors)}
<dl><dt>${a.userEmail}</dt><dd>${u.email}</dd>
<dt>${a.userStatus}</dt><dd>${u.disabledAt ? a.statusDisabled : a.statusActive}</dd></dl>
<form method="post" action="${USERS}/${u.id}/roll">${csrfField(p.csrf)}
<div class="field"><label for="role">${a.userRole}</label>${f.errorText('role')}${roleSelect(x, 'role', u.role, f.describedBy('role'))}</div>
${roleLayersView(x)}
<button type="submit">${a.changeRole}</button></form>
<form method="post" action="${USERS}/${u.id}/${u.disabledAt ? 'aktivera' : 'stang-av'}">${csrfField(p.csrf)}${f.errorText('user')}
<button type="submit" id="user"${f.describedBy('user')}>${u.disabledAt ? a.enable : a.disable}</button></form>
<h2>${a.memberships}</h2>
${
  u.organisations.length === 0
    ? html`<p>${a.noOrganisation}</p>`
    : html`<ul>${u.organisations.map((o) => html`<li><a href="/admin/organisationer/${o.id}">${o.name}</a> (${a.membershipRoles[o.role]})</li>`)}</ul>`
}
<h2>${a.identities}</h2>
${
  u.identities.length === 0
    ? html`<p>${a.noIdentities}</p>`
    : html`<ul>${u.identities.map((i) => html`<li>${i.issuer} – ${i.subject}</li>`)}</ul>`
}`;
}

/** What each account role may do and how it differs from the role in an organisation. */
export function roleLayersView(x: Texts): SafeHtml {
  const { a } = x;
  return html`<details class="role-layers"><summary>${a.roleLayersHeading}</summary><p>${a.roleLayersIntro}</p>
<dl>${userRoles.map((r) => html`<dt>${roleNames[r][x.locale]}</dt><dd>${a.roleDoes[r]}</dd>`)}</dl></details>`;
}

export function inviteFormView(
  x: Texts,
  p: {
    csrf: string;
    action: string;
    values: { email: string; role: string; organisation: string };
    organisations: { slug: string; name: string }[] | null;
    issues: Issue[];
    heading: string;
    /** False where the page explains the roles already (an organisation's page). */
    explainRoles?: boolean;
  },
): SafeHtml {
  const { a, t } = x;
  const f = formErrors(
    p.issues.map((i) => (i.field === 'org' ? { ...i, field: 'organisation' } : i)),
  );
  return html`<h2>${p.heading}</h2>
<p>${a.inviteIntro}</p>
${f.summary(a.formErrors)}
<form method="post" action="${p.action}">${csrfField(p.csrf)}
<div class="field"><label for="email">${t.email}</label>${f.errorText('email')}
<input type="email" id="email" name="email" value="${p.values.email}" autocomplete="off" required maxlength="320"${f.describedBy('email')}></div>
<div class="field"><label for="role">${a.userRole}</label>${f.errorText('role')}${roleSelect(x, 'role', p.values.role || 'aktor', f.describedBy('role'))}</div>
${p.explainRoles === false ? '' : roleLayersView(x)}
${
  p.organisations
    ? html`<div class="field"><label for="organisation">${a.inviteOrganisation}</label>${f.errorText('organisation')}
<select id="organisation" name="organisation"${f.describedBy('organisation')}><option value="">${a.noOrganisation}</option>${p.organisations.map((o) => html`<option value="${o.slug}"${o.slug === p.values.organisation ? html` selected` : ''}>${o.name}</option>`)}</select></div>`
    : html`<input type="hidden" name="organisation" value="${p.values.organisation}">`
}
<button type="submit">${a.sendInvite}</button></form>`;
}

/** After an invitation: who was invited and the link, in case the mail does not arrive. */
export function invitedView(
  x: Texts,
  p: { email: string; link: string; mailed: boolean; back: string; backLabel: string },
): SafeHtml {
  return html`<h1>${x.a.inviteTitle}</h1>
<p class="message" role="status">${p.mailed ? x.a.invited(p.email) : x.a.invitedNoMail(p.email)}</p>
<p><label for="inbjudningslank">${p.mailed ? x.a.inviteLink : x.a.inviteLinkHandOver}</label><br>
<input type="text" id="inbjudningslank" value="${p.link}" readonly size="60" autocomplete="off" spellcheck="false"></p>
<p><a href="${p.back}">${p.backLabel}</a></p>`;
}

export const isRole = (v: string): v is UserRole => (userRoles as readonly string[]).includes(v);
