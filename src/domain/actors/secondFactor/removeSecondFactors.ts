import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import {
  passkeyChallenges,
  passkeyCredentials,
  pendingSignIns,
  recoveryCodes,
  totpSecrets,
  users,
} from '../../../db/schema/index.js';
import { recordAuditEvent } from '../../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../../context.js';
import { fail, issue, ok, type Result } from '../../result.js';
import { revokeAllSessions } from '../sessions.js';

/**
 * Removes every second factor of a user and their half sessions (with the address and browser
 * they came from): part of anonymising a leaving user, in the caller's transaction.
 */
export async function removeSecondFactors(db: Db, userId: number): Promise<void> {
  await db.delete(totpSecrets).where(eq(totpSecrets.userId, userId));
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.delete(passkeyCredentials).where(eq(passkeyCredentials.userId, userId));
  await db.delete(passkeyChallenges).where(eq(passkeyChallenges.userId, userId));
  await db.delete(pendingSignIns).where(eq(pendingSignIns.userId, userId));
}

/**
 * Resets the second factor of a user who lost their phone and their recovery codes (an operator
 * does it, from the command line, after checking who is asking): every factor goes, and the
 * next password sign-in leads to enrolment again (administrators and coordinators) or straight
 * in (others). The user's sessions end too.
 */
export async function resetSecondFactors(
  ctx: Ctx,
  email: string,
): Promise<Result<{ userId: number }>> {
  const address = email.trim().toLowerCase();
  return inTransaction(ctx, async (tx) => {
    const [user] = await tx.db.select({ id: users.id }).from(users).where(eq(users.email, address));
    if (!user) {
      return fail([
        issue('email', 'Det finns ingen användare med den e-postadressen.', 'unknown_user'),
      ]);
    }
    await removeSecondFactors(tx.db, user.id);
    await revokeAllSessions(tx, user.id, 'second_factor_reset');
    await recordAuditEvent(tx, {
      action: 'user.second_factor_reset',
      entityType: 'user',
      entityId: user.id,
    });
    return ok({ userId: user.id });
  });
}
