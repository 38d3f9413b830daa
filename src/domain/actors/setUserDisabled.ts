import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { fail, issue, ok, type Result } from '../result.js';
import { can } from './policies.js';
import { revokeAllSessions } from './sessions.js';

/**
 * Disables an account (its sessions end and it cannot sign in) or enables it again. Nothing is
 * deleted; an administrator cannot disable their own account.
 */
export async function setUserDisabled(
  ctx: Ctx,
  input: { userId: number; disabled: boolean },
): Promise<Result<{ id: number; disabled: boolean }>> {
  if (!can(ctx.actor, 'users.manage')) throw new ForbiddenError();
  if (input.disabled && ctx.actor.kind === 'user' && ctx.actor.userId === input.userId) {
    return fail([issue('user', 'Du kan inte stänga av ditt eget konto.', 'self')]);
  }
  return inTransaction(ctx, async (tx) => {
    const [user] = await tx.db
      .select({ id: users.id, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, input.userId));
    if (!user) throw new NotFoundError();
    if (Boolean(user.disabledAt) === input.disabled) return ok({ id: user.id, ...input });
    const disabledAt = input.disabled ? ctx.now() : null;
    await tx.db
      .update(users)
      .set({ disabledAt, updatedAt: ctx.now() })
      .where(eq(users.id, user.id));
    await recordAuditEvent(tx, {
      action: input.disabled ? 'user.disabled' : 'user.enabled',
      entityType: 'user',
      entityId: user.id,
      before: { disabledAt: user.disabledAt },
      after: { disabledAt },
    });
    if (input.disabled) await revokeAllSessions(tx, user.id, 'disabled');
    return ok({ id: user.id, disabled: input.disabled });
  });
}
