import { and, eq, inArray, ne } from 'drizzle-orm';
import {
  fundingLines,
  initiatives,
  progressReports,
  reportingPeriods,
} from '../../db/schema/index.js';
import { isCurator } from '../actors/policies.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { fail, issue, ok, parseInput, type Issue, type Result } from '../result.js';
import { progressReportPolicy } from './progressReportPolicy.js';
import {
  explanationMissing,
  MIN_NARRATIVE,
  progressReportSchema,
  type ProgressReportInput,
} from './progressReportSchema.js';

export { progressReportSchema, type ProgressReportInput } from './progressReportSchema.js';

export type ProgressReportState = 'utkast' | 'inskickad' | 'publicerad' | 'returnerad';

export interface SubmitOptions {
  /** The report being edited: a draft or a returned report of the same initiative. */
  id?: number;
  /** Save without submitting. */
  draft?: boolean;
  /** A check-in: nothing new since the last report. */
  isCheckIn?: boolean;
}

const editableStates: readonly ProgressReportState[] = ['utkast', 'returnerad'];

/**
 * Saves or submits an owner's progress report. A draft stays with the organisation; a submitted
 * report waits for a curator's review. A curator's own report (or the system's, as in the demo
 * data) is published at once, since it would be reviewed by the same people.
 */
export async function submitProgressReport(
  ctx: Ctx,
  input: ProgressReportInput,
  options: SubmitOptions = {},
): Promise<Result<{ id: number; state: ProgressReportState }>> {
  const parsed = parseInput(progressReportSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (!options.draft) {
    const issues: Issue[] = [];
    if (v.narrative.length < MIN_NARRATIVE)
      issues.push(issue('narrative', 'Beskriv läget med minst tio tecken.', 'too_small'));
    if (explanationMissing(v))
      issues.push(
        issue(
          'deviationExplanation',
          'Förklara vad som avviker eller är i fara och vad ni gör åt det (minst tio tecken).',
          'explanation_required',
        ),
      );
    if (issues.length > 0) return fail(issues);
  }
  return inTransaction(ctx, async (tx) => {
    const [initiative] = await tx.db
      .select({ id: initiatives.id, owner: initiatives.ownerOrganisationId })
      .from(initiatives)
      .where(eq(initiatives.id, v.initiativeId))
      // One writer per initiative at a time, so two reports for one period cannot both pass.
      .for('update');
    if (!initiative) return fail([issue('initiativeId', 'Insatsen finns inte.', 'unknown')]);
    if (!progressReportPolicy.report(ctx.actor, initiative.owner)) {
      throw new ForbiddenError('Du kan bara rapportera för din egen organisations insatser.');
    }
    let periodStart = v.periodStart;
    let periodEnd = v.periodEnd;
    if (v.reportingPeriodId) {
      const [period] = await tx.db
        .select()
        .from(reportingPeriods)
        .where(eq(reportingPeriods.id, v.reportingPeriodId));
      if (!period?.openedAt) {
        return fail([
          issue('reportingPeriodId', 'Rapportperioden finns inte eller är inte öppnad.', 'closed'),
        ]);
      }
      periodStart = period.periodStart;
      periodEnd = period.periodEnd;
      const others = await tx.db
        .select({ id: progressReports.id })
        .from(progressReports)
        .where(
          and(
            eq(progressReports.initiativeId, initiative.id),
            eq(progressReports.reportingPeriodId, period.id),
            options.id ? ne(progressReports.id, options.id) : undefined,
          ),
        );
      if (others.length > 0) {
        throw new ConflictError(
          'Insatsen har redan en lägesrapport för perioden.',
          'already_reported',
        );
      }
    }
    const lineIssues = await checkFundingLines(tx, initiative.id, v.spentByFundingLine);
    if (lineIssues.length > 0) return fail(lineIssues);
    const spentSek =
      v.spentByFundingLine.length > 0
        ? v.spentByFundingLine.reduce((sum, l) => sum + l.amountSek, 0)
        : v.spentSek;
    const publishNow = !options.draft && isCurator(ctx.actor);
    const state: ProgressReportState = options.draft
      ? 'utkast'
      : publishNow
        ? 'publicerad'
        : 'inskickad';
    const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    const values = {
      initiativeId: initiative.id,
      reportingPeriodId: v.reportingPeriodId ?? null,
      periodStart: periodStart!,
      periodEnd: periodEnd!,
      trafficLight: v.trafficLight,
      narrative: v.narrative,
      deviationExplanation: v.deviationExplanation,
      outputs: v.outputs,
      spentSek,
      spentByFundingLine: v.spentByFundingLine,
      isDemo: v.isDemo,
      isCheckIn: options.isCheckIn ?? false,
      state,
      publishedAt: publishNow ? ctx.now() : null,
      submittedByUserId: userId,
      submittedAt: ctx.now(),
    };
    let before: unknown;
    let id: number;
    if (options.id) {
      const [existing] = await tx.db
        .select()
        .from(progressReports)
        .where(eq(progressReports.id, options.id))
        .for('update');
      if (!existing || existing.initiativeId !== initiative.id) {
        throw new NotFoundError('Lägesrapporten finns inte.');
      }
      if (!editableStates.includes(existing.state)) {
        throw new ConflictError(
          'Rapporten är redan inskickad och kan inte ändras.',
          'not_editable',
        );
      }
      before = existing;
      await tx.db.update(progressReports).set(values).where(eq(progressReports.id, existing.id));
      id = existing.id;
    } else {
      const [row] = await tx.db
        .insert(progressReports)
        .values(values)
        .returning({ id: progressReports.id });
      id = row!.id;
    }
    await recordAuditEvent(tx, {
      action: options.draft
        ? 'progress_report.saved'
        : publishNow
          ? 'progress_report.published'
          : 'progress_report.submitted',
      entityType: 'progress_report',
      entityId: id,
      before,
      after: values,
    });
    return ok({ id, state });
  });
}

async function checkFundingLines(
  tx: Ctx,
  initiativeId: number,
  lines: { fundingLineId: number }[],
): Promise<Issue[]> {
  if (lines.length === 0) return [];
  const ids = lines.map((l) => l.fundingLineId);
  const own = await tx.db
    .select({ id: fundingLines.id })
    .from(fundingLines)
    .where(and(eq(fundingLines.initiativeId, initiativeId), inArray(fundingLines.id, ids)));
  const known = new Set(own.map((r) => r.id));
  const issues = lines.flatMap((l, n) =>
    known.has(l.fundingLineId)
      ? []
      : [issue(`spentByFundingLine.${n}`, 'Finansieringsraden hör inte till insatsen.', 'unknown')],
  );
  if (new Set(ids).size !== ids.length) {
    issues.push(issue('spentByFundingLine', 'Varje finansieringsrad får anges en gång.', 'dup'));
  }
  return issues;
}
