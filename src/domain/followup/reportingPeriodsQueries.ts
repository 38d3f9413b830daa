import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';

export interface ReportingPeriodRow {
  id: number;
  kind: 'ar' | 'tertial' | 'annan';
  nameSv: string;
  nameEn: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  remindDaysBefore: number;
  openedAt: Date | null;
}

const periodColumns = sql`p.id, p.kind::text as kind, p.name_sv as "nameSv", p.name_en as "nameEn",
  p.period_start::text as "periodStart", p.period_end::text as "periodEnd", p.due_date::text as "dueDate",
  p.remind_days_before as "remindDaysBefore", p.opened_at as "openedAt"`;

/**
 * Initiatives expected to report for a period `p`: published, planned or ongoing, same strategy,
 * and running during the period (it starts before the period ends and ends after it starts).
 */
export const expectedInitiatives = sql`i.workflow_state = 'publicerad' and i.status in ('pagaende', 'planerad')
  and i.strategy_id = p.strategy_id
  and (i.start_date is null or i.start_date <= p.period_end)
  and (i.end_date is null or i.end_date >= p.period_start)`;

/** A report that counts as reported: submitted for review or published. */
export const reportedStates = sql`('inskickad', 'publicerad')`;

const normalise = (r: ReportingPeriodRow): ReportingPeriodRow => ({
  ...r,
  openedAt: r.openedAt === null ? null : new Date(r.openedAt),
});

/** Every reporting period, newest first. */
export async function listReportingPeriods(db: Db): Promise<ReportingPeriodRow[]> {
  const rows = await queryRows<ReportingPeriodRow>(
    db,
    sql`select ${periodColumns} from reporting_periods p order by p.period_end desc, p.id desc`,
  );
  return rows.map(normalise);
}

export async function findReportingPeriod(db: Db, id: number): Promise<ReportingPeriodRow | null> {
  const [row] = await queryRows<ReportingPeriodRow>(
    db,
    sql`select ${periodColumns} from reporting_periods p where p.id = ${id}`,
  );
  return row ? normalise(row) : null;
}

export interface PeriodInitiativeStatus {
  initiativeId: number;
  title: string;
  ownerOrganisationId: number;
  ownerName: string;
  reportId: number | null;
  reportState: 'utkast' | 'inskickad' | 'publicerad' | 'returnerad' | null;
  reported: boolean;
  remindersSent: number;
  /** Days past the due date without a submitted report; 0 when not overdue. */
  daysOverdue: number;
  /** Days left to the due date; 0 on and after it. Nothing is late before its due date. */
  daysUntilDue: number;
}

/** Whole days from a to b (ISO dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Each initiative expected to report for the period, with its report (if any) and reminders. */
export async function periodStatus(
  db: Db,
  period: ReportingPeriodRow,
  today: Date,
): Promise<PeriodInitiativeStatus[]> {
  const rows = await queryRows<Omit<PeriodInitiativeStatus, 'daysOverdue' | 'daysUntilDue'>>(
    db,
    sql`select i.id as "initiativeId", i.title, o.id as "ownerOrganisationId", o.name as "ownerName",
          r.id as "reportId", r.state::text as "reportState",
          coalesce(r.state in ${reportedStates}, false) as reported,
          (select count(*)::int from report_reminders rr where rr.reporting_period_id = p.id and rr.initiative_id = i.id) as "remindersSent"
        from reporting_periods p
        join initiatives i on ${expectedInitiatives}
        join organisations o on o.id = i.owner_organisation_id
        left join lateral (select id, state from progress_reports pr where pr.initiative_id = i.id and pr.reporting_period_id = p.id
          order by (pr.state in ${reportedStates}) desc, pr.id desc limit 1) r on true
        where p.id = ${period.id}
        order by o.name, i.title`,
  );
  const late = Math.max(0, daysBetween(period.dueDate, isoDay(today)));
  const left = Math.max(0, daysBetween(isoDay(today), period.dueDate));
  return rows.map((r) => ({ ...r, daysOverdue: r.reported ? 0 : late, daysUntilDue: left }));
}

export interface PhantomOwner {
  initiativeId: number;
  title: string;
  ownerName: string;
  periodsMissed: number;
}

/**
 * Initiatives that have not reported for any of the last `n` opened periods whose due date has
 * passed ("phantom owners"): expected in each, never reporting.
 */
export async function phantomOwners(db: Db, n: number, today: Date): Promise<PhantomOwner[]> {
  return queryRows<PhantomOwner>(
    db,
    sql`with recent as (
          select p.* from reporting_periods p
          where p.opened_at is not null and p.due_date < ${isoDay(today)}::date
          order by p.due_date desc limit ${n}
        )
        select i.id as "initiativeId", i.title, o.name as "ownerName", count(*)::int as "periodsMissed"
        from recent p
        join initiatives i on ${expectedInitiatives}
        join organisations o on o.id = i.owner_organisation_id
        group by i.id, i.title, o.name
        having bool_and(not exists (select 1 from progress_reports pr where pr.initiative_id = i.id
          and pr.reporting_period_id = p.id and pr.state in ${reportedStates}))
        order by o.name, i.title`,
  );
}
