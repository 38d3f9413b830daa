import { and, desc, eq, inArray } from 'drizzle-orm';
import { progressReports } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { fail, issue, type Result } from '../result.js';
import { submitProgressReport, type ProgressReportState } from './submitProgressReport.js';

export const CHECK_IN_NARRATIVE = 'Inget nytt sedan förra rapporten.';

/**
 * The quick path for an initiative with nothing new: a minimal report for the period that keeps
 * the status (and its explanation) of the latest submitted report, marked as a check-in. It is reviewed like any other.
 */
export async function checkInProgressReport(
  ctx: Ctx,
  input: { initiativeId: number; reportingPeriodId: number; id?: number },
): Promise<Result<{ id: number; state: ProgressReportState }>> {
  const [latest] = await ctx.db
    .select({
      trafficLight: progressReports.trafficLight,
      deviationExplanation: progressReports.deviationExplanation,
    })
    .from(progressReports)
    .where(
      and(
        eq(progressReports.initiativeId, input.initiativeId),
        inArray(progressReports.state, ['inskickad', 'publicerad']),
      ),
    )
    .orderBy(desc(progressReports.periodEnd), desc(progressReports.id))
    .limit(1);
  if (!latest) {
    return fail([
      issue(
        'checkIn',
        'Insatsen har ingen tidigare rapport. Skriv en lägesrapport i stället.',
        'no_previous_report',
      ),
    ]);
  }
  return submitProgressReport(
    ctx,
    {
      initiativeId: input.initiativeId,
      reportingPeriodId: input.reportingPeriodId,
      trafficLight: latest.trafficLight,
      // A risk or deviation still stands, and so does its explanation.
      deviationExplanation: latest.deviationExplanation,
      narrative: CHECK_IN_NARRATIVE,
    },
    { id: input.id, isCheckIn: true },
  );
}
