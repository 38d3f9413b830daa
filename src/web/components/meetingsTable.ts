import type { MeetingView } from '../../domain/consultation/meetings.js';
import { html } from '../html.js';
import type { ConsultationMessages } from '../i18n/consultation.sv.js';
import { formatDate, type Locale } from '../i18n/index.js';

/** The meetings of a consultation as a table, in the admin and on the public pages alike. */
export function meetingsTable(t: ConsultationMessages, locale: Locale, meetings: MeetingView[]) {
  if (meetings.length === 0) return html`<p>${t.noMeetings}</p>`;
  return html`<div class="table-scroll" role="region" aria-label="${t.meetingsCaption}" tabindex="0"><table><caption>${t.meetingsCaption}</caption>
<thead><tr><th scope="col">${t.heldOn}</th><th scope="col">${t.venue}</th><th scope="col">${t.municipality}</th><th scope="col">${t.women}</th><th scope="col">${t.men}</th><th scope="col">${t.other}</th><th scope="col">${t.notes}</th></tr></thead>
<tbody>${meetings.map(
    (m) =>
      html`<tr><td>${formatDate(locale, m.heldOn)}</td><td>${m.venue}</td><td>${m.municipality ?? '–'}</td><td>${m.participantsWomen}</td><td>${m.participantsMen}</td><td>${m.participantsOther}</td><td class="prewrap">${m.notes}</td></tr>`,
  )}</tbody></table></div>`;
}
