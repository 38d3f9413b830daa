import { and, eq, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm';
import {
  idempotencyKeys,
  invitations,
  jobs,
  loginAttempts,
  passwordResets,
  sessions,
} from '../db/schema/index.js';
import { IDEMPOTENCY_KEYS_KEPT_MS } from '../domain/access/idempotency.js';
import { purgeHalfSessions } from '../domain/actors/secondFactor/removeSecondFactors.js';
import { recordAuditEvent } from '../domain/audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../domain/context.js';
import { MAIL_SEND } from '../mail/outbox.js';

export const PURGE_ACCOUNTS = 'purge-accounts';

/** Ended sessions, spent links and accepted or lapsed invitations are kept this long, then deleted. */
export const PURGE_AFTER_DAYS = 30;
/** Failed sign-ins matter for fifteen minutes; a day is plenty for looking into an attack. */
export const LOGIN_ATTEMPTS_KEPT_MS = 24 * 60 * 60 * 1000;

export interface PurgeCounts {
  sessions: number;
  loginAttempts: number;
  passwordResets: number;
  invitations: number;
  idempotencyKeys: number;
  mails: number;
  /** Half sessions between password and second factor, and passkey challenges. */
  halfSessions: number;
}

/**
 * Deletes what only served signing in or retrying and has served its purpose: sessions that
 * ended (revoked or past their absolute expiry) more than `days` ago, failed sign-ins older than
 * a day, reset links used or expired more than `days` ago, invitations accepted or expired more
 * than `days` ago, write-API idempotency keys past their retention (a day), the outbox's rows of mail
 * delivered or given up more than `days` ago (they name the recipient), and half sessions and
 * passkey challenges a day after they ended. Live sessions
 * and open links are never touched. The counts are audited.
 */
export async function purgeAccountData(
  ctx: Ctx,
  options: { days?: number } = {},
): Promise<PurgeCounts> {
  const days = options.days ?? PURGE_AFTER_DAYS;
  const now = ctx.now().getTime();
  const cutoff = new Date(now - days * 24 * 60 * 60 * 1000);
  return inTransaction(ctx, async (tx) => {
    const s = await tx.db
      .delete(sessions)
      .where(
        or(
          and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, cutoff)),
          lt(sessions.expiresAt, cutoff),
        ),
      )
      .returning({ id: sessions.id });
    const l = await tx.db
      .delete(loginAttempts)
      .where(lt(loginAttempts.at, new Date(now - LOGIN_ATTEMPTS_KEPT_MS)))
      .returning({ id: loginAttempts.id });
    const r = await tx.db
      .delete(passwordResets)
      .where(or(lt(passwordResets.usedAt, cutoff), lt(passwordResets.expiresAt, cutoff)))
      .returning({ id: passwordResets.id });
    const i = await tx.db
      .delete(invitations)
      .where(
        or(
          lt(invitations.acceptedAt, cutoff),
          and(isNull(invitations.acceptedAt), lt(invitations.expiresAt, cutoff)),
        ),
      )
      .returning({ id: invitations.id });
    const k = await tx.db
      .delete(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, new Date(now - IDEMPOTENCY_KEYS_KEPT_MS)))
      .returning({ key: idempotencyKeys.key });
    const m = await tx.db
      .delete(jobs)
      .where(
        and(
          eq(jobs.kind, MAIL_SEND),
          inArray(jobs.status, ['done', 'failed']),
          lt(jobs.finishedAt, cutoff),
        ),
      )
      .returning({ id: jobs.id });
    const counts = {
      sessions: s.length,
      loginAttempts: l.length,
      passwordResets: r.length,
      invitations: i.length,
      idempotencyKeys: k.length,
      mails: m.length,
      halfSessions: await purgeHalfSessions(tx.db, ctx.now()),
    };
    await recordAuditEvent(tx, {
      action: 'accounts.purged',
      entityType: 'system',
      entityId: PURGE_ACCOUNTS,
      after: { ...counts, days },
    });
    return counts;
  });
}
