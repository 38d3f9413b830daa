import type { listOrganisations, organisationDetail } from '../../domain/actors/adminQueries.js';
import { organisationKinds } from '../../domain/actors/createOrganisation.js';
import { membershipRoles } from '../../domain/actors/memberships.js';
import { formatOrganisationNumber } from '../../domain/actors/organisationNumber.js';
import type { Issue } from '../../domain/result.js';
import { csrfField, formErrors } from '../auth/formParts.js';
import type { Texts } from '../auth/texts.js';
import { html, type SafeHtml } from '../html.js';
import { inviteFormView, roleLayersView } from './usersViews.js';

export const ORGS = '/admin/organisationer';

export interface OrganisationValues {
  slug: string;
  name: string;
  kind: string;
  orgNumber: string;
  municipalityCode: string;
  website: string;
}

export const emptyOrganisation: OrganisationValues = {
  slug: '',
  name: '',
  kind: 'ideell-forening',
  orgNumber: '',
  municipalityCode: '',
  website: '',
};

export function organisationsListView(
  x: Texts,
  p: { rows: Awaited<ReturnType<typeof listOrganisations>>; q: string; archived: boolean },
): SafeHtml {
  const { a } = x;
  return html`<h1>${a.organisationsTitle}</h1>
<p><a href="${ORGS}/ny">${a.newOrganisation}</a></p>
<form method="get" action="${ORGS}" class="filters"><fieldset><legend>${a.filter}</legend>
<div class="field"><label for="q">${a.search}</label><input type="search" id="q" name="q" value="${p.q}" maxlength="200"></div>
<div class="field"><input type="checkbox" id="arkiverade" name="arkiverade" value="1"${p.archived ? html` checked` : ''}> <label for="arkiverade">${a.showArchived}</label></div>
<button type="submit">${a.filter}</button></fieldset></form>
${
  p.rows.length === 0
    ? html`<p>${a.noMatches}</p>`
    : html`<table><caption>${a.organisationsCaption}</caption>
<thead><tr><th scope="col">${a.orgName}</th><th scope="col">${a.orgKind}</th><th scope="col">${a.orgNumber}</th><th scope="col">${a.orgMembers}</th><th scope="col">${a.orgStatus}</th></tr></thead>
<tbody>${p.rows.map(
        (o) =>
          html`<tr><td><a href="${ORGS}/${o.id}">${o.name}</a></td><td>${a.organisationKinds[o.kind as keyof typeof a.organisationKinds] ?? o.kind}</td><td>${o.orgNumber ? formatOrganisationNumber(o.orgNumber) : ''}</td><td>${o.members}</td><td>${o.archived ? a.archived : a.active}</td></tr>`,
      )}</tbody></table>`
}`;
}

/** The organisation form; the slug is asked for only when creating. */
export function organisationForm(
  x: Texts,
  p: { csrf: string; action: string; values: OrganisationValues; issues: Issue[]; create: boolean },
): SafeHtml {
  const { a } = x;
  const f = formErrors(p.issues);
  const v = p.values;
  const input = (name: keyof OrganisationValues, label: string, attrs: SafeHtml, hint?: string) => {
    const hintId = `${name}-hint`;
    return html`<div class="field"><label for="${name}">${label}</label>
${hint ? html`<p class="hint" id="${hintId}">${hint}</p>` : ''}${f.errorText(name)}
<input id="${name}" name="${name}" value="${v[name]}" ${attrs}${hint && !p.issues.some((i) => i.field === name) ? html` aria-describedby="${hintId}"` : ''}${f.describedBy(name)}></div>`;
  };
  return html`${f.summary(a.formErrors)}
<form method="post" action="${p.action}" novalidate>${csrfField(p.csrf)}
${input('name', a.orgName, html`type="text" maxlength="200" required`)}
${p.create ? input('slug', a.orgSlug, html`type="text" maxlength="80" required`, a.orgSlugHint) : ''}
<div class="field"><label for="kind">${a.orgKind}</label>${f.errorText('kind')}
<select id="kind" name="kind"${f.describedBy('kind')}>${organisationKinds.map((k) => html`<option value="${k}"${k === v.kind ? html` selected` : ''}>${a.organisationKinds[k]}</option>`)}</select></div>
${input('orgNumber', a.orgNumber, html`type="text" inputmode="numeric" maxlength="13"`, a.orgNumberHint)}
${input('municipalityCode', a.orgMunicipality, html`type="text" inputmode="numeric" maxlength="4"`, a.orgMunicipalityHint)}
${input('website', a.orgWebsite, html`type="url" maxlength="300"`)}
<button type="submit">${p.create ? a.create : a.save}</button></form>`;
}

