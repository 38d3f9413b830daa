import { z } from 'zod';
import { singleLineText, multiLineText } from '../text/plainText.js';
import { accessibilityReports } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ok, parseInput, type Result } from '../result.js';

export const accessibilityReportSchema = z.object({
  pageUrl: singleLineText().trim().max(500, 'Högst 500 tecken.').default(''),
  description: multiLineText()
    .trim()
    .min(10, 'Beskriv problemet med minst tio tecken.')
    .max(5000, 'Högst 5 000 tecken.'),
  contactEmail: z
    .union([
      z.literal(''),
      z.email({ error: 'Ange en giltig e-postadress eller lämna fältet tomt.' }),
    ])
    .optional()
    .transform((v) => (v ? v.trim() : null)),
});

export type AccessibilityReportInput = z.input<typeof accessibilityReportSchema>;

/** Stores a visitor's report of an accessibility problem (DOS-lagen) for administrators to handle. */
export async function reportAccessibilityProblem(
  ctx: Ctx,
  input: AccessibilityReportInput,
): Promise<Result<{ id: number }>> {
  const parsed = parseInput(accessibilityReportSchema, input);
  if (!parsed.ok) return parsed;
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(accessibilityReports)
      .values({ ...parsed.value, createdAt: ctx.now() })
      .returning({ id: accessibilityReports.id });
    // The reporter's address is personal data: it stays in the report, not in the audit log.
    await recordAuditEvent(tx, {
      action: 'accessibility_report.received',
      entityType: 'accessibility_report',
      entityId: row!.id,
      after: { pageUrl: parsed.value.pageUrl, hasContact: parsed.value.contactEmail !== null },
    });
    return ok({ id: row!.id });
  });
}
