import type { Issue } from '../../domain/result.js';
import { formErrors } from '../auth/formParts.js';
import type { Texts } from '../auth/texts.js';
import { html, type SafeHtml } from '../html.js';
import type { AuditFilter, AuditRow } from './auditLog.js';

export const AUDIT = '/admin/logg';

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

const show = (v: unknown): string | null =>
  v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);

const asObject = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/**
 * The fields an event changed, readable: for two objects the keys whose values differ; for one
 * side only, every key of it; for anything else the whole value as one row.
 */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  if (before == null && after == null) return [];
  const b = asObject(before);
  const a = asObject(after);
  if ((before != null && !b) || (after != null && !a)) {
    return [{ field: '–', before: show(before ?? undefined), after: show(after ?? undefined) }];
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return keys
    .map((field) => ({ field, before: show(b?.[field]), after: show(a?.[field]) }))
    .filter((c) => !b || !a || c.before !== c.after);
}

function diffTable(x: Texts, r: AuditRow): SafeHtml {
  const changes = fieldChanges(r.before, r.after);
  if (changes.length === 0) return html`${x.a.auditNoChanges}`;
  return html`<table class="diff"><caption class="visually-hidden">${x.a.auditChanges}: ${r.action} ${r.entityType} ${r.entityId}</caption>
<thead><tr><th scope="col">${x.a.auditField}</th><th scope="col">${x.a.auditBefore}</th><th scope="col">${x.a.auditAfter}</th></tr></thead>
<tbody>${changes.map(
    (c) =>
      html`<tr><th scope="row">${c.field}</th><td>${c.before === null ? '' : html`<del>${c.before}</del>`}</td><td>${c.after === null ? '' : html`<ins>${c.after}</ins>`}</td></tr>`,
  )}</tbody></table>`;
}

const filterQuery = (f: AuditFilter, page: number) => {
  const q = new URLSearchParams();
  const names: [keyof AuditFilter, string][] = [
    ['entityType', 'typ'],
    ['entityId', 'id'],
    ['actor', 'vem'],
    ['action', 'handelse'],
    ['from', 'fran'],
    ['to', 'till'],
  ];
  for (const [key, name] of names) if (f[key]) q.set(name, f[key]);
  if (page > 1) q.set('sida', String(page));
  const s = q.toString();
  return s ? `${AUDIT}?${s}` : AUDIT;
};

export function auditLogView(
  x: Texts,
  p: {
    filter: AuditFilter;
    issues: Issue[];
    rows: AuditRow[];
    page: number;
    pages: number;
    entityTypes: string[];
  },
): SafeHtml {
  const { a } = x;
  const f = formErrors(p.issues);
  const text = (name: string, label: string, value: string, type = 'text') =>
    html`<div class="field"><label for="${name}">${label}</label>${f.errorText(name)}<input type="${type}" id="${name}" name="${name}" value="${value}"${type === 'date' ? '' : html` maxlength="200"`}${f.describedBy(name)}></div>`;
  return html`<h1>${a.auditTitle}</h1>
${f.summary(a.formErrors)}
<form method="get" action="${AUDIT}" class="filters" novalidate><fieldset><legend>${a.filter}</legend>
<div class="field"><label for="typ">${a.auditEntityType}</label><select id="typ" name="typ"><option value="">${a.all}</option>${p.entityTypes.map((t) => html`<option value="${t}"${t === p.filter.entityType ? html` selected` : ''}>${t}</option>`)}</select></div>
${text('id', a.auditEntityId, p.filter.entityId)}
${text('vem', a.auditActor, p.filter.actor)}
${text('handelse', a.auditAction, p.filter.action)}
${text('fran', a.auditFrom, p.filter.from, 'date')}
${text('till', a.auditTo, p.filter.to, 'date')}
<button type="submit">${a.filter}</button></fieldset></form>
${
  p.rows.length === 0
    ? html`<p>${a.noMatches}</p>`
    : html`<table class="audit-log"><caption>${a.auditCaption}</caption>
<thead><tr><th scope="col">${a.auditWhen}</th><th scope="col">${a.auditWho}</th><th scope="col">${a.auditWhat}</th><th scope="col">${a.auditEntity}</th><th scope="col">${a.auditChanges}</th></tr></thead>
<tbody>${p.rows.map(
        (r) =>
          html`<tr><td>${r.occurredAt}</td><td>${r.actorEmail ?? r.actorLabel}</td><td>${r.action}</td><td><a href="${filterQuery({ ...p.filter, entityType: r.entityType, entityId: r.entityId }, 1)}">${r.entityType} ${r.entityId}</a></td><td>${diffTable(x, r)}</td></tr>`,
      )}</tbody></table>`
}
<nav aria-label="${a.pagination}" class="pagination"><p>${a.auditPage(p.page, p.pages)}</p><ul>
${p.page > 1 ? html`<li><a href="${filterQuery(p.filter, p.page - 1)}" rel="prev">${a.previous}</a></li>` : ''}
${p.page < p.pages ? html`<li><a href="${filterQuery(p.filter, p.page + 1)}" rel="next">${a.next}</a></li>` : ''}
</ul></nav>`;
}
