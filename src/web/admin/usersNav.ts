import { accessibilityReportPolicy } from '../../domain/accessibility/policy.js';
import { can } from '../../domain/actors/policies.js';
import { accessibilityReportsEn } from '../i18n/accessibilityReports.en.js';
import { accessibilityReportsSv } from '../i18n/accessibilityReports.sv.js';
import type { Actor } from '../../domain/context.js';
import { html, type SafeHtml } from '../html.js';
import { accountsEn } from '../i18n/accounts.en.js';
import { accountsSv } from '../i18n/accounts.sv.js';
import type { Locale } from '../i18n/index.js';
import { AUDIT } from './auditLogViews.js';
import { ORGS } from './organisationsViews.js';
import { USERS } from './usersViews.js';
import { outboxEn } from '../i18n/outbox.en.js';
import { outboxSv } from '../i18n/outbox.sv.js';

/** The mail outbox page (mailOutbox.ts), linked from the accounts navigation. */
export const OUTBOX = '/admin/e-post';
/** Visitors' accessibility reports (accessibilityReportsRoutes.ts). */
export const ACCESSIBILITY_REPORTS = '/admin/tillganglighet';

/**
 * The admin menu's items for users, organisations, the log, the mail outbox and visitors'
 * accessibility reports, each only for those allowed.
 */
export function accountsNavItems(
  actor: Actor,
  item: (href: string, label: string) => SafeHtml,
  locale: Locale = 'sv',
): SafeHtml {
  const t = locale === 'en' ? accountsEn : accountsSv;
  return html`${can(actor, 'users.manage') ? item(USERS, t.navUsers) : ''}${can(actor, 'organisations.manage') ? item(ORGS, t.navOrganisations) : ''}${can(actor, 'audit.read') ? item(AUDIT, t.navAuditLog) : ''}${can(actor, 'users.manage') ? item(OUTBOX, (locale === 'en' ? outboxEn : outboxSv).nav) : ''}${accessibilityReportPolicy.handle(actor) ? item(ACCESSIBILITY_REPORTS, (locale === 'en' ? accessibilityReportsEn : accessibilityReportsSv).nav) : ''}`;
}
