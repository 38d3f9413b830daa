import { and, eq, gt, isNull } from 'drizzle-orm';
import { pendingSignIns, users } from '../../../db/schema/index.js';
import { recordAuditEvent } from '../../audit/recordAuditEvent.js';
import { inTransaction, type Ctx, type UserRole } from '../../context.js';
import { createSession } from '../sessions.js';
import { hashToken, isTokenShaped, newToken } from '../tokens.js';

/** The second step must follow the password within ten minutes (enrolment included). */
export const PENDING_TTL_MS = 10 * 60 * 1000;
/** After five wrong codes the half session ends and the password is asked again. */
export const PENDING_MAX_FAILURES = 5;

export interface PendingSignIn {
  id: string;
  userId: number;
  email: string;
  role: UserRole;
  back: string;
  challenge: string | null;
}

/** Opens a half session after a right password; the token goes in a cookie and is not stored. */
export async function startPendingSignIn(
  ctx: Ctx,
  input: { userId: number; ip?: string | null; userAgent?: string | null; back: string },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(ctx.now().getTime() + PENDING_TTL_MS);
  await ctx.db.insert(pendingSignIns).values({
    id: hashToken(token),
    userId: input.userId,
    createdAt: ctx.now(),
    expiresAt,
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
    back: input.back,
  });
  return { token, expiresAt };
}

/** The half session behind a token, or null when unknown, ended, expired or its user disabled. */
export async function loadPendingSignIn(ctx: Ctx, token: string): Promise<PendingSignIn | null> {
  if (!isTokenShaped(token)) return null;
  const [row] = await ctx.db
    .select({
      id: pendingSignIns.id,
      userId: pendingSignIns.userId,
      back: pendingSignIns.back,
      challenge: pendingSignIns.challenge,
      email: users.email,
      role: users.role,
      disabledAt: users.disabledAt,
    })
    .from(pendingSignIns)
    .innerJoin(users, eq(users.id, pendingSignIns.userId))
    .where(
      and(
        eq(pendingSignIns.id, hashToken(token)),
        isNull(pendingSignIns.endedAt),
        gt(pendingSignIns.expiresAt, ctx.now()),
      ),
    );
  if (!row || row.disabledAt) return null;
  const { disabledAt: _disabled, ...pending } = row;
  return pending;
}

/** Counts a wrong code; the half session ends at the limit. Returns whether it is still open. */
export async function failPendingSignIn(ctx: Ctx, pending: PendingSignIn): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .select({ failed: pendingSignIns.failedAttempts })
      .from(pendingSignIns)
      .where(eq(pendingSignIns.id, pending.id))
      .for('update');
    const failed = (row?.failed ?? PENDING_MAX_FAILURES) + 1;
    const open = failed < PENDING_MAX_FAILURES;
    await tx.db
      .update(pendingSignIns)
      .set({ failedAttempts: failed, endedAt: open ? null : tx.now() })
      .where(eq(pendingSignIns.id, pending.id));
    await recordAuditEvent(tx, {
      action: 'user.second_factor_failed',
      entityType: 'user',
      entityId: pending.userId,
    });
    return open;
  });
}

/** Ends a half session without signing in (sign-out, or a new password step). */
export async function endPendingSignIn(ctx: Ctx, token: string): Promise<void> {
  if (!isTokenShaped(token)) return;
  await ctx.db
    .update(pendingSignIns)
    .set({ endedAt: ctx.now() })
    .where(and(eq(pendingSignIns.id, hashToken(token)), isNull(pendingSignIns.endedAt)));
}

/**
 * Turns a half session whose second factor was verified into a full session, with a new token:
 * the half session's token is worth nothing afterwards. Null when it ended meanwhile.
 */
export async function completePendingSignIn(
  ctx: Ctx,
  pending: PendingSignIn,
  method: 'totp' | 'recovery_code' | 'passkey' | 'enrolment',
): Promise<{ token: string; expiresAt: Date } | null> {
  return inTransaction(ctx, async (tx) => {
    const ended = await tx.db
      .update(pendingSignIns)
      .set({ endedAt: tx.now() })
      .where(
        and(
          eq(pendingSignIns.id, pending.id),
          isNull(pendingSignIns.endedAt),
          gt(pendingSignIns.expiresAt, tx.now()),
        ),
      )
      .returning({ ip: pendingSignIns.ip, userAgent: pendingSignIns.userAgent });
    const row = ended[0];
    if (!row) return null;
    const session = await createSession(tx, { userId: pending.userId, ...row });
    await recordAuditEvent(tx, {
      action: 'user.signed_in',
      entityType: 'user',
      entityId: pending.userId,
      after: { secondFactor: method },
    });
    return session;
  });
}
