import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { indicators, type SourceNotice } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { indicatorPolicy } from './defineIndicator.js';

/**
 * Notes what Kolada's catalogue said of an indicator's own KPI at an import: its title, or null
 * when Kolada no longer knows it. The first title is kept; a later one that differs is a rename,
 * an unknown KPI a removal. Either is kept on the indicator as a notice for the analysts until
 * one of them marks it as seen. Returns the notice in force, or null.
 */
export async function noteKoladaKpi(
  ctx: Ctx,
  indicatorId: number,
  title: string | null,
): Promise<SourceNotice | null> {
  return noteSource(ctx, indicatorId, (row, at) => {
    let notice: SourceNotice | null = row.notice;
    if (title === null) {
      if (row.notice?.kind !== 'removed') notice = { kind: 'removed', at };
    } else if (row.sourceTitle !== null && row.sourceTitle !== title) {
      notice = { kind: 'renamed', from: row.sourceTitle, to: title, at };
    } else if (row.notice?.kind === 'removed') {
      // The KPI is back under its old name: the removal no longer holds.
      notice = null;
    }
    return { sourceTitle: title ?? row.sourceTitle, notice };
  });
}

/**
 * Notes what SCB's catalogue said of an indicator's own table at an import: its title and whether
 * it is discontinued, or null when SCB no longer knows it. A discontinued or unknown table is kept
 * as a notice until an analyst marks it as seen; a table that is current again clears it. SCB's
 * titles are kept but a changed title is no notice: SCB rewords titles when a year is added.
 */
export async function noteScbTable(
  ctx: Ctx,
  indicatorId: number,
  table: { label: string; discontinued?: boolean | null } | null,
): Promise<SourceNotice | null> {
  return noteSource(ctx, indicatorId, (row, at) => {
    let notice: SourceNotice | null = row.notice;
    if (table === null) {
      if (row.notice?.kind !== 'removed') notice = { kind: 'removed', at };
    } else if (table.discontinued) {
      if (row.notice?.kind !== 'discontinued') notice = { kind: 'discontinued', at };
    } else if (row.notice?.kind === 'removed' || row.notice?.kind === 'discontinued') {
      notice = null;
    }
    return { sourceTitle: table?.label ?? row.sourceTitle, notice };
  });
}

type Watched = { sourceTitle: string | null; notice: SourceNotice | null };

/**
 * Reads the indicator's kept title and notice, lets `decide` say what holds now, and stores it,
 * with an audit event for a new notice.
 */
async function noteSource(
  ctx: Ctx,
  indicatorId: number,
  decide: (row: Watched, at: string) => Watched,
): Promise<SourceNotice | null> {
  const [row] = await ctx.db
    .select({ sourceTitle: indicators.sourceTitle, notice: indicators.sourceNotice })
    .from(indicators)
    .where(eq(indicators.id, indicatorId));
  if (!row) throw new NotFoundError('Indikatorn finns inte.');
  const { sourceTitle, notice } = decide(row, ctx.now().toISOString());
  if (sourceTitle === row.sourceTitle && notice === row.notice) return notice;
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(indicators)
      .set({ sourceTitle, sourceNotice: notice })
      .where(eq(indicators.id, indicatorId));
    if (notice && notice !== row.notice) {
      await recordAuditEvent(tx, {
        action: `indicator.source_${notice.kind}`,
        entityType: 'indicator',
        entityId: indicatorId,
        after: { ...notice },
      });
    }
  });
  return notice;
}

/** An analyst has seen to the notice: it leaves the watch list (the audit log keeps it). */
export async function dismissSourceNotice(ctx: Ctx, indicatorId: number): Promise<void> {
  if (!indicatorPolicy.manage(ctx.actor)) throw new ForbiddenError();
  await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(indicators)
      .set({ sourceNotice: null })
      .where(eq(indicators.id, indicatorId))
      .returning({ id: indicators.id });
    if (!row) throw new NotFoundError('Indikatorn finns inte.');
    await recordAuditEvent(tx, {
      action: 'indicator.source_notice_seen',
      entityType: 'indicator',
      entityId: indicatorId,
    });
  });
}

export interface SourceNoticeRow {
  id: number;
  slug: string;
  source: 'kolada' | 'scb' | 'manual';
  nameSv: string;
  nameEn: string;
  sourceRef: string | null;
  notice: SourceNotice;
}

/** The indicators whose source changed and which no analyst has yet marked as seen. */
export async function sourceNotices(db: Db): Promise<SourceNoticeRow[]> {
  return queryRows<SourceNoticeRow>(
    db,
    sql`select id, slug, source::text as source, name_sv as "nameSv", name_en as "nameEn", source_ref as "sourceRef",
          source_notice as notice
        from indicators where source_notice is not null order by id`,
  );
}

export interface RevisedIndicator {
  slug: string;
  nameSv: string;
  nameEn: string;
  count: number;
}

/** The values of a frozen report's years that its sources revised after it was published. */
export interface ReportRevisions {
  year: number;
  publishedAt: Date;
  count: number;
  /** When the latest of those revisions came in. */
  latest: Date;
  indicators: RevisedIndicator[];
}

/**
 * For each published follow-up report (or the one of `year`): how many values up to its year the
 * imports revised after it was published, by indicator of the report's strategy. Reports
 * without any are left out.
 */
export async function revisionsSinceReports(db: Db, year?: number): Promise<ReportRevisions[]> {
  const rows = await queryRows<{
    year: number;
    publishedAt: Date | string;
    slug: string;
    nameSv: string;
    nameEn: string;
    count: number;
    latest: Date | string;
  }>(
    db,
    sql`select fr.year, fr.published_at as "publishedAt", i.slug, i.name_sv as "nameSv",
          i.name_en as "nameEn", count(*)::int as count, max(r.revised_at) as latest
        from follow_up_reports fr
        join goal_areas ga on ga.strategy_id = fr.strategy_id
        join goals g on g.goal_area_id = ga.id
        join indicators i on i.goal_id = g.id and i.published_at is not null
        join observations o on o.indicator_id = i.id and o.period <= fr.year
        join observation_revisions r on r.observation_id = o.id and r.revised_at > fr.published_at
        where fr.status = 'published' ${year === undefined ? sql`` : sql`and fr.year = ${year}`}
        group by fr.year, fr.published_at, i.slug, i.name_sv, i.name_en
        order by fr.year desc, i.name_sv`,
  );
  const reports: ReportRevisions[] = [];
  for (const r of rows) {
    let report = reports.find((x) => x.year === r.year);
    if (!report) {
      report = {
        year: r.year,
        publishedAt: new Date(r.publishedAt),
        count: 0,
        latest: new Date(r.latest),
        indicators: [],
      };
      reports.push(report);
    }
    report.count += r.count;
    if (new Date(r.latest) > report.latest) report.latest = new Date(r.latest);
    report.indicators.push({ slug: r.slug, nameSv: r.nameSv, nameEn: r.nameEn, count: r.count });
  }
  return reports;
}
