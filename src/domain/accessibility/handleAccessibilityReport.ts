import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { accessibilityReports } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';
import { multiLineText } from '../text/plainText.js';
import { accessibilityReportPolicy } from './policy.js';

export const handleAccessibilityReportSchema = z.object({
  id: z.number().int().positive(),
  note: multiLineText()
    .trim()
    .max(5000, 'Högst 5 000 tecken.')
    .default('')
    .transform((v) => (v === '' ? null : v)),
});

/**
 * Marks a visitor's accessibility report as handled, with what was done or answered. Only an
 * unhandled report can be marked: a second person marking the same report is told so, and
 * nothing changes.
 */
export async function handleAccessibilityReport(
  ctx: Ctx,
  input: z.input<typeof handleAccessibilityReportSchema>,
): Promise<Result<{ id: number }>> {
  if (!accessibilityReportPolicy.handle(ctx.actor)) throw new ForbiddenError();
  const parsed = parseInput(handleAccessibilityReportSchema, input);
  if (!parsed.ok) return parsed;
  const { id, note } = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(accessibilityReports)
      .set({
        status: 'hanterad',
        handledAt: ctx.now(),
        handledByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        handlingNote: note,
      })
      .where(and(eq(accessibilityReports.id, id), eq(accessibilityReports.status, 'ny')))
      .returning({ id: accessibilityReports.id });
    if (!row) {
      const [exists] = await tx.db
        .select({ id: accessibilityReports.id })
        .from(accessibilityReports)
        .where(eq(accessibilityReports.id, id));
      if (!exists) throw new NotFoundError();
      return fail([issue('id', 'Anmälan är redan hanterad.', 'already_handled')]);
    }
    await recordAuditEvent(tx, {
      action: 'accessibility_report.handled',
      entityType: 'accessibility_report',
      entityId: id,
      before: { status: 'ny' },
      after: { status: 'hanterad', hasNote: note !== null },
    });
    return ok({ id });
  });
}