export function organisationView(
  x: Texts,
  p: {
    org: NonNullable<Awaited<ReturnType<typeof organisationDetail>>>;
    csrf: string;
    values: OrganisationValues;
    issues: Issue[];
    memberForm: { email: string; role: string; issues: Issue[] };
    inviteForm: { email: string; role: string; issues: Issue[] } | null;
    notice?: string;
  },
): SafeHtml {
  const { a } = x;
  const o = p.org;
  const mf = formErrors(p.memberForm.issues.map((i) => ({ ...i, field: `member-${i.field}` })));
  const roleOptions = (current: string) =>
    membershipRoles.map(
      (r) =>
        html`<option value="${r}"${r === current ? html` selected` : ''}>${a.membershipRoles[r]}</option>`,
    );
  return html`<h1>${o.name}</h1>
${p.notice ? html`<p class="message" role="status">${p.notice}</p>` : ''}
${o.archivedAt ? html`<p class="message">${a.archivedNotice}</p>` : ''}
<p>${a.orgSlug}: <code>${o.slug}</code></p>
${organisationForm(x, { csrf: p.csrf, action: `${ORGS}/${o.id}`, values: p.values, issues: p.issues, create: false })}
<form method="post" action="${ORGS}/${o.id}/${o.archivedAt ? 'aterstall' : 'arkivera'}">${csrfField(p.csrf)}<button type="submit">${o.archivedAt ? a.unarchive : a.archive}</button></form>
<h2>${a.orgMembers}</h2>
${roleLayersView(x)}
${
  o.members.length === 0
    ? html`<p>${x.t.nothing}</p>`
    : html`<table><caption>${a.orgMembers}</caption>
<thead><tr><th scope="col">${a.userEmail}</th><th scope="col">${a.userName}</th><th scope="col">${a.memberRole}</th><th scope="col">${a.actions}</th></tr></thead>
<tbody>${o.members.map(
        (m) =>
          html`<tr><td>${m.email}</td><td>${m.name}</td><td><form method="post" action="${ORGS}/${o.id}/medlemmar/${m.userId}">${csrfField(p.csrf)}<label for="role-${m.userId}" class="visually-hidden">${a.memberRole}: ${m.email}</label><select id="role-${m.userId}" name="role">${roleOptions(m.role)}</select> <button type="submit">${a.save}</button></form></td>
<td><form method="post" action="${ORGS}/${o.id}/medlemmar/${m.userId}/ta-bort">${csrfField(p.csrf)}<button type="submit" aria-label="${a.removeMember}: ${m.email}">${a.removeMember}</button></form></td></tr>`,
      )}</tbody></table>`
}
<h2>${a.addMember}</h2>
${mf.summary(a.formErrors)}
<form method="post" action="${ORGS}/${o.id}/medlemmar">${csrfField(p.csrf)}
<div class="field"><label for="member-email">${a.userEmail}</label>${mf.errorText('member-email')}
<input type="email" id="member-email" name="email" value="${p.memberForm.email}" required maxlength="320" autocomplete="off"${mf.describedBy('member-email')}></div>
<div class="field"><label for="member-role">${a.memberRole}</label>${mf.errorText('member-role')}<select id="member-role" name="role"${mf.describedBy('member-role')}>${roleOptions(p.memberForm.role || 'editor')}</select></div>
<button type="submit">${a.addMemberButton}</button></form>
${
  p.inviteForm
    ? inviteFormView(x, {
        csrf: p.csrf,
        action: `${ORGS}/${o.id}/bjud-in`,
        explainRoles: false,
        values: { ...p.inviteForm, organisation: o.slug },
        organisations: null,
        issues: p.inviteForm.issues,
        heading: a.inviteMember,
      })
    : ''
}`;
}
