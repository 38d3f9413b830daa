import { apiTokenPolicy } from '../../domain/access/apiTokens.js';
import { roleNames } from '../../domain/actors/policies.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorFor, type SessionUser } from '../../domain/actors/sessions.js';
import { strategyVersionPolicy } from '../../domain/drafting/policies.js';
import { initiativePolicy } from '../../domain/initiatives/policies.js';
import { html, type SafeHtml } from '../html.js';
import { mayHandlePersonalData } from '../../domain/privacy/policies.js';
import { privacySv } from '../i18n/privacy.sv.js';
import { adminSv as t } from '../i18n/admin.sv.js';
import { adminEn } from '../i18n/admin.en.js';
import { apiTokensEn } from '../i18n/apiTokens.en.js';
import { consultationEn } from '../i18n/consultation.en.js';
import { followupAdminEn } from '../i18n/followupAdmin.en.js';
import type { Locale } from '../i18n/index.js';
import { initiativeAdminEn } from '../i18n/initiativeAdmin.en.js';
import { privacyEn } from '../i18n/privacy.en.js';
import { reportingEn } from '../i18n/reporting.en.js';
import { strategyEn } from '../i18n/strategy.en.js';
import { apiTokensSv } from '../i18n/apiTokens.sv.js';
import { followupAdminSv } from '../i18n/followupAdmin.sv.js';
import { analysisPolicy } from '../../domain/followup/policies.js';
import { reportingSv } from '../i18n/reporting.sv.js';
import { strategySv } from '../i18n/strategy.sv.js';
import { consultationSv } from '../i18n/consultation.sv.js';
import { secondFactorEn } from '../i18n/secondFactor.en.js';
import { secondFactorSv } from '../i18n/secondFactor.sv.js';
import { SECOND_FACTOR_ACCOUNT_PATH } from './secondFactorAccountView.js';
import { csrfField } from '../auth/formParts.js';
import { csrfToken } from '../csrf.js';
import { adminLocale } from './locale.js';
import { renderMarkdown } from '../markdown.js';
import type { AdminInitiativeRow } from './queries.js';
import { initiativeAdminSv } from '../i18n/initiativeAdmin.sv.js';
import { accountsNavItems } from './usersNav.js';

/** The menu's texts, from each area's own catalogue. */
const navTexts = {
  sv: {
    admin: t,
    bulk: initiativeAdminSv.bulk.nav,
    reporting: reportingSv.nav,
    strategy: strategySv.nav,
    consultation: consultationSv.nav,
    apiTokens: apiTokensSv.title,
    indicators: followupAdminSv.indicators.nav,
    imports: followupAdminSv.imports.nav,
    privacy: privacySv.title,
  },
  en: {
    admin: adminEn,
    bulk: initiativeAdminEn.bulk.nav,
    reporting: reportingEn.nav,
    strategy: strategyEn.nav,
    consultation: consultationEn.nav,
    apiTokens: apiTokensEn.title,
    indicators: followupAdminEn.indicators.nav,
    imports: followupAdminEn.imports.nav,
    privacy: privacyEn.title,
  },
} satisfies Record<Locale, unknown>;

/**
 * The admin area's frame around each admin page's content, in the admin language: who is signed
 * in with the way out, then the admin menu.
 */
