import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows, sqlList } from '../../db/rows.js';
import { expectedInitiatives, reportedStates } from './reportingPeriodsQueries.js';
import type { ProgressReportState } from './submitProgressReport.js';

export interface ReportingTask {
  periodId: number;
  periodNameSv: string;
  periodNameEn: string;
  dueDate: string;
  initiativeId: number;
  title: string;
  ownerName: string;
  reportId: number | null;
  reportState: ProgressReportState | null;
  reviewComment: string | null;
  hasEarlierReport: boolean;
}

/** The reports the organisations owe or have written for opened periods, newest period first. */
export async function reportingTasks(db: Db, organisationIds: number[]): Promise<ReportingTask[]> {
  if (organisationIds.length === 0) return [];
  return queryRows<ReportingTask>(
    db,
    sql`select p.id as "periodId", p.name_sv as "periodNameSv", p.name_en as "periodNameEn", p.due_date::text as "dueDate",
          i.id as "initiativeId", i.title, o.name as "ownerName", r.id as "reportId", r.state::text as "reportState",
          r.review_comment as "reviewComment",
          exists (select 1 from progress_reports e where e.initiative_id = i.id and e.state in ${reportedStates}
            and (r.id is null or e.id <> r.id)) as "hasEarlierReport"
        from reporting_periods p
        join initiatives i on ${expectedInitiatives}
        join organisations o on o.id = i.owner_organisation_id
        left join lateral (select id, state, review_comment from progress_reports pr
          where pr.initiative_id = i.id and pr.reporting_period_id = p.id order by pr.id desc limit 1) r on true
        where p.opened_at is not null
          and i.owner_organisation_id in ${sqlList(organisationIds)}
        order by p.due_date desc, i.title`,
  );
}

export interface ReviewQueueRow {
  id: number;
  initiativeId: number;
  title: string;
  ownerName: string;
  periodName: string | null;
  periodStart: string;
  periodEnd: string;
  isCheckIn: boolean;
  submittedAt: Date;
}

/** Reports submitted and waiting for a curator, oldest first. */
export async function reportsAwaitingReview(db: Db): Promise<ReviewQueueRow[]> {
  const rows = await queryRows<ReviewQueueRow>(
    db,
    sql`select r.id, i.id as "initiativeId", i.title, o.name as "ownerName", p.name_sv as "periodName",
          r.period_start::text as "periodStart", r.period_end::text as "periodEnd", r.is_check_in as "isCheckIn",
          r.submitted_at as "submittedAt"
        from progress_reports r join initiatives i on i.id = r.initiative_id
        join organisations o on o.id = i.owner_organisation_id
        left join reporting_periods p on p.id = r.reporting_period_id
        where r.state = 'inskickad' order by r.submitted_at, r.id`,
  );
  return rows.map((r) => ({ ...r, submittedAt: new Date(r.submittedAt) }));
}

export interface ReportDetail {
  id: number;
  initiativeId: number;
  title: string;
  ownerOrganisationId: number;
  ownerName: string;
  reportingPeriodId: number | null;
  periodName: string | null;
  periodStart: string;
  periodEnd: string;
  trafficLight: 'enligt-plan' | 'risk' | 'avvikelse';
  narrative: string;
  deviationExplanation: string;
  outputs: {
    participantsK?: number;
    participantsM?: number;
    companiesReached?: number;
    other?: { label: string; count: number }[];
  };
  spentSek: number | null;
  spentByFundingLine: { fundingLineId: number; amountSek: number }[];
  state: ProgressReportState;
  isCheckIn: boolean;
  reviewComment: string | null;
}

/** One report with its initiative, for the owner's form and the curator's review. */
export async function findProgressReport(db: Db, id: number): Promise<ReportDetail | null> {
  const [row] = await queryRows<ReportDetail>(
    db,
    sql`select r.id, i.id as "initiativeId", i.title, i.owner_organisation_id as "ownerOrganisationId", o.name as "ownerName",
          r.reporting_period_id as "reportingPeriodId", p.name_sv as "periodName",
          r.period_start::text as "periodStart", r.period_end::text as "periodEnd", r.traffic_light::text as "trafficLight",
          r.narrative, r.deviation_explanation as "deviationExplanation", r.outputs, r.spent_sek::float8 as "spentSek", r.spent_by_funding_line as "spentByFundingLine",
          r.state::text as state, r.is_check_in as "isCheckIn", r.review_comment as "reviewComment"
        from progress_reports r join initiatives i on i.id = r.initiative_id
        join organisations o on o.id = i.owner_organisation_id
        left join reporting_periods p on p.id = r.reporting_period_id
        where r.id = ${id}`,
  );
  return row ?? null;
}

export interface ReportableInitiative {
  id: number;
  title: string;
  ownerOrganisationId: number;
  ownerName: string;
  fundingLines: { id: number; source: string; year: number; amountSek: number }[];
}

/** An initiative with its funding lines, for the report form's money fields. */
export async function reportableInitiative(
  db: Db,
  id: number,
): Promise<ReportableInitiative | null> {
  const [row] = await queryRows<Omit<ReportableInitiative, 'fundingLines'>>(
    db,
    sql`select i.id, i.title, i.owner_organisation_id as "ownerOrganisationId", o.name as "ownerName"
        from initiatives i join organisations o on o.id = i.owner_organisation_id where i.id = ${id}`,
  );
  if (!row) return null;
  const lines = await queryRows<ReportableInitiative['fundingLines'][number]>(
    db,
    sql`select id, source::text as source, year, amount_sek::float8 as "amountSek"
        from funding_lines where initiative_id = ${id} order by year, id`,
  );
  return { ...row, fundingLines: lines };
}

/** The report of an initiative for a period, if one was started. */
export async function reportForPeriod(
  db: Db,
  periodId: number,
  initiativeId: number,
): Promise<ReportDetail | null> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`select id from progress_reports where reporting_period_id = ${periodId}
        and initiative_id = ${initiativeId} order by id desc limit 1`,
  );
  return row ? findProgressReport(db, row.id) : null;
}
