import { randomInt } from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import { recoveryCodes } from '../../../db/schema/index.js';
import { recordAuditEvent } from '../../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../../context.js';
import { hashToken } from '../tokens.js';

export const RECOVERY_CODE_COUNT = 10;
/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** One code: three groups of four, about 59 bits of randomness (e.g. "k7dp-3mxa-q9rt"). */
export function newRecoveryCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let s = '';
    for (let i = 0; i < GROUP_LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

/** A code as typed (any case, spaces or dashes) in the one form that is hashed. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, '');
}

/** Whether the input looks like a recovery code rather than a six-digit TOTP code. */
export const isRecoveryCodeShaped = (code: string) =>
  new RegExp(`^[${ALPHABET}]{${GROUPS * GROUP_LENGTH}}$`).test(normaliseRecoveryCode(code));

/** High-entropy, single-use codes: SHA-256 is enough, a slow hash would add nothing. */
export const hashRecoveryCode = (code: string) => hashToken(normaliseRecoveryCode(code));

/**
 * Replaces the user's recovery codes with ten new ones and returns them, to show once. The old
 * codes, used or not, stop working.
 */
export async function replaceRecoveryCodes(ctx: Ctx, userId: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await inTransaction(ctx, async (tx) => {
    await tx.db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.db
      .insert(recoveryCodes)
      .values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c), createdAt: tx.now() })));
    await recordAuditEvent(tx, {
      action: 'user.recovery_codes_generated',
      entityType: 'user',
      entityId: userId,
    });
  });
  return codes;
}

/** Uses a recovery code: true once for each code, false for anything else. */
export async function useRecoveryCode(ctx: Ctx, userId: number, code: string): Promise<boolean> {
  if (!isRecoveryCodeShaped(code)) return false;
  return inTransaction(ctx, async (tx) => {
    const used = await tx.db
      .update(recoveryCodes)
      .set({ usedAt: tx.now() })
      .where(
        and(
          eq(recoveryCodes.userId, userId),
          eq(recoveryCodes.codeHash, hashRecoveryCode(code)),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ id: recoveryCodes.id });
    if (used.length === 0) return false;
    await recordAuditEvent(tx, {
      action: 'user.recovery_code_used',
      entityType: 'user',
      entityId: userId,
    });
    return true;
  });
}

/** How many unused recovery codes the user has left. */
export async function recoveryCodesLeft(ctx: Ctx, userId: number): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}
