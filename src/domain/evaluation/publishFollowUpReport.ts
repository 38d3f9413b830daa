import { and, desc, eq } from 'drizzle-orm';
import { followUpReports } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { currentStrategy } from '../strategy/queries.js';
import { buildAnnualReport, type AnnualReportData } from './annualReport.js';
import type { AreaIntroductions } from './saveReportIntroductions.js';

/**
 * Publishes the follow-up report of a year: the data is read once and frozen in the snapshot,
 * so the published report never changes afterwards, whatever happens to the data.
 */
export async function publishFollowUpReport(
  ctx: Ctx,
  input: { year: number; introduction?: string },
): Promise<{ id: number; year: number }> {
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
    throw new NotFoundError('Året finns inte.');
  }
  return inTransaction(ctx, async (tx) => {
    const strategy = await currentStrategy(tx.db);
    const [existing] = await tx.db
      .select()
      .from(followUpReports)
      .where(and(eq(followUpReports.strategyId, strategy.id), eq(followUpReports.year, input.year)))
      .for('update');
    if (existing?.status === 'published') {
      throw new ConflictError(
        `Rapporten för ${input.year} är redan publicerad och kan inte ändras.`,
        'already_published',
      );
    }
    const introduction = input.introduction ?? existing?.introduction ?? '';
    const data = await buildAnnualReport(tx.db, input.year, {
      introduction,
      now: ctx.now(),
      areaIntroductions: (existing?.areaIntroductions ?? {}) as AreaIntroductions,
    });
    const values = {
      strategyId: strategy.id,
      year: input.year,
      title: `Regionala utvecklingsåret ${input.year}`,
      status: 'published' as const,
      introduction,
      snapshot: data,
      publishedAt: ctx.now(),
      updatedAt: ctx.now(),
    };
    const [row] = existing
      ? await tx.db
          .update(followUpReports)
          .set(values)
          .where(eq(followUpReports.id, existing.id))
          .returning()
      : await tx.db.insert(followUpReports).values(values).returning();
    await recordAuditEvent(tx, {
      action: 'follow_up_report.published',
      entityType: 'follow_up_report',
      entityId: row!.id,
      before: existing ? { status: existing.status } : undefined,
      after: { year: input.year, status: 'published', totals: data.totals },
    });
    return { id: row!.id, year: input.year };
  });
}

export async function publishedReports(db: Db) {
  return db
    .select({
      year: followUpReports.year,
      title: followUpReports.title,
      publishedAt: followUpReports.publishedAt,
    })
    .from(followUpReports)
    .where(eq(followUpReports.status, 'published'))
    .orderBy(desc(followUpReports.year));
}

export async function publishedReport(
  db: Db,
  year: number,
): Promise<{ data: AnnualReportData; publishedAt: Date }> {
  const [row] = await db
    .select({ snapshot: followUpReports.snapshot, publishedAt: followUpReports.publishedAt })
    .from(followUpReports)
    .where(and(eq(followUpReports.year, year), eq(followUpReports.status, 'published')));
  if (!row?.snapshot || !row.publishedAt)
    throw new NotFoundError('Rapporten finns inte eller är inte publicerad.');
  return { data: row.snapshot as AnnualReportData, publishedAt: row.publishedAt };
}
