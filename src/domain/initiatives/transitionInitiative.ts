import { eq } from 'drizzle-orm';
import { initiatives, memberships } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { checkTransition, type WorkflowAction, type WorkflowState } from './workflow.js';

/** Moves an initiative through the approval workflow; the policy is checked here, on the server. */
export async function transitionInitiative(
  ctx: Ctx,
  input: { initiativeId: number; action: WorkflowAction; comment?: string },
): Promise<{ id: number; from: WorkflowState; to: WorkflowState }> {
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .select({
        id: initiatives.id,
        workflowState: initiatives.workflowState,
        ownerOrganisationId: initiatives.ownerOrganisationId,
        publishedAt: initiatives.publishedAt,
      })
      .from(initiatives)
      .where(eq(initiatives.id, input.initiativeId))
      .for('update');
    if (!row) throw new NotFoundError('Insatsen finns inte.');
    let isOwnerEditor = false;
    if (ctx.actor.kind === 'user') {
      const m = await tx.db
        .select({ organisationId: memberships.organisationId })
        .from(memberships)
        .where(eq(memberships.userId, ctx.actor.userId));
      // Only organisation members with the actor role edit; readers (analytiker) only read.
      isOwnerEditor =
        ctx.actor.role === 'aktor' && m.some((x) => x.organisationId === row.ownerOrganisationId);
    }
    const check = checkTransition(row.workflowState, input.action, {
      role: ctx.actor.kind === 'user' ? ctx.actor.role : 'system',
      isOwnerEditor,
    });
    if (!check.ok) {
      if (check.code === 'forbidden') throw new ForbiddenError(check.message);
      throw new ConflictError(check.message, check.code);
    }
    const now = ctx.now();
    await tx.db
      .update(initiatives)
      .set({
        workflowState: check.to,
        updatedAt: now,
        publishedAt: check.to === 'publicerad' ? (row.publishedAt ?? now) : row.publishedAt,
      })
      .where(eq(initiatives.id, row.id));
    await recordAuditEvent(tx, {
      action: `initiative.${input.action}`,
      entityType: 'initiative',
      entityId: row.id,
      before: { workflowState: row.workflowState },
      after: { workflowState: check.to, comment: input.comment ?? null },
    });
    return { id: row.id, from: row.workflowState, to: check.to };
  });
}
