import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { initiatives, progressReports } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError } from '../errors.js';
import { isCurator } from '../actors/policies.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ange datum som ÅÅÅÅ-MM-DD.');
const count = z.number().int().min(0).max(10_000_000).optional();

export const progressReportSchema = z
  .object({
    initiativeId: z.number().int().positive(),
    periodStart: isoDate,
    periodEnd: isoDate,
    trafficLight: z.enum(['enligt-plan', 'risk', 'avvikelse'], {
      error: 'Välj läge: enligt plan, risk eller avvikelse.',
    }),
    narrative: z.string().trim().min(10, 'Beskriv läget med minst tio tecken.').max(10000),
    outputs: z
      .object({ participantsK: count, participantsM: count, companiesReached: count })
      .default({}),
    spentSek: z
      .number()
      .int()
      .min(0)
      .nullish()
      .transform((v) => v ?? null),
    isDemo: z.boolean().default(false),
  })
  .refine((r) => r.periodEnd >= r.periodStart, {
    path: ['periodEnd'],
    message: 'Perioden slutar före den börjar.',
  });

export type ProgressReportInput = z.input<typeof progressReportSchema>;

export async function submitProgressReport(
  ctx: Ctx,
  input: ProgressReportInput,
): Promise<Result<{ id: number }>> {
  const parsed = parseInput(progressReportSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const [initiative] = await tx.db
      .select({ id: initiatives.id, owner: initiatives.ownerOrganisationId })
      .from(initiatives)
      .where(eq(initiatives.id, v.initiativeId));
    if (!initiative) return fail([issue('initiativeId', 'Insatsen finns inte.', 'unknown')]);
    if (
      !isCurator(ctx.actor) &&
      !(
        ctx.actor.kind === 'user' &&
        ctx.actor.role === 'aktor' &&
        ctx.actor.organisationIds.includes(initiative.owner)
      )
    ) {
      throw new ForbiddenError('Du kan bara rapportera för din egen organisations insatser.');
    }
    const [row] = await tx.db
      .insert(progressReports)
      .values({
        ...v,
        submittedByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        submittedAt: ctx.now(),
      })
      .returning();
    await recordAuditEvent(tx, {
      action: 'progress_report.submitted',
      entityType: 'progress_report',
      entityId: row!.id,
      after: row,
    });
    return ok({ id: row!.id });
  });
}
