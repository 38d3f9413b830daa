import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows, sqlList } from '../../db/rows.js';
import { accessibilityReportPolicy } from '../../domain/accessibility/policy.js';
import { isCurator } from '../../domain/actors/policies.js';
import type { Actor } from '../../domain/context.js';
import {
  expectedInitiatives,
  isoDay,
  reportedStates,
} from '../../domain/followup/reportingPeriodsQueries.js';
import { importRunPolicy } from '../../domain/imports/importRuns.js';

/** One thing that waits on the desk: how many, and the date that matters most for it. */
export interface DeskItem {
  kind: DeskKind;
  count: number;
  /** The oldest waiting since, or the nearest deadline (YYYY-MM-DD), when there is one. */
  date: string | null;
}

export type DeskKind =
  | 'initiativesToReview'
  | 'reportsToReview'
  | 'overdueReports'
  | 'openPeriods'
  | 'closingConsultations'
  | 'failedImports'
  | 'accessibilityReports'
  | 'returnedToMe'
  | 'reportsDue'
  | 'reportsOverdue';

/** How far ahead a closing consultation shows, and how far back a failed import. */
export const DESK_CONSULTATION_DAYS = 14;
export const DESK_IMPORT_DAYS = 30;

type Counted = { n: number; d: string | null };

async function one(db: Db, query: ReturnType<typeof sql>): Promise<Counted> {
  const [row] = await queryRows<Counted>(db, query);
  return row ?? { n: 0, d: null };
}

/**
 * What waits for the signed-in person, counted from the database as it is now: for the Region's
 * curators the review queues, late reports, open periods, closing consultations and visitors'
 * accessibility reports; for analysts
 * failed imports; for an organisation's members what was returned to them and the reports they owe.
 */
export async function deskItems(db: Db, actor: Actor, now: Date): Promise<DeskItem[]> {
  const today = isoDay(now);
  const items: DeskItem[] = [];
  const add = (kind: DeskKind, c: Counted) => items.push({ kind, count: c.n, date: c.d });
  if (isCurator(actor)) {
    add(
      'initiativesToReview',
      await one(
        db,
        sql`select count(*)::int as n, min(updated_at at time zone 'Europe/Stockholm')::date::text as d
            from initiatives where workflow_state = 'inskickad' or pending_state = 'inskickad'`,
      ),
    );
    add(
      'reportsToReview',
      await one(
        db,
        sql`select count(*)::int as n, min(submitted_at at time zone 'Europe/Stockholm')::date::text as d
            from progress_reports where state = 'inskickad'`,
      ),
    );
    add(
      'overdueReports',
      await one(
        db,
        sql`select count(*)::int as n, min(p.due_date)::text as d from reporting_periods p
            join initiatives i on ${expectedInitiatives}
            where p.opened_at is not null and p.due_date < ${today}::date
              and not exists (select 1 from progress_reports pr where pr.initiative_id = i.id
                and pr.reporting_period_id = p.id and pr.state in ${reportedStates})`,
      ),
    );
    add(
      'openPeriods',
      await one(
        db,
        sql`select count(*)::int as n, min(due_date)::text as d from reporting_periods
            where opened_at is not null and due_date >= ${today}::date`,
      ),
    );
    add(
      'closingConsultations',
      await one(
        db,
        sql`select count(*)::int as n, min(closes_on)::text as d from consultations
            where status = 'oppen' and closes_on >= ${today}::date
              and closes_on <= ${today}::date + ${DESK_CONSULTATION_DAYS}::int`,
      ),
    );
  }
  if (accessibilityReportPolicy.handle(actor)) {
    add(
      'accessibilityReports',
      await one(
        db,
        sql`select count(*)::int as n, min(created_at at time zone 'Europe/Stockholm')::date::text as d
            from accessibility_reports where status = 'ny'`,
      ),
    );
  }
  if (importRunPolicy.manage(actor)) {
    add(
      'failedImports',
      await one(
        db,
        sql`select count(*)::int as n, max(started_at at time zone 'Europe/Stockholm')::date::text as d
            from import_runs where status = 'failed'
              and started_at >= ${now.toISOString()}::timestamptz - make_interval(days => ${DESK_IMPORT_DAYS}::int)`,
      ),
    );
  }
  const own = actor.kind === 'user' && !isCurator(actor) ? actor.organisationIds : [];
  if (own.length > 0) {
    add(
      'returnedToMe',
      await one(
        db,
        sql`select count(*)::int as n, min(updated_at at time zone 'Europe/Stockholm')::date::text as d
            from initiatives where owner_organisation_id in ${sqlList(own)}
              and (workflow_state = 'returnerad' or pending_state = 'returnerad')`,
      ),
    );
    const owed = (late: boolean) =>
      one(
        db,
        sql`select count(*)::int as n, min(p.due_date)::text as d from reporting_periods p
            join initiatives i on ${expectedInitiatives}
            where p.opened_at is not null and i.owner_organisation_id in ${sqlList(own)}
              and p.due_date ${late ? sql`<` : sql`>=`} ${today}::date
              and not exists (select 1 from progress_reports pr where pr.initiative_id = i.id
                and pr.reporting_period_id = p.id and pr.state in ${reportedStates})`,
      );
    add('reportsDue', await owed(false));
    add('reportsOverdue', await owed(true));
  }
  return items;
}
