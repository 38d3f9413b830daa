import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { issuesIn } from '../../domain/result.js';
import {
  accessibilityReportsWith,
  type AccessibilityReportRow,
  type AccessibilityReportStatus,
} from '../../domain/accessibility/accessibilityReportQueries.js';
import { handleAccessibilityReport } from '../../domain/accessibility/handleAccessibilityReport.js';
import { accessibilityReportPolicy } from '../../domain/accessibility/policy.js';
import { csrfField } from '../auth/formParts.js';
import { csrfToken } from '../csrf.js';
import { html, type SafeHtml } from '../html.js';
import { accessibilityReportsEn } from '../i18n/accessibilityReports.en.js';
import {
  accessibilityReportsSv,
  type AccessibilityReportsMessages,
} from '../i18n/accessibilityReports.sv.js';
import { formatDate, type Locale } from '../i18n/index.js';
import {
  adminRouteKit,
  idParam,
  messagesFor,
  noticeOf,
  queryParam,
  rawField,
  redirectWithNotice,
  type AdminDeps,
} from './adminRouteKit.js';
import { ACCESSIBILITY_REPORTS } from './usersNav.js';

const HANDLED_TAB = 'hanterade';
const PAGE_SIZE = 200;
const NOTE_MAX = 5000;

const messages = messagesFor(accessibilityReportsSv, accessibilityReportsEn);

const stockholmDay = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
const day = (locale: Locale, d: Date) => formatDate(locale, stockholmDay(d));

/** A note that was not saved, kept in its form with the reason. */
interface RejectedNote {
  id: number;
  note: string;
  message: string;
}

function reportView(
  t: AccessibilityReportsMessages,
  locale: Locale,
  r: AccessibilityReportRow,
  csrf: string,
  rejected: RejectedNote | undefined,
): SafeHtml {
  const noteId = `anteckning-${r.id}`;
  const error = rejected?.id === r.id ? rejected : undefined;
  const headingId = `anmalan-${r.id}`;
  const handled =
    r.status === 'hanterad' && r.handledAt
      ? html`<p class="muted">${r.handledByName ? t.handledBy(r.handledByName, day(locale, r.handledAt)) : t.handledAt(day(locale, r.handledAt))}</p>${r.handlingNote ? html`<p class="plain-text">${r.handlingNote}</p>` : ''}`
      : html`<form method="post" action="${ACCESSIBILITY_REPORTS}/${String(r.id)}/hanterad">${csrfField(csrf)}
<div class="field"><label for="${noteId}">${t.note}</label><p class="hint" id="${noteId}-hint">${t.noteHint}</p>${error ? html`<p class="field-error" id="${noteId}-error">${error.message}</p>` : ''}
<textarea id="${noteId}" name="note" rows="3" maxlength="${String(NOTE_MAX)}" aria-describedby="${noteId}-hint${error ? ` ${noteId}-error` : ''}"${error ? html` aria-invalid="true"` : ''}>${error?.note ?? ''}</textarea></div>
<button type="submit">${t.markHandled}</button></form>`;
  return html`<article class="card" aria-labelledby="${headingId}"><h2 id="${headingId}">${t.reportHeading(r.id, day(locale, r.createdAt))}</h2>
<dl><dt>${t.page}</dt><dd>${r.pageUrl ? html`<code>${r.pageUrl}</code>` : t.noPage}</dd>
<dt>${t.contact}</dt><dd>${r.contactEmail ? html`<a href="mailto:${r.contactEmail}">${r.contactEmail}</a>` : t.noContact}</dd></dl>
<p class="plain-text">${r.description}</p>${handled}</article>`;
}

function reportsPage(
  t: AccessibilityReportsMessages,
  locale: Locale,
  status: AccessibilityReportStatus,
  reports: AccessibilityReportRow[],
  csrf: string,
  notice: SafeHtml | '',
  rejected?: RejectedNote,
): SafeHtml {
  const tab = (s: AccessibilityReportStatus, href: string) =>
    html`<li><a href="${href}"${s === status ? html` aria-current="page"` : ''}>${t.tabs[s]}</a></li>`;
  return html`<h1>${t.title}</h1><p>${t.intro}</p>${notice}
<nav class="year-nav" aria-label="${t.tabsLabel}"><ul>${tab('ny', ACCESSIBILITY_REPORTS)}${tab('hanterad', `${ACCESSIBILITY_REPORTS}?visa=${HANDLED_TAB}`)}</ul></nav>
${reports.length === 0 ? html`<p>${t.none[status]}</p>` : html`${reports.length === PAGE_SIZE ? html`<p>${t.truncated(PAGE_SIZE)}</p>` : ''}${reports.map((r) => reportView(t, locale, r, csrf, rejected))}`}`;
}

/** Administrators and coordinators read visitors' accessibility reports and mark them handled. */
export function accessibilityReportsRoutes(
  app: FastifyInstance,
  deps: Pick<AdminDeps, 'db' | 'now'>,
) {
  const kit = adminRouteKit(deps);
  const policy = accessibilityReportPolicy.handle;
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    status: AccessibilityReportStatus,
    rejected?: RejectedNote,
  ) => {
    const t = messages(req);
    const reports = await accessibilityReportsWith(deps.db, status, PAGE_SIZE);
    const body = reportsPage(
      t,
      kit.who(req).locale,
      status,
      reports,
      csrfToken(req, reply),
      noticeOf(req, t.notices),
      rejected,
    );
    return kit.show(req, reply, ACCESSIBILITY_REPORTS, t.title, body, rejected ? 400 : 200);
  };
  app.get(ACCESSIBILITY_REPORTS, kit.read(policy), (req, reply) =>
    show(req, reply, queryParam(req, 'visa') === HANDLED_TAB ? 'hanterad' : 'ny'),
  );
  app.post(`${ACCESSIBILITY_REPORTS}/:id/hanterad`, kit.write(policy), async (req, reply) => {
    const id = idParam(req);
    const note = rawField(req.body, 'note', NOTE_MAX * 2);
    const { ctx, locale } = kit.who(req);
    const result = await handleAccessibilityReport(ctx, { id, note });
    if (result.ok) return redirectWithNotice(reply, ACCESSIBILITY_REPORTS, 'hanterad');
    if (result.issues.some((i) => i.code === 'already_handled')) {
      return redirectWithNotice(reply, ACCESSIBILITY_REPORTS, 'redan');
    }
    // A note past its length: the page again, the note kept in its form with the reason.
    const [problem] = issuesIn(locale, result.issues);
    return show(req, reply, 'ny', { id, note, message: problem?.message ?? '' });
  });
}
