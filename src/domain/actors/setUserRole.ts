import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx, type UserRole } from '../context.js';
import { ForbiddenError } from '../errors.js';
import { fail, issue, ok, type Result } from '../result.js';
import { can } from './policies.js';
import { userRoles } from './addUser.js';
import { revokeAllSessions } from './sessions.js';

/** Changes a user's role; the user's sessions end so the new rights apply at once. */
export async function setUserRole(
  ctx: Ctx,
  input: { email: string; role: string },
): Promise<Result<{ id: number; role: UserRole }>> {
  if (!can(ctx.actor, 'users.manage')) throw new ForbiddenError();
  if (!(userRoles as readonly string[]).includes(input.role)) {
    return fail([issue('role', `Rollen ska vara en av: ${userRoles.join(', ')}.`, 'invalid_role')]);
  }
  const role = input.role as UserRole;
  const email = input.email.trim().toLowerCase();
  return inTransaction(ctx, async (tx) => {
    const [user] = await tx.db
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(eq(users.email, email));
    if (!user)
      return fail([issue('email', 'Det finns ingen användare med den e-postadressen.', 'unknown')]);
    if (ctx.actor.kind === 'user' && ctx.actor.userId === user.id && role !== 'admin') {
      return fail([issue('role', 'Du kan inte ta bort din egen administratörsroll.', 'self')]);
    }
    if (user.role === role) return ok({ id: user.id, role });
    await tx.db.update(users).set({ role, updatedAt: ctx.now() }).where(eq(users.id, user.id));
    await recordAuditEvent(tx, {
      action: 'user.role_changed',
      entityType: 'user',
      entityId: user.id,
      before: { role: user.role },
      after: { role },
    });
    await revokeAllSessions(tx, user.id, 'role_changed');
    return ok({ id: user.id, role });
  });
}
