import { and, eq, isNull } from 'drizzle-orm';
import { memberships, sessions, users } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import type { Actor, Ctx, UserRole } from '../context.js';
import { hashToken, isTokenShaped, newToken } from './tokens.js';

/** A session ends after two hours without activity, and after twelve hours whatever happens. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most once a minute, not on every request. */
const TOUCH_MS = 60 * 1000;

export interface SessionUser {
  userId: number;
  email: string;
  name: string;
  role: UserRole;
  organisationIds: number[];
}

/** Starts a new session for the user and returns the token for the cookie (never stored). */
export async function createSession(
  ctx: Ctx,
  input: { userId: number; ip?: string | null; userAgent?: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  await ctx.db.insert(sessions).values({
    id: hashToken(token),
    userId: input.userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

/**
 * The user behind a session token, or null when the token is unknown, revoked, idle too long,
 * past its absolute end, or its user is disabled. A live session's last use is recorded.
 */
export async function loadSession(ctx: Ctx, token: string): Promise<SessionUser | null> {
  if (!isTokenShaped(token)) return null;
  const id = hashToken(token);
  const [row] = await ctx.db
    .select({
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      userId: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row || row.revokedAt || row.disabledAt) return null;
  const now = ctx.now().getTime();
  if (now >= row.expiresAt.getTime()) return null;
  if (now - row.lastSeenAt.getTime() >= SESSION_IDLE_MS) return null;
  if (now - row.lastSeenAt.getTime() >= TOUCH_MS) {
    await ctx.db.update(sessions).set({ lastSeenAt: ctx.now() }).where(eq(sessions.id, id));
  }
  const orgs = await ctx.db
    .select({ organisationId: memberships.organisationId })
    .from(memberships)
    .where(eq(memberships.userId, row.userId));
  return {
    userId: row.userId,
    email: row.email,
    name: row.name,
    role: row.role,
    organisationIds: orgs.map((o) => o.organisationId).sort((a, b) => a - b),
  };
}

/** The domain actor of a signed-in user. */
export function actorFor(user: SessionUser): Actor {
  return {
    kind: 'user',
    userId: user.userId,
    role: user.role,
    organisationIds: user.organisationIds,
    label: `user:${user.email}`,
  };
}

/** Ends one session (sign-out). */
export async function revokeSession(ctx: Ctx, token: string): Promise<void> {
  if (!isTokenShaped(token)) return;
  await ctx.db
    .update(sessions)
    .set({ revokedAt: ctx.now() })
    .where(and(eq(sessions.id, hashToken(token)), isNull(sessions.revokedAt)));
}

/** Ends every session of a user ("sign out everywhere", a password change, a role change). */
export async function revokeAllSessions(ctx: Ctx, userId: number, reason: string): Promise<void> {
  await ctx.db
    .update(sessions)
    .set({ revokedAt: ctx.now() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  await recordAuditEvent(ctx, {
    action: 'user.sessions_revoked',
    entityType: 'user',
    entityId: userId,
    after: { reason },
  });
}
