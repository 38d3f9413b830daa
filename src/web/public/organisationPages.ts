import type { OrganisationSummary, getOrganisationBySlug } from '../../domain/actors/queries.js';
import { linkableUrl } from '../../domain/text/webAddress.js';
import { formatOrganisationNumber } from '../../domain/actors/organisationNumber.js';
import type { InitiativeListItem } from '../../domain/initiatives/queries.js';
import { initiativeCard } from '../components/initiativeCard.js';
import { scrollBox } from '../components/scrollBox.js';
import { html, type SafeHtml } from '../html.js';
import { compareSv, localePath, messages, type Locale } from '../i18n/index.js';

export function organisationsPage(locale: Locale, orgs: OrganisationSummary[]): SafeHtml {
  const t = messages(locale);
  const sorted = [...orgs].sort((a, b) => compareSv(a.name, b.name));
  return html`<h1>${t.organisationsTitle}</h1>
<p class="lead">${t.organisationsIntro}</p>
${scrollBox(
  t.organisationsTitle,
  html`<table>
<caption>${t.organisationsTitle}</caption>
<thead><tr><th scope="col">${t.facetOrganisation}</th><th scope="col">${t.organisationKindLabel}</th><th scope="col" class="num">${t.ownedInitiatives}</th><th scope="col" class="num">${t.partnerInitiatives}</th></tr></thead>
<tbody>
${sorted.map(
  (o) =>
    html`<tr><th scope="row"><a href="${localePath(locale, `/aktorer/${o.slug}`)}">${o.name}</a></th><td>${t.organisationKind[o.kind]}</td><td class="num">${o.ownedCount}</td><td class="num">${o.partnerCount}</td></tr>`,
)}
</tbody>
</table>`,
)}`;
}

export function organisationPage(
  locale: Locale,
  org: Awaited<ReturnType<typeof getOrganisationBySlug>>,
  owned: InitiativeListItem[],
  partner: InitiativeListItem[],
): SafeHtml {
  const t = messages(locale);
  return html`<nav class="breadcrumbs" aria-label="${t.breadcrumbs}"><ol><li><a href="${localePath(locale, '/')}">${t.navHome}</a></li><li><a href="${localePath(locale, '/aktorer')}">${t.navOrganisations}</a></li></ol></nav>
<h1>${org.name}</h1>
<dl class="facts">
<dt>${t.facetOrganisation}</dt><dd>${t.organisationKind[org.kind]}</dd>
${org.orgNumber ? html`<dt>${t.orgNumber}</dt><dd>${formatOrganisationNumber(org.orgNumber)}</dd>` : ''}
${org.website ? html`<dt>${t.website}</dt><dd>${websiteLink(org.website)}</dd>` : ''}
</dl>
<h2>${t.ownedInitiatives} (${owned.length})</h2>
${owned.length === 0 ? html`<p>${t.noInitiatives}</p>` : html`<div class="initiative-list">${owned.map((initiative) => initiativeCard({ locale, initiative, headingLevel: 3 }))}</div>`}
<h2>${t.partnerInitiatives} (${partner.length})</h2>
${partner.length === 0 ? html`<p>${t.noInitiatives}</p>` : html`<div class="initiative-list">${partner.map((initiative) => initiativeCard({ locale, initiative, headingLevel: 3 }))}</div>`}`;
}

/** An http(s) website as a link; anything else stored before that rule, as text only. */
function websiteLink(website: string): SafeHtml {
  const href = linkableUrl(website);
  return href ? html`<a href="${href}" rel="nofollow">${website}</a>` : html`${website}`;
}
