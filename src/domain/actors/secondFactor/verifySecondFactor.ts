import { loginAttempts } from '../../../db/schema/index.js';
import type { Ctx } from '../../context.js';
import { ATTEMPT_WINDOW_MS, blockedUntil } from '../signIn.js';
import { completePendingSignIn, failPendingSignIn, type PendingSignIn } from './pendingSignIns.js';
import { isRecoveryCodeShaped, useRecoveryCode } from './recoveryCodes.js';
import { verifyTotp } from './totp.js';

/** At most ten wrong codes per account in fifteen minutes, whatever the half sessions. */
export const SECOND_FACTOR_LIMIT = 10;
export { ATTEMPT_WINDOW_MS as SECOND_FACTOR_WINDOW_MS };

export type SecondFactorResult =
  | { ok: true; token: string; expiresAt: Date }
  | { ok: false; code: 'wrong_code'; open: boolean }
  | { ok: false; code: 'rate_limited'; retryAt: Date };

export const secondFactorKey = (userId: number) => `second-factor:${userId}`;

/** Whether the account may try a code now; the time it may again otherwise. */
export async function secondFactorBlocked(ctx: Ctx, userId: number): Promise<Date | null> {
  return blockedUntil(ctx, secondFactorKey(userId), SECOND_FACTOR_LIMIT);
}

/** A failed code of any kind (TOTP, recovery code, passkey) counts against both limits. */
export async function recordSecondFactorFailure(ctx: Ctx, pending: PendingSignIn) {
  await ctx.db
    .insert(loginAttempts)
    .values({ key: secondFactorKey(pending.userId), at: ctx.now() });
  return failPendingSignIn(ctx, pending);
}

/**
 * The second step with a code: a TOTP code from the app, or one of the recovery codes. A right
 * code ends the half session and starts the full one.
 */
export async function verifySecondFactor(
  ctx: Ctx,
  pending: PendingSignIn,
  code: string,
): Promise<SecondFactorResult> {
  const retryAt = await secondFactorBlocked(ctx, pending.userId);
  if (retryAt) return { ok: false, code: 'rate_limited', retryAt };
  const input = code.trim().slice(0, 64);
  const recovery = isRecoveryCodeShaped(input);
  const valid = recovery
    ? await useRecoveryCode(ctx, pending.userId, input)
    : await verifyTotp(ctx, pending.userId, input);
  if (valid) {
    const session = await completePendingSignIn(ctx, pending, recovery ? 'recovery_code' : 'totp');
    if (session) return { ok: true, ...session };
    return { ok: false, code: 'wrong_code', open: false };
  }
  return { ok: false, code: 'wrong_code', open: await recordSecondFactorFailure(ctx, pending) };
}
