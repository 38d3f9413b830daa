import { and, eq, isNotNull } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { passkeyCredentials, recoveryCodes, totpSecrets } from '../../../db/schema/index.js';
import { recordAuditEvent } from '../../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../../context.js';

/** RFC 6238 with the parameters every authenticator app understands. */
export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
/** A code one step before or after the current one is accepted (clock drift of ±30 s). */
export const TOTP_WINDOW = 1;
const ISSUER = 'Riktning';

/** A new random secret (160 bits, as RFC 4226 recommends), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, label = '') {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_S,
    secret: Secret.fromBase32(secret),
  });
}

/** The otpauth:// URI an authenticator app reads (from a QR code or pasted). */
export function totpUri(secret: string, accountLabel: string): string {
  return totpOf(secret, accountLabel).toString();
}

/** The code for a moment; tests and the demo seed use it, the server only verifies. */
export function totpCode(secret: string, at: Date): string {
  return totpOf(secret).generate({ timestamp: at.getTime() });
}

/** The time step of a moment. */
export const totpStep = (at: Date) => Math.floor(at.getTime() / 1000 / TOTP_PERIOD_S);

/**
 * Checks a code against a secret at a moment: the matching time step, or null. A code whose step
 * is not after the last one used is refused, so a code works once even inside its window.
 */
export function checkTotp(
  secret: string,
  code: string,
  at: Date,
  lastUsedStep: number | null,
): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(secret).validate({ token, timestamp: at.getTime(), window: TOTP_WINDOW });
  if (delta === null) return null;
  const step = totpStep(at) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return null;
  return step;
}

/** Whether the user has a confirmed TOTP secret. */
export async function hasConfirmedTotp(ctx: Ctx, userId: number): Promise<boolean> {
  const [row] = await ctx.db
    .select({ userId: totpSecrets.userId })
    .from(totpSecrets)
    .where(and(eq(totpSecrets.userId, userId), isNotNull(totpSecrets.confirmedAt)));
  return row !== undefined;
}

/**
 * The secret of an enrolment in progress: a new one, or the unconfirmed one from before (the
 * enrolment page may be reloaded). Null when a confirmed secret exists: it is never shown again.
 */
export async function pendingTotpSecret(ctx: Ctx, userId: number): Promise<string | null> {
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .select({ secret: totpSecrets.secret, confirmedAt: totpSecrets.confirmedAt })
      .from(totpSecrets)
      .where(eq(totpSecrets.userId, userId))
      .for('update');
    if (row?.confirmedAt) return null;
    if (row) return row.secret;
    const secret = newTotpSecret();
    await tx.db.insert(totpSecrets).values({ userId, secret, createdAt: tx.now() });
    return secret;
  });
}

/** Confirms an enrolment with a first code from the app. */
export async function confirmTotp(ctx: Ctx, userId: number, code: string): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .select()
      .from(totpSecrets)
      .where(eq(totpSecrets.userId, userId))
      .for('update');
    if (!row || row.confirmedAt) return false;
    const step = checkTotp(row.secret, code, tx.now(), null);
    if (step === null) return false;
    await tx.db
      .update(totpSecrets)
      .set({ confirmedAt: tx.now(), lastUsedStep: step })
      .where(eq(totpSecrets.userId, userId));
    await recordAuditEvent(tx, {
      action: 'user.totp_enrolled',
      entityType: 'user',
      entityId: userId,
    });
    return true;
  });
}

/** Verifies a sign-in code and marks its step used; false for a wrong or replayed code. */
export async function verifyTotp(ctx: Ctx, userId: number, code: string): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .select()
      .from(totpSecrets)
      .where(and(eq(totpSecrets.userId, userId), isNotNull(totpSecrets.confirmedAt)))
      .for('update');
    if (!row) return false;
    const step = checkTotp(row.secret, code, tx.now(), row.lastUsedStep);
    if (step === null) return false;
    await tx.db
      .update(totpSecrets)
      .set({ lastUsedStep: step })
      .where(eq(totpSecrets.userId, userId));
    return true;
  });
}

/**
 * Removes the user's TOTP secret (the user turns it off); with no passkey left, the recovery
 * codes go too, since there is no second step left for them to stand in for.
 */
export async function removeTotp(ctx: Ctx, userId: number): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await tx.db.delete(totpSecrets).where(eq(totpSecrets.userId, userId));
    const [key] = await tx.db
      .select({ id: passkeyCredentials.id })
      .from(passkeyCredentials)
      .where(eq(passkeyCredentials.userId, userId))
      .limit(1);
    if (!key) await tx.db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await recordAuditEvent(tx, {
      action: 'user.totp_removed',
      entityType: 'user',
      entityId: userId,
    });
  });
}
