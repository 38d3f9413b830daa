import { eq } from 'drizzle-orm';
import { evaluations } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { evaluationPolicy } from './recordEvaluation.js';

/** Publishes an evaluation: it then shows on the pages of what it evaluated, with its documents. */
export async function publishEvaluation(ctx: Ctx, input: { id: number }): Promise<void> {
  if (!evaluationPolicy.manage(ctx.actor)) throw new ForbiddenError();
  await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .select({ id: evaluations.id, publishedAt: evaluations.publishedAt })
      .from(evaluations)
      .where(eq(evaluations.id, input.id))
      .for('update');
    if (!row) throw new NotFoundError('Utvärderingen finns inte.');
    if (row.publishedAt)
      throw new ConflictError('Utvärderingen är redan publicerad.', 'already_published');
    await tx.db
      .update(evaluations)
      .set({ publishedAt: ctx.now() })
      .where(eq(evaluations.id, row.id));
    await recordAuditEvent(tx, {
      action: 'evaluation.published',
      entityType: 'evaluation',
      entityId: row.id,
      before: { publishedAt: null },
      after: { publishedAt: ctx.now() },
    });
  });
}
