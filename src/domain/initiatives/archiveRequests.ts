import { eq } from 'drizzle-orm';
import { initiatives } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { fail, issue, ok, type Result } from '../result.js';
import { loadInitiativeState, type ArchiveRequest } from './initiativeData.js';
import { initiativePolicy } from './policies.js';

/**
 * A member asks the Region to archive a published initiative, with a reason; the initiative
 * stays on the portal until a curator archives it (or turns the request down).
 */
export async function requestArchive(
  ctx: Ctx,
  input: { initiativeId: number; reason: string },
): Promise<Result<{ id: number }>> {
  return inTransaction(ctx, async (tx) => {
    const row = await loadInitiativeState(tx.db, input.initiativeId, true);
    if (!row || !initiativePolicy.read(ctx.actor, row)) throw new NotFoundError();
    if (!initiativePolicy.requestArchive(ctx.actor, row)) throw new ForbiddenError();
    const reason = input.reason.trim();
    if (reason.length < 10 || reason.length > 2000) {
      return fail([
        issue(
          'reason',
          'Skriv varför insatsen ska arkiveras, med minst tio och högst 2000 tecken.',
          'reason_required',
        ),
      ]);
    }
    const request: ArchiveRequest = {
      reason,
      byUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      byLabel: ctx.actor.label,
      at: ctx.now().toISOString(),
    };
    await tx.db
      .update(initiatives)
      .set({ archiveRequest: request, updatedAt: ctx.now() })
      .where(eq(initiatives.id, row.id));
    await recordAuditEvent(tx, {
      action: 'initiative.archive_requested',
      entityType: 'initiative',
      entityId: row.id,
      after: { reason },
    });
    return ok({ id: row.id });
  });
}

/** A curator turns down a request to archive; the initiative stays published. */
export async function declineArchiveRequest(
  ctx: Ctx,
  input: { initiativeId: number },
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const row = await loadInitiativeState(tx.db, input.initiativeId, true);
    if (!row || !initiativePolicy.read(ctx.actor, row)) throw new NotFoundError();
    if (!initiativePolicy.declineArchive(ctx.actor, row)) throw new ForbiddenError();
    await tx.db
      .update(initiatives)
      .set({ archiveRequest: null, updatedAt: ctx.now() })
      .where(eq(initiatives.id, row.id));
    await recordAuditEvent(tx, {
      action: 'initiative.archive_declined',
      entityType: 'initiative',
      entityId: row.id,
      before: { request: row.archiveRequest },
    });
  });
}
