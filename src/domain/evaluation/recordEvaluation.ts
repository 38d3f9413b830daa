import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { singleLineText, multiLineText } from '../text/plainText.js';
import { webAddressSchema } from '../text/webAddress.js';
import { calendarDate } from '../calendarDate.js';
import { actionProgrammes, evaluations, goals, initiatives } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { isCurator } from '../actors/policies.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError } from '../errors.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';

export const evaluationSchema = z.object({
  subjectType: z.enum(['initiative', 'programme', 'goal'], { error: 'Välj vad som utvärderats.' }),
  subjectId: z.number().int().positive(),
  title: singleLineText().trim().min(3, 'Ange en rubrik.').max(300),
  method: multiLineText().trim().min(3, 'Beskriv metoden.').max(2000),
  evaluator: singleLineText().trim().min(2, 'Ange vem som utvärderat.').max(300),
  findings: multiLineText().trim().min(10, 'Beskriv resultaten med minst tio tecken.').max(20000),
  recommendations: multiLineText().trim().max(20000).default(''),
  evaluatedOn: calendarDate('Ange datum som ÅÅÅÅ-MM-DD, en dag som finns i kalendern.'),
  documents: z
    .array(
      z.object({
        title: singleLineText().trim().min(1).max(300),
        url: webAddressSchema,
      }),
    )
    .max(20)
    .default([]),
});

export type EvaluationInput = z.input<typeof evaluationSchema>;

/** Only the Region's curators record and publish evaluations. */
export const evaluationPolicy = { manage: (actor: Ctx['actor']) => isCurator(actor) };

/**
 * Records an evaluation of an initiative, an action programme or a goal. It is published at
 * once unless `draft` is set; a draft is published later with publishEvaluation.
 */
export async function recordEvaluation(
  ctx: Ctx,
  input: EvaluationInput,
  options: { draft?: boolean } = {},
): Promise<Result<{ id: number }>> {
  if (!evaluationPolicy.manage(ctx.actor)) throw new ForbiddenError();
  const parsed = parseInput(evaluationSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    if (!(await subjectExists(tx, v))) {
      return fail([issue('subjectId', 'Det som utvärderats finns inte.', 'unknown')]);
    }
    const [row] = await tx.db
      .insert(evaluations)
      .values({
        ...v,
        createdByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        createdAt: ctx.now(),
        publishedAt: options.draft ? null : ctx.now(),
      })
      .returning({ id: evaluations.id });
    await recordAuditEvent(tx, {
      action: 'evaluation.recorded',
      entityType: 'evaluation',
      entityId: row!.id,
      after: v,
    });
    return ok({ id: row!.id });
  });
}

/** Whether the initiative, programme or goal an evaluation is about exists. */
export async function subjectExists(
  tx: Ctx,
  v: { subjectType: 'initiative' | 'programme' | 'goal'; subjectId: number },
): Promise<boolean> {
  const table = { initiative: initiatives, programme: actionProgrammes, goal: goals }[
    v.subjectType
  ];
  const [subject] = await tx.db
    .select({ id: table.id })
    .from(table)
    .where(eq(table.id, v.subjectId));
  return Boolean(subject);
}
