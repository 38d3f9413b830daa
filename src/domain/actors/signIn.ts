import { and, asc, count, eq, gte, inArray } from 'drizzle-orm';
import { loginAttempts, users } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { dummyVerify, verifyPassword } from './passwords.js';
import { startPendingSignIn } from './secondFactor/pendingSignIns.js';
import { isEnrolled, secondFactorRequired, secondFactorStatus } from './secondFactor/status.js';
import { createSession } from './sessions.js';

/** At most five failed sign-ins per account and per address in fifteen minutes. */
export const ATTEMPT_LIMIT = 5;
export const ATTEMPT_WINDOW_MS = 15 * 60 * 1000;
/** An address is shared by many people (an office, a school): it gets a higher limit. */
export const IP_ATTEMPT_LIMIT = 20;

/**
 * A right password ends in a session (`step: 'session'`), or, for an account that has or needs
 * a second factor, in a half session whose token opens only the second step (`'second_factor'`)
 * or the enrolment that administrators and coordinators must complete first (`'enrol'`).
 */
export type SignInResult =
  | {
      ok: true;
      step: 'session' | 'second_factor' | 'enrol';
      token: string;
      userId: number;
      expiresAt: Date;
    }
  | { ok: false; code: 'invalid_credentials' }
  | { ok: false; code: 'rate_limited'; retryAt: Date };

export interface SignInInput {
  email: string;
  password: string;
  ip: string;
  userAgent?: string | null;
  /** Where to go after the second step, a path on this site. */
  back?: string;
}

const keysFor = (email: string, ip: string) => ({ email: `email:${email}`, ip: `ip:${ip}` });

/** When the key may try again, or null if it is under its limit. */
export async function blockedUntil(ctx: Ctx, key: string, limit: number): Promise<Date | null> {
  const since = new Date(ctx.now().getTime() - ATTEMPT_WINDOW_MS);
  const where = and(eq(loginAttempts.key, key), gte(loginAttempts.at, since));
  const [c] = await ctx.db.select({ n: count() }).from(loginAttempts).where(where);
  if ((c?.n ?? 0) < limit) return null;
  const rows = await ctx.db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(where)
    .orderBy(asc(loginAttempts.at))
    .limit(1)
    .offset((c?.n ?? 0) - limit);
  return new Date(rows[0]!.at.getTime() + ATTEMPT_WINDOW_MS);
}

/**
 * Checks an email and password and, when they match an active account and neither the account
 * nor the address has failed too often, starts a new session. The caller revokes any session
 * the browser held before, so a session id fixed before sign-in is worthless after it.
 */
export async function signIn(ctx: Ctx, input: SignInInput): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const keys = keysFor(email, input.ip);
  const blocked = [
    await blockedUntil(ctx, keys.email, ATTEMPT_LIMIT),
    await blockedUntil(ctx, keys.ip, IP_ATTEMPT_LIMIT),
  ].filter((d): d is Date => d !== null);
  if (blocked.length > 0) {
    return {
      ok: false,
      code: 'rate_limited',
      retryAt: new Date(Math.max(...blocked.map((d) => d.getTime()))),
    };
  }
  const [user] = await ctx.db
    .select({
      id: users.id,
      role: users.role,
      passwordHash: users.passwordHash,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(eq(users.email, email));
  const valid =
    user?.passwordHash && !user.disabledAt
      ? await verifyPassword(user.passwordHash, input.password)
      : await dummyVerify(input.password);
  if (!valid || !user) {
    await ctx.db.insert(loginAttempts).values([
      { key: keys.email, at: ctx.now() },
      { key: keys.ip, at: ctx.now() },
    ]);
    return { ok: false, code: 'invalid_credentials' };
  }
  return inTransaction(ctx, async (tx) => {
    await tx.db.delete(loginAttempts).where(inArray(loginAttempts.key, [keys.email]));
    const status = await secondFactorStatus(tx, user.id);
    if (isEnrolled(status) || secondFactorRequired(user.role)) {
      const pending = await startPendingSignIn(tx, {
        userId: user.id,
        ip: input.ip,
        userAgent: input.userAgent ?? null,
        back: input.back ?? '/admin',
      });
      await recordAuditEvent(tx, {
        action: 'user.password_verified',
        entityType: 'user',
        entityId: user.id,
      });
      const step = isEnrolled(status) ? 'second_factor' : 'enrol';
      return {
        ok: true,
        step,
        token: pending.token,
        userId: user.id,
        expiresAt: pending.expiresAt,
      };
    }
    const session = await createSession(tx, {
      userId: user.id,
      ip: input.ip,
      userAgent: input.userAgent ?? null,
    });
    await recordAuditEvent(tx, {
      action: 'user.signed_in',
      entityType: 'user',
      entityId: user.id,
    });
    return {
      ok: true,
      step: 'session',
      token: session.token,
      userId: user.id,
      expiresAt: session.expiresAt,
    };
  });
}
