import { eq } from 'drizzle-orm';
import { initiatives } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { loadInitiativeData, loadInitiativeState } from './initiativeData.js';
import { appendVersion } from './initiativeVersions.js';
import { initiativePolicy } from './policies.js';

/**
 * Withdraws an open change proposal to a published initiative: the proposal is closed (it stays
 * in the versions) and the published record is as it was. A new version records the step.
 */
export async function withdrawChange(
  ctx: Ctx,
  input: { initiativeId: number; expectedVersion?: number },
): Promise<{ id: number; version: number }> {
  return inTransaction(ctx, async (tx) => {
    const row = await loadInitiativeState(tx.db, input.initiativeId, true);
    if (!row || !initiativePolicy.read(ctx.actor, row)) throw new NotFoundError();
    if (!initiativePolicy.withdrawChange(ctx.actor, row)) throw new ForbiddenError();
    if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
      throw new ConflictError(
        'Insatsen har ändrats sedan du öppnade sidan. Ladda om sidan och försök igen.',
        'stale_version',
      );
    }
    const stored = (await loadInitiativeData(tx.db, row.id))!;
    const version = row.version + 1;
    await tx.db
      .update(initiatives)
      .set({
        version,
        updatedAt: ctx.now(),
        pendingChanges: null,
        pendingState: null,
        pendingComment: null,
        pendingBase: null,
        pendingRebasedAt: null,
      })
      .where(eq(initiatives.id, row.id));
    await appendVersion(tx, row.id, version, stored.data, {
      action: 'change_withdrawn',
      state: 'publicerad',
      pendingState: null,
    });
    await recordAuditEvent(tx, {
      action: 'initiative.change_withdrawn',
      entityType: 'initiative',
      entityId: row.id,
      before: { version: row.version, pendingState: row.pendingState, data: stored.pending },
      after: { version, pendingState: null },
    });
    return { id: row.id, version };
  });
}