export function adminShell(
  req: FastifyRequest,
  reply: FastifyReply,
  current: string,
  body: SafeHtml,
): SafeHtml {
  const user = req.account!;
  const actor = actorFor(user);
  const locale = adminLocale(req);
  const n = navTexts[locale];
  const item = (href: string, label: string) =>
    html`<li><a href="${href}"${current === href ? html` aria-current="page"` : ''}>${label}</a></li>`;
  const mayCreate = initiativePolicy.create(actor);
  return html`<div class="account-bar"><p>${n.admin.signedInAs} <strong>${user.email}</strong> (${roleNames[user.role][locale].toLowerCase()})</p>
<form method="post" action="/logga-ut">${csrfField(csrfToken(req, reply))}<button type="submit" class="link-button">${n.admin.signOut}</button></form></div>
<nav class="admin-nav" aria-label="${n.admin.adminNav}"><ul>
${item('/admin', n.admin.navDashboard)}${item('/admin/insatser', n.admin.navInitiatives)}${mayCreate ? item('/admin/insatser/ny', n.admin.navNewInitiative) : ''}${mayCreate ? item('/admin/insatser/fil', n.bulk) : ''}${item('/admin/rapportering', n.reporting)}${strategyVersionPolicy.manage(actor) ? item('/admin/strategi', n.strategy) : ''}${item('/admin/samrad', n.consultation)}${apiTokenPolicy.page(actor) ? item('/admin/api-nycklar', n.apiTokens) : ''}${analysisPolicy.analyse(actor) ? html`${item('/admin/indikatorer', n.indicators)}${item('/admin/importer', n.imports)}` : ''}${accountsNavItems(actor, item, locale)}${mayHandlePersonalData(actor) ? item('/admin/personuppgifter', n.privacy) : ''}${item('/admin/konto', n.admin.navAccount)}
</ul></nav>
${body}`;
}

const catalogues = {
  sv: { admin: t, initiative: initiativeAdminSv },
  en: { admin: adminEn, initiative: initiativeAdminEn },
};

function table(rows: AdminInitiativeRow[], caption: string, locale: Locale): SafeHtml {
  const { admin: a, initiative: i } = catalogues[locale];
  if (rows.length === 0) return html`<p>${a.nothing}</p>`;
  return html`<table><caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">${a.columnInitiative}</th><th scope="col">${a.columnOrganisation}</th><th scope="col">${a.columnState}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td><a href="/admin/insatser/${r.id}">${r.title}</a></td><td>${r.ownerName}</td><td>${i.stateNames[r.workflowState]}${r.pendingState ? ` (${i.history.proposal}: ${i.stateNames[r.pendingState]!.toLowerCase()})` : ''}${returnReason(r, i.detail.returnComment)}</td></tr>`)}</tbody></table>`;
}

/** Why the Region returned the record or its proposal, under its state. */
function returnReason(r: AdminInitiativeRow, label: string): SafeHtml | '' {
  const comment =
    r.workflowState === 'returnerad'
      ? r.returnComment
      : r.pendingState === 'returnerad'
        ? r.pendingComment
        : null;
  return comment
    ? html`<div class="comment"><p><strong>${label}:</strong></p>${renderMarkdown(comment)}</div>`
    : '';
}

export function dashboardView(
  p: {
    drafts: AdminInitiativeRow[];
    waiting: AdminInitiativeRow[] | null;
    notice?: string;
    /** What waits for the signed-in person, above their lists. */
    desk?: SafeHtml;
  },
  locale: Locale = 'sv',
): SafeHtml {
  const a = catalogues[locale].admin;
  return html`<h1>${a.dashboardTitle}</h1>
${p.notice ? html`<p class="message" role="status">${p.notice}</p>` : ''}
${p.desk ?? ''}
<h2>${a.myDrafts}</h2>
${table(p.drafts, a.myDrafts, locale)}
${p.waiting ? html`<h2>${a.waiting}</h2>${table(p.waiting, a.waiting, locale)}` : ''}`;
}

export function accountView(
  p: { user: SessionUser; csrf: string },
  locale: Locale = 'sv',
): SafeHtml {
  const a = catalogues[locale].admin;
  return html`<h1>${a.accountTitle}</h1>
<dl><dt>${a.signedInAs}</dt><dd>${p.user.email}</dd><dt>${a.role}</dt><dd>${roleNames[p.user.role][locale]}</dd></dl>
<p><a href="${SECOND_FACTOR_ACCOUNT_PATH}">${(locale === 'en' ? secondFactorEn : secondFactorSv).accountLink}</a></p>
<form method="post" action="/logga-ut-overallt">${csrfField(p.csrf)}<button type="submit">${a.signOutEverywhere}</button></form>`;
}
