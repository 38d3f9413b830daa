import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import {
  passkeyCredentials,
  pendingSignIns,
  recoveryCodes,
  totpSecrets,
} from '../../../db/schema/index.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export interface SecondFactorExtract {
  secondFactors: {
    kind: 'totp' | 'recovery_code' | 'passkey';
    name: string;
    createdAt: string;
    confirmedAt: string | null;
    usedAt: string | null;
  }[];
  halfSignIns: {
    createdAt: string;
    expiresAt: string;
    endedAt: string | null;
    failedAttempts: number;
    ip: string | null;
    userAgent: string | null;
  }[];
}

/**
 * What a register extract says of a user's second factors: that they exist and when they were
 * made and used, never a secret, a code's hash or a public key; and the half sessions with the
 * address and browser they came from.
 */
export async function extractSecondFactors(db: Db, userId: number): Promise<SecondFactorExtract> {
  const totp = await db.select().from(totpSecrets).where(eq(totpSecrets.userId, userId));
  const codes = await db
    .select()
    .from(recoveryCodes)
    .where(eq(recoveryCodes.userId, userId))
    .orderBy(asc(recoveryCodes.id));
  const keys = await db
    .select()
    .from(passkeyCredentials)
    .where(eq(passkeyCredentials.userId, userId))
    .orderBy(asc(passkeyCredentials.createdAt));
  const half = await db
    .select()
    .from(pendingSignIns)
    .where(eq(pendingSignIns.userId, userId))
    .orderBy(asc(pendingSignIns.createdAt));
  return {
    secondFactors: [
      ...totp.map((t) => ({
        kind: 'totp' as const,
        name: 'Autentiseringsapp',
        createdAt: t.createdAt.toISOString(),
        confirmedAt: iso(t.confirmedAt),
        usedAt: null,
      })),
      ...codes.map((c) => ({
        kind: 'recovery_code' as const,
        name: 'Reservkod',
        createdAt: c.createdAt.toISOString(),
        confirmedAt: null,
        usedAt: iso(c.usedAt),
      })),
      ...keys.map((k) => ({
        kind: 'passkey' as const,
        name: k.name,
        createdAt: k.createdAt.toISOString(),
        confirmedAt: null,
        usedAt: iso(k.lastUsedAt),
      })),
    ],
    halfSignIns: half.map((h) => ({
      createdAt: h.createdAt.toISOString(),
      expiresAt: h.expiresAt.toISOString(),
      endedAt: iso(h.endedAt),
      failedAttempts: h.failedAttempts,
      ip: h.ip,
      userAgent: h.userAgent,
    })),
  };
}
