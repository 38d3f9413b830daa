import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { fail, issue, ok, type Result } from '../result.js';
import { checkPasswordRules, hashPassword } from './passwords.js';
import { revokeAllSessions } from './sessions.js';

/** Sets a user's password after checking the rules, and ends the user's other sessions. */
export async function setPassword(
  ctx: Ctx,
  input: { userId: number; password: string },
): Promise<Result<{ id: number }>> {
  return inTransaction(ctx, async (tx) => {
    const [user] = await tx.db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(eq(users.id, input.userId));
    if (!user) return fail([issue('userId', 'Användaren finns inte.', 'unknown')]);
    const problems = checkPasswordRules(input.password, user.email);
    if (problems.length > 0) return fail(problems);
    await tx.db
      .update(users)
      .set({ passwordHash: await hashPassword(input.password), updatedAt: ctx.now() })
      .where(eq(users.id, user.id));
    await recordAuditEvent(tx, {
      action: 'user.password_set',
      entityType: 'user',
      entityId: user.id,
    });
    await revokeAllSessions(tx, user.id, 'password_set');
    return ok({ id: user.id });
  });
}
