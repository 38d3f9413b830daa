import { html, type SafeHtml } from '../html.js';
import { deskMessages } from '../i18n/desk.en.js';
import { formatDate, type Locale } from '../i18n/index.js';
import type { DeskItem, DeskKind } from './desk.js';
import { IMPORTS_PATH } from './importsViews.js';
import { ACCESSIBILITY_REPORTS } from './usersNav.js';

/** Where each thing on the desk is dealt with. */
const deskLinks: Record<DeskKind, string> = {
  initiativesToReview: '/admin/insatser?lage=vantar',
  reportsToReview: '/admin/rapportering/granska',
  overdueReports: '/admin/uppfoljning/rapporter',
  openPeriods: '/admin/rapportering/perioder',
  closingConsultations: '/admin/samrad',
  failedImports: IMPORTS_PATH,
  accessibilityReports: ACCESSIBILITY_REPORTS,
  returnedToMe: '/admin/insatser?lage=vantar',
  reportsDue: '/admin/rapportering',
  reportsOverdue: '/admin/rapportering',
};

/** The desk at the top of the overview: each waiting thing with its count, date and link. */
export function deskView(items: DeskItem[], locale: Locale): SafeHtml {
  const t = deskMessages(locale);
  const waiting = items.filter((i) => i.count > 0);
  const line = (i: DeskItem) => {
    const words = t.items[i.kind];
    const date =
      i.date && words.date
        ? html` <span class="muted">(${words.date(formatDate(locale, i.date))})</span>`
        : '';
    return html`<li><a href="${deskLinks[i.kind]}">${words.line(i.count)}</a>${date}</li>`;
  };
  return html`<section class="desk" aria-labelledby="att-gora"><h2 id="att-gora">${t.heading}</h2>
${waiting.length === 0 ? html`<p>${t.nothing}</p>` : html`<ul>${waiting.map(line)}</ul>`}</section>`;
}
