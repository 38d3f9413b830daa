import { eq, lt, or } from 'drizzle-orm';
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

/** Half sessions and passkey challenges hold an address and a browser; a day after use they go. */
export const HALF_SESSIONS_KEPT_MS = 24 * 60 * 60 * 1000;

/** Deletes half sessions and passkey challenges that ended or expired more than a day ago. */
export async function purgeHalfSessions(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - HALF_SESSIONS_KEPT_MS);
  const pending = await db
    .delete(pendingSignIns)
    .where(or(lt(pendingSignIns.endedAt, cutoff), lt(pendingSignIns.expiresAt, cutoff)))
    .returning({ id: pendingSignIns.id });
  const challenges = await db
    .delete(passkeyChallenges)
    .where(or(lt(passkeyChallenges.usedAt, cutoff), lt(passkeyChallenges.expiresAt, cutoff)))
    .returning({ id: passkeyChallenges.id });
  return pending.length + challenges.length;
}
