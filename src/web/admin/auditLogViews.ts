import type { Issue } from '../../domain/result.js';
import { formErrors } from '../auth/formParts.js';
import type { Texts } from '../auth/texts.js';
import { scrollBox } from '../components/scrollBox.js';
import { html, type SafeHtml } from '../html.js';
import { auditActionWords, auditEntityWords } from '../i18n/auditWords.en.js';
import type { AuditFilter, AuditRow } from './auditLog.js';
import { auditNameOf, type AuditRecordName } from './auditNames.js';

export const AUDIT = '/admin/logg';
export const AUDIT_CSV = '/admin/logg.csv';
/** The most events one CSV export holds. */
export const AUDIT_CSV_MAX = 10_000;

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

const show = (v: unknown): string | null =>
  v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);

const asObject = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** Nested objects read as dotted fields (`data.title`), three levels deep at most. */
function flatten(v: Record<string, unknown>, prefix = '', depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(v)) {
    const inner = asObject(value);
    if (inner && depth < 2 && Object.keys(inner).length > 0) {
      Object.assign(out, flatten(inner, `${prefix}${k}.`, depth + 1));
    } else out[`${prefix}${k}`] = value;
  }
  return out;
}

/**
 * The fields an event changed, readable: for two objects the (dotted) fields whose values differ;
 * for one side only, every field of it; for anything else the whole value as one row.
 */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  if (before == null && after == null) return [];
  const b0 = asObject(before);
  const a0 = asObject(after);
  if ((before != null && !b0) || (after != null && !a0)) {
    return [{ field: '–', before: show(before ?? undefined), after: show(after ?? undefined) }];
  }
  const b = b0 && flatten(b0);
  const a = a0 && flatten(a0);
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return keys
    .map((field) => ({ field, before: show(b?.[field]), after: show(a?.[field]) }))
    .filter((c) => !b || !a || c.before !== c.after);
}

function diffTable(x: Texts, r: AuditRow): SafeHtml {
  const changes = fieldChanges(r.before, r.after);
  if (changes.length === 0) return html`${x.a.auditNoChanges}`;
  return html`<table class="diff"><caption class="visually-hidden">${x.a.auditChanges}: ${auditActionWords(x.locale, r.action)}, ${auditEntityWords(x.locale, r.entityType)} ${r.entityId}</caption>
<thead><tr><th scope="col">${x.a.auditField}</th><th scope="col">${x.a.auditBefore}</th><th scope="col">${x.a.auditAfter}</th></tr></thead>
<tbody>${changes.map(
    (c) =>
      html`<tr><th scope="row">${c.field}</th><td>${c.before === null ? '' : html`<del>${c.before}</del>`}</td><td>${c.after === null ? '' : html`<ins>${c.after}</ins>`}</td></tr>`,
  )}</tbody></table>`;
}

const filterParams = (f: AuditFilter, page: number) => {
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
  return q.toString();
};

const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);
const filterQuery = (f: AuditFilter, page: number) => withQuery(AUDIT, filterParams(f, page));

/** The record an event is about: its type in words, its title linked to its page, its events. */
function recordCell(x: Texts, f: AuditFilter, r: AuditRow, name: AuditRecordName): SafeHtml {
  const type = auditEntityWords(x.locale, r.entityType);
  const title = name.title ?? (name.href ? `${type} ${r.entityId}` : null);
  const own = filterQuery({ ...f, entityType: r.entityType, entityId: r.entityId }, 1);
  return html`<span class="record-type">${type} ${r.entityId}</span>${
    title ? html`<br>${name.href ? html`<a href="${name.href}">${title}</a>` : title}` : ''
  }${
    !name.title && !name.href && /^\d+$/.test(r.entityId) && r.entityType !== 'system'
      ? html` <span class="muted">(${x.a.auditRecordGone})</span>`
      : ''
  }<br><a href="${own}">${x.a.auditAllEvents}</a>`;
}

export function auditLogView(
  x: Texts,
  p: {
    filter: AuditFilter;
    issues: Issue[];
    rows: AuditRow[];
    page: number;
    pages: number;
    entityTypes: string[];
    actions: string[];
    names: ReadonlyMap<string, AuditRecordName>;
  },
): SafeHtml {
  const { a } = x;
  const f = formErrors(p.issues);
  const text = (name: string, label: string, value: string, type = 'text') =>
    html`<div class="field"><label for="${name}">${label}</label>${f.errorText(name)}<input type="${type}" id="${name}" name="${name}" value="${value}"${type === 'date' ? '' : html` maxlength="200"`}${f.describedBy(name)}></div>`;
  const choice = (
    name: string,
    label: string,
    value: string,
    values: string[],
    words: (v: string) => string,
  ) => {
    const options = values
      .map((v) => ({ v, w: words(v) }))
      .sort((l, r) => l.w.localeCompare(r.w, x.locale));
    return html`<div class="field"><label for="${name}">${label}</label><select id="${name}" name="${name}"><option value="">${a.all}</option>${options.map((o) => html`<option value="${o.v}"${o.v === value ? html` selected` : ''}>${o.w}</option>`)}</select></div>`;
  };
  const csv = withQuery(AUDIT_CSV, filterParams(p.filter, 1));
  return html`<h1>${a.auditTitle}</h1>
${f.summary(a.formErrors)}
<form method="get" action="${AUDIT}" class="filters" novalidate><fieldset><legend>${a.filter}</legend>
${choice('typ', a.auditEntityType, p.filter.entityType, p.entityTypes, (t) => auditEntityWords(x.locale, t))}
${text('id', a.auditEntityId, p.filter.entityId)}
${text('vem', a.auditActor, p.filter.actor)}
${choice('handelse', a.auditAction, p.filter.action, p.actions, (c) => auditActionWords(x.locale, c))}
${text('fran', a.auditFrom, p.filter.from, 'date')}
${text('till', a.auditTo, p.filter.to, 'date')}
<button type="submit">${a.filter}</button></fieldset></form>
<p><a href="${csv}" download>${a.auditCsv}</a> <span class="muted">${a.auditCsvNote(AUDIT_CSV_MAX)}</span></p>
${
  p.rows.length === 0
    ? html`<p>${a.noMatches}</p>`
    : scrollBox(
        a.auditCaption,
        html`<table class="audit-log"><caption>${a.auditCaption}</caption>
<thead><tr><th scope="col">${a.auditWhen}</th><th scope="col">${a.auditWho}</th><th scope="col">${a.auditWhat}</th><th scope="col">${a.auditEntity}</th><th scope="col">${a.auditChanges}</th></tr></thead>
<tbody>${p.rows.map(
          (r) =>
            html`<tr><td>${r.occurredAt}</td><td>${r.actorEmail ?? r.actorLabel}</td><td>${auditActionWords(x.locale, r.action)}</td><td>${recordCell(x, p.filter, r, auditNameOf(p.names, r))}</td><td>${diffTable(x, r)}</td></tr>`,
        )}</tbody></table>`,
      )
}
<nav aria-label="${a.pagination}" class="pagination"><p>${a.auditPage(p.page, p.pages)}</p><ul>
${p.page > 1 ? html`<li><a href="${filterQuery(p.filter, p.page - 1)}" rel="prev">${a.previous}</a></li>` : ''}
${p.page < p.pages ? html`<li><a href="${filterQuery(p.filter, p.page + 1)}" rel="next">${a.next}</a></li>` : ''}
</ul></nav>`;
}
