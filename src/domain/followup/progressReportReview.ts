import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { multiLineText } from '../text/plainText.js';
import { initiatives, progressReports } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { ok, parseInput, type Result } from '../result.js';
import { progressReportPolicy } from './progressReportPolicy.js';

export const reviewSchema = z.discriminatedUnion('decision', [
  z.object({ id: z.number().int().positive(), decision: z.literal('publish') }),
  z.object({
    id: z.number().int().positive(),
    decision: z.literal('return'),
    comment: multiLineText()
      .trim()
      .min(3, 'Skriv vad organisationen behöver ändra.')
      .max(2000, 'Kommentaren får vara högst 2 000 tecken.'),
  }),
]);

export type ReviewInput = z.input<typeof reviewSchema>;

/**
 * A curator's review of a submitted report: publish it (it then appears on the initiative's
 * timeline and in open data) or return it with a comment; the owner can then resubmit.
 */
export async function reviewProgressReport(
  ctx: Ctx,
  input: ReviewInput,
): Promise<Result<{ initiativeId: number; title: string }>> {
  if (!progressReportPolicy.review(ctx.actor)) {
    throw new ForbiddenError('Bara samordnare kan granska lägesrapporter.');
  }
  const parsed = parseInput(reviewSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const [report] = await tx.db
      .select({
        id: progressReports.id,
        state: progressReports.state,
        initiativeId: progressReports.initiativeId,
        title: initiatives.title,
      })
      .from(progressReports)
      .innerJoin(initiatives, eq(initiatives.id, progressReports.initiativeId))
      .where(eq(progressReports.id, v.id))
      .for('update', { of: progressReports });
    if (!report) throw new NotFoundError('Lägesrapporten finns inte.');
    if (report.state !== 'inskickad') {
      throw new ConflictError('Rapporten väntar inte på granskning.', 'not_submitted');
    }
    const publish = v.decision === 'publish';
    const after = {
      state: publish ? ('publicerad' as const) : ('returnerad' as const),
      reviewComment: publish ? null : v.comment,
      reviewedByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      reviewedAt: ctx.now(),
      publishedAt: publish ? ctx.now() : null,
    };
    await tx.db.update(progressReports).set(after).where(eq(progressReports.id, report.id));
    await recordAuditEvent(tx, {
      action: publish ? 'progress_report.published' : 'progress_report.returned',
      entityType: 'progress_report',
      entityId: report.id,
      before: { state: report.state },
      after,
    });
    return ok({ initiativeId: report.initiativeId, title: report.title });
  });
}
