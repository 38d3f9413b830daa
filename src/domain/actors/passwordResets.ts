import { and, eq, gt, isNull } from 'drizzle-orm';
import { passwordResets, users } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { type Result } from '../result.js';
import { setPassword } from './setPassword.js';
import { hashToken, isTokenShaped, newToken } from './tokens.js';

/** A reset link is valid for one hour and once. */
export const RESET_TTL_MS = 60 * 60 * 1000;

/**
 * Starts a password reset. Returns the token to mail, or null when there is no active account
 * with the address; the caller answers the same either way, so accounts cannot be discovered.
 */
export async function requestPasswordReset(
  ctx: Ctx,
  email: string,
): Promise<{ token: string; email: string; name: string } | null> {
  const address = email.trim().toLowerCase();
  const [user] = await ctx.db
    .select({ id: users.id, name: users.name, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, address));
  if (!user || user.disabledAt) return null;
  const token = newToken();
  await ctx.db.insert(passwordResets).values({
    tokenHash: hashToken(token),
    userId: user.id,
    createdAt: ctx.now(),
    expiresAt: new Date(ctx.now().getTime() + RESET_TTL_MS),
  });
  await recordAuditEvent(ctx, {
    action: 'user.password_reset_requested',
    entityType: 'user',
    entityId: user.id,
  });
  return { token, email: address, name: user.name };
}

async function openReset(ctx: Ctx, token: string) {
  if (!isTokenShaped(token)) return null;
  const [row] = await ctx.db
    .select({ id: passwordResets.id, userId: passwordResets.userId })
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.tokenHash, hashToken(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, ctx.now()),
      ),
    );
  return row ?? null;
}

export async function isResetTokenValid(ctx: Ctx, token: string): Promise<boolean> {
  return (await openReset(ctx, token)) !== null;
}

/** Sets a new password with a reset token; null when the token is unknown, used or expired. */
export async function resetPassword(
  ctx: Ctx,
  input: { token: string; password: string },
): Promise<Result<{ id: number }> | null> {
  return inTransaction(ctx, async (tx) => {
    const reset = await openReset(tx, input.token);
    if (!reset) return null;
    const result = await setPassword(tx, { userId: reset.userId, password: input.password });
    if (result.ok) {
      await tx.db
        .update(passwordResets)
        .set({ usedAt: ctx.now() })
        .where(eq(passwordResets.id, reset.id));
    }
    return result;
  });
}
