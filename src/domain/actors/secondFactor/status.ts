import { count, eq } from 'drizzle-orm';
import { passkeyCredentials } from '../../../db/schema/index.js';
import type { Ctx, UserRole } from '../../context.js';
import { recoveryCodesLeft } from './recoveryCodes.js';
import { hasConfirmedTotp } from './totp.js';

/**
 * Administrators and coordinators who sign in with a password must use a second factor;
 * actors and analysts may. Single sign-on (OIDC) leaves the factors to the identity provider.
 */
export const secondFactorRequired = (role: UserRole): boolean =>
  role === 'admin' || role === 'samordnare';

export interface SecondFactorStatus {
  totp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
}

export async function secondFactorStatus(ctx: Ctx, userId: number): Promise<SecondFactorStatus> {
  const [keys] = await ctx.db
    .select({ n: count() })
    .from(passkeyCredentials)
    .where(eq(passkeyCredentials.userId, userId));
  return {
    totp: await hasConfirmedTotp(ctx, userId),
    passkeys: keys?.n ?? 0,
    recoveryCodesLeft: await recoveryCodesLeft(ctx, userId),
  };
}

/** Whether the user has a factor to sign in with (a recovery code alone is not enrolment). */
export const isEnrolled = (s: SecondFactorStatus) => s.totp || s.passkeys > 0;
