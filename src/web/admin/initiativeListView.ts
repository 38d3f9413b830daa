import { scrollBox } from '../components/scrollBox.js';
import { html, type SafeHtml } from '../html.js';
import type { Locale } from '../i18n/index.js';
import { initiativeAdminEn } from '../i18n/initiativeAdmin.en.js';
import { initiativeAdminSv } from '../i18n/initiativeAdmin.sv.js';
import { initiativeListMessages } from '../i18n/initiativeList.en.js';
import { BULK_PATH } from './bulkView.js';
import {
  INITIATIVE_LIST_PAGE_SIZE,
  listQueryString,
  listSorts,
  listStates,
  type InitiativeList,
  type InitiativeListQuery,
  type ListChoice,
} from './initiativeList.js';

export const INITIATIVES_PATH = '/admin/insatser';

const withQuery = (query: string) => (query ? `${INITIATIVES_PATH}?${query}` : INITIATIVES_PATH);

/** The initiative list: a search with filters that are links too (GET), a table and its pages. */
export function initiativeListView(
  p: { query: InitiativeListQuery; list: InitiativeList; mayExport: boolean; heading: string },
  locale: Locale,
): SafeHtml {
  const t = initiativeListMessages(locale);
  const i = locale === 'en' ? initiativeAdminEn : initiativeAdminSv;
  const { query: q, list } = p;
  const select = (name: string, label: string, value: string, options: ListChoice[], any: string) =>
    html`<div class="field"><label for="${name}">${label}</label><select id="${name}" name="${name}"><option value="">${any}</option>${options.map((o) => html`<option value="${o.value}"${o.value === value ? html` selected` : ''}>${o.label}</option>`)}</select></div>`;
  const stateOptions = listStates.map((s) => ({
    value: s,
    label: s === 'vantar' ? t.waitingForMe : i.stateNames[s]!,
  }));
  const sortOptions = listSorts.map((s) => ({ value: s, label: t.sortNames[s] }));
  const pages = Math.max(1, Math.ceil(list.total / INITIATIVE_LIST_PAGE_SIZE));
  const filtered = listQueryString({ ...q, sort: 'andrad', page: 1 }) !== '';
  const state = (r: InitiativeList['rows'][number]) =>
    html`${i.stateNames[r.workflowState]}${r.pendingState ? html` (${t.proposal}: ${i.stateNames[r.pendingState]!.toLowerCase()})` : ''}`;
  return html`<h1>${p.heading}</h1>
<form method="get" action="${INITIATIVES_PATH}" class="filters" role="search"><fieldset><legend>${t.filters}</legend>
<div class="field"><label for="q">${t.search}</label><input type="search" id="q" name="q" value="${q.q}" maxlength="200"></div>
${select('lage', t.state, q.state, stateOptions, t.anyState)}
${select('organisation', t.organisation, q.organisationId === null ? '' : String(q.organisationId), list.organisations, t.all)}
${select('malomrade', t.goalArea, q.goalAreaId === null ? '' : String(q.goalAreaId), list.goalAreas, t.all)}
${select('plats', t.place, q.placeCode, list.places, t.all)}
<div class="field"><label for="sortering">${t.sort}</label><select id="sortering" name="sortering">${sortOptions.map((o) => html`<option value="${o.value}"${o.value === q.sort ? html` selected` : ''}>${o.label}</option>`)}</select></div>
<button type="submit">${t.show}</button>${filtered ? html` <a href="${INITIATIVES_PATH}">${t.clear}</a>` : ''}
</fieldset></form>
<p role="status" id="traffar">${t.count(list.total)}</p>
${
  list.rows.length === 0
    ? html`<p>${t.none}</p>`
    : scrollBox(
        t.caption,
        html`<table><caption class="visually-hidden">${t.caption}</caption>
<thead><tr><th scope="col">${t.initiative}</th><th scope="col">${t.organisation}</th><th scope="col">${t.state}</th><th scope="col">${t.columnUpdated}</th></tr></thead>
<tbody>${list.rows.map((r) => html`<tr><td><a href="${INITIATIVES_PATH}/${r.id}">${r.title}</a></td><td>${r.ownerName}</td><td>${state(r)}</td><td>${r.updatedAt}</td></tr>`)}</tbody></table>`,
      )
}
${
  pages > 1
    ? html`<nav aria-label="${t.pagination}" class="pagination"><p>${t.page(q.page, pages)}</p><ul>
${q.page > 1 ? html`<li><a href="${withQuery(listQueryString(q, q.page - 1))}" rel="prev">${t.previous}</a></li>` : ''}
${q.page < pages ? html`<li><a href="${withQuery(listQueryString(q, q.page + 1))}" rel="next">${t.next}</a></li>` : ''}
</ul></nav>`
    : ''
}
${p.mayExport ? html`<p><a href="${BULK_PATH}">${t.export}</a></p>` : ''}`;
}
