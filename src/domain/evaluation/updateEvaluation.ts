import { eq } from 'drizzle-orm';
import { evaluations } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';
import {
  evaluationPolicy,
  evaluationSchema,
  subjectExists,
  type EvaluationInput,
} from './recordEvaluation.js';

/** Changes an evaluation's texts, subject or date; links to documents are kept as they are. */
export async function updateEvaluation(
  ctx: Ctx,
  id: number,
  input: EvaluationInput,
): Promise<Result<{ id: number }>> {
  if (!evaluationPolicy.manage(ctx.actor)) throw new ForbiddenError();
  const parsed = parseInput(evaluationSchema, input);
  if (!parsed.ok) return parsed;
  const { documents: _links, ...v } = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.db
      .select()
      .from(evaluations)
      .where(eq(evaluations.id, id))
      .for('update');
    if (!before) throw new NotFoundError('Utvärderingen finns inte.');
    if (!(await subjectExists(tx, v))) {
      return fail([issue('subjectId', 'Det som utvärderats finns inte.', 'unknown')]);
    }
    await tx.db.update(evaluations).set(v).where(eq(evaluations.id, id));
    await recordAuditEvent(tx, {
      action: 'evaluation.updated',
      entityType: 'evaluation',
      entityId: id,
      before,
      after: v,
    });
    return ok({ id });
  });
}
