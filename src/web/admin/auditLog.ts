import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { containsPattern, queryRows } from '../../db/rows.js';
import { toCsv } from '../../domain/opendata/csv.js';
import { isAuditAction } from '../../domain/audit/vocabulary.js';
import { issue, type Issue } from '../../domain/result.js';
import { auditActionWords, auditEntityWords } from '../i18n/auditWords.en.js';
import type { AuthDeps } from '../auth/signedIn.js';
import { adminRouteKit, queryParam } from './adminRouteKit.js';
import { auditLogView, AUDIT, AUDIT_CSV, AUDIT_CSV_MAX, fieldChanges } from './auditLogViews.js';
import { auditNameOf, auditRecordNames } from './auditNames.js';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  entityType: string;
  entityId: string;
  actor: string;
  action: string;
  from: string;
  to: string;
}

export interface AuditRow {
  id: number;
  occurredAt: string;
  actorLabel: string;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
function where(f: AuditFilter) {
  const actorId = /^\d{1,10}$/.test(f.actor) ? Number(f.actor) : null;
  return sql`where true
    ${f.entityType ? sql`and e.entity_type = ${f.entityType}` : sql``}
    ${f.entityId ? sql`and e.entity_id = ${f.entityId}` : sql``}
    ${
      f.action
        ? isAuditAction(f.action)
          ? sql`and e.action = ${f.action}`
          : sql`and e.action ilike ${containsPattern(f.action)}`
        : sql``
    }
    ${
      f.actor
        ? sql`and (e.actor_label ilike ${containsPattern(f.actor)} or u.email ilike ${containsPattern(f.actor)}${actorId !== null ? sql` or e.actor_user_id = ${actorId}` : sql``})`
        : sql``
    }
    ${f.from ? sql`and e.occurred_at >= ${f.from}::date` : sql``}
    ${f.to ? sql`and e.occurred_at < (${f.to}::date + 1)` : sql``}`;
}

const eventRows = (db: Db, f: AuditFilter, limit: number, offset: number) =>
  queryRows<AuditRow>(
    db,
    sql`select e.id::int as id, to_char(e.occurred_at at time zone 'Europe/Stockholm', 'YYYY-MM-DD HH24:MI:SS') as "occurredAt",
          e.actor_label as "actorLabel", u.email as "actorEmail", e.action, e.entity_type as "entityType",
          e.entity_id as "entityId", e.before, e.after
        from audit_events e left join users u on u.id = e.actor_user_id
        ${where(f)}
        order by e.occurred_at desc, e.id desc
        limit ${limit} offset ${offset}`,
  );

/** One page of audit events, newest first, and how many match. */
export async function auditEvents(db: Db, f: AuditFilter, page: number) {
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from audit_events e left join users u on u.id = e.actor_user_id ${where(f)}`,
  );
  const rows = await eventRows(db, f, AUDIT_PAGE_SIZE, (page - 1) * AUDIT_PAGE_SIZE);
  return { rows, total: count?.n ?? 0 };
}

/** The entity types and actions present, for the filter's choices. */
async function choices(db: Db) {
  const distinct = async (column: 'entity_type' | 'action') =>
    (
      await queryRows<{ v: string }>(
        db,
        sql`select distinct ${sql.raw(column)} as v from audit_events order by 1`,
      )
    ).map((t) => t.v);
  return { entityTypes: await distinct('entity_type'), actions: await distinct('action') };
}

/** The filter as asked, its date errors, and the filter with only its valid dates. */
function readFilter(req: FastifyRequest, badDate: string) {
  const filter: AuditFilter = {
    entityType: queryParam(req, 'typ', 60).trim(),
    entityId: queryParam(req, 'id', 60).trim(),
    actor: queryParam(req, 'vem', 200).trim(),
    action: queryParam(req, 'handelse', 100).trim(),
    from: queryParam(req, 'fran', 10).trim(),
    to: queryParam(req, 'till', 10).trim(),
  };
  const issues: Issue[] = [];
  for (const key of ['from', 'to'] as const) {
    if (filter[key] && !isDay(filter[key])) {
      issues.push(issue(key === 'from' ? 'fran' : 'till', badDate, 'invalid_date'));
    }
  }
  const valid = {
    ...filter,
    from: isDay(filter.from) ? filter.from : '',
    to: isDay(filter.to) ? filter.to : '',
  };
  return { filter, issues, valid };
}

/** The audit log viewer: every recorded change, filtered and paginated, with a field diff. */
export function auditLogRoutes(app: FastifyInstance, deps: AuthDeps) {
  const p = adminRouteKit(deps);
  app.get(AUDIT, p.read('audit.read'), async (req, reply) => {
    const x = p.who(req);
    const { filter, issues, valid } = readFilter(req, x.a.auditBadDate);
    const requested = Number(queryParam(req, 'sida', 6));
    const page = Number.isSafeInteger(requested) && requested > 0 ? requested : 1;
    const { rows, total } = await auditEvents(deps.db, valid, page);
    const body = auditLogView(x, {
      filter,
      issues,
      rows,
      page,
      pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
      ...(await choices(deps.db)),
      names: await auditRecordNames(deps.db, x.locale, rows),
    });
    return p.show(req, reply, AUDIT, x.a.auditTitle, body, issues.length > 0 ? 400 : 200);
  });

  // The selection as a spreadsheet: one row per changed field, the newest events first.
  app.get(AUDIT_CSV, p.read('audit.read'), async (req, reply) => {
    const x = p.who(req);
    const { valid } = readFilter(req, x.a.auditBadDate);
    const rows = await eventRows(deps.db, valid, AUDIT_CSV_MAX, 0);
    const names = await auditRecordNames(deps.db, x.locale, rows);
    const lines = rows.flatMap((r) => {
      const event = [
        r.occurredAt,
        r.actorLabel,
        r.actorEmail,
        auditActionWords(x.locale, r.action),
        r.action,
        auditEntityWords(x.locale, r.entityType),
        r.entityId,
        auditNameOf(names, r).title,
      ];
      const changes = fieldChanges(r.before, r.after);
      return changes.length === 0
        ? [[...event, null, null, null]]
        : changes.map((c) => [...event, c.field, c.before, c.after]);
    });
    const stamp = deps.now().toISOString().slice(0, 10);
    const csv = toCsv({
      delimiter: 'comma',
      comments: [`Riktning: ${x.a.auditTitle} ${stamp}`],
      header: [...x.a.auditCsvColumns],
      rows: lines,
    });
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="logg-${stamp}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(csv);
  });
}
