import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { passkeyChallenges, passkeyCredentials, pendingSignIns } from '../../../db/schema/index.js';
import { recordAuditEvent } from '../../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../../context.js';
import { completePendingSignIn, type PendingSignIn } from './pendingSignIns.js';
import { recordSecondFactorFailure, secondFactorBlocked } from './verifySecondFactor.js';

/** The relying party is the service's public address (RIKTNING_PUBLIC_URL), never a header. */
export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

/** The relying party of a public URL; null without one, and then passkeys are not offered. */
export function relyingPartyOf(publicUrl: string | null): RelyingParty | null {
  if (!publicUrl) return null;
  const url = new URL(publicUrl);
  return { id: url.hostname, origin: url.origin, name: 'Riktning' };
}

const CHALLENGE_TTL_MS = 5 * 60 * 1000;
const TIMEOUT_MS = 120_000;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

export interface PasskeySummary {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export async function listPasskeys(ctx: Ctx, userId: number): Promise<PasskeySummary[]> {
  return ctx.db
    .select({
      id: passkeyCredentials.id,
      name: passkeyCredentials.name,
      createdAt: passkeyCredentials.createdAt,
      lastUsedAt: passkeyCredentials.lastUsedAt,
    })
    .from(passkeyCredentials)
    .where(eq(passkeyCredentials.userId, userId))
    .orderBy(passkeyCredentials.createdAt);
}

async function credentialsOf(ctx: Ctx, userId: number) {
  const rows = await ctx.db
    .select({ id: passkeyCredentials.id, transports: passkeyCredentials.transports })
    .from(passkeyCredentials)
    .where(eq(passkeyCredentials.userId, userId));
  return rows.map((r) => ({
    id: r.id,
    transports: r.transports as AuthenticatorTransportFuture[],
  }));
}

/** Options for registering a passkey from the account page; the challenge is kept five minutes. */
export async function passkeyRegistrationOptions(
  ctx: Ctx,
  rp: RelyingParty,
  user: { userId: number; email: string; name: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name || user.email,
    userID: new TextEncoder().encode(`riktning-user-${user.userId}`),
    attestationType: 'none',
    excludeCredentials: await credentialsOf(ctx, user.userId),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    timeout: TIMEOUT_MS,
  });
  await ctx.db.insert(passkeyChallenges).values({
    userId: user.userId,
    challenge: options.challenge,
    createdAt: ctx.now(),
    expiresAt: new Date(ctx.now().getTime() + CHALLENGE_TTL_MS),
  });
  return options;
}

/** Verifies a registration against the user's latest open challenge and keeps the public key. */
export async function registerPasskey(
  ctx: Ctx,
  rp: RelyingParty,
  input: { userId: number; response: RegistrationResponseJSON; name: string },
): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    const [challenge] = await tx.db
      .select({ id: passkeyChallenges.id, challenge: passkeyChallenges.challenge })
      .from(passkeyChallenges)
      .where(
        and(
          eq(passkeyChallenges.userId, input.userId),
          isNull(passkeyChallenges.usedAt),
          gt(passkeyChallenges.expiresAt, tx.now()),
        ),
      )
      .orderBy(desc(passkeyChallenges.id))
      .limit(1);
    if (!challenge) return false;
    await tx.db
      .update(passkeyChallenges)
      .set({ usedAt: tx.now() })
      .where(eq(passkeyChallenges.id, challenge.id));
    const result = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    }).catch(() => null);
    if (!result?.verified) return false;
    const { credential } = result.registrationInfo;
    const [existing] = await tx.db
      .select({ id: passkeyCredentials.id })
      .from(passkeyCredentials)
      .where(eq(passkeyCredentials.id, credential.id));
    if (existing) return false;
    await tx.db.insert(passkeyCredentials).values({
      id: credential.id,
      userId: input.userId,
      publicKey: b64(credential.publicKey),
      signCount: credential.counter,
      transports: credential.transports ?? [],
      name: input.name.trim().slice(0, 100) || 'Nyckel',
      createdAt: tx.now(),
    });
    await recordAuditEvent(tx, {
      action: 'user.passkey_registered',
      entityType: 'user',
      entityId: input.userId,
    });
    return true;
  });
}

/** Options for the passkey step of a half session; the challenge is kept on the half session. */
export async function passkeySignInOptions(
  ctx: Ctx,
  rp: RelyingParty,
  pending: PendingSignIn,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: await credentialsOf(ctx, pending.userId),
    userVerification: 'preferred',
    timeout: TIMEOUT_MS,
  });
  await ctx.db
    .update(pendingSignIns)
    .set({ challenge: options.challenge })
    .where(eq(pendingSignIns.id, pending.id));
  return options;
}

export type PasskeySignInResult =
  | { ok: true; token: string; expiresAt: Date }
  | { ok: false; open: boolean; retryAt?: Date };

/**
 * The passkey step: the assertion must answer the half session's challenge (used once), come
 * from one of the user's own credentials, for this origin and relying party.
 */
export async function verifyPasskeySignIn(
  ctx: Ctx,
  rp: RelyingParty,
  pending: PendingSignIn,
  response: AuthenticationResponseJSON,
): Promise<PasskeySignInResult> {
  const retryAt = await secondFactorBlocked(ctx, pending.userId);
  if (retryAt) return { ok: false, open: true, retryAt };
  const challenge = pending.challenge;
  await ctx.db
    .update(pendingSignIns)
    .set({ challenge: null })
    .where(eq(pendingSignIns.id, pending.id));
  const id = typeof response?.id === 'string' ? response.id : '';
  const [row] = challenge
    ? await ctx.db
        .select()
        .from(passkeyCredentials)
        .where(and(eq(passkeyCredentials.id, id), eq(passkeyCredentials.userId, pending.userId)))
    : [];
  const result = row
    ? await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge!,
        expectedOrigin: rp.origin,
        expectedRPID: rp.id,
        credential: {
          id: row.id,
          publicKey: new Uint8Array(Buffer.from(row.publicKey, 'base64url')),
          counter: row.signCount,
          transports: row.transports as AuthenticatorTransportFuture[],
        },
        requireUserVerification: false,
      }).catch(() => null)
    : null;
  if (!row || !result?.verified) {
    return { ok: false, open: await recordSecondFactorFailure(ctx, pending) };
  }
  await ctx.db
    .update(passkeyCredentials)
    .set({ signCount: result.authenticationInfo.newCounter, lastUsedAt: ctx.now() })
    .where(eq(passkeyCredentials.id, row.id));
  const session = await completePendingSignIn(ctx, pending, 'passkey');
  return session ? { ok: true, ...session } : { ok: false, open: false };
}

/** Removes one of the user's passkeys; false when it is not theirs. */
export async function removePasskey(ctx: Ctx, userId: number, id: string): Promise<boolean> {
  const removed = await ctx.db
    .delete(passkeyCredentials)
    .where(and(eq(passkeyCredentials.id, id), eq(passkeyCredentials.userId, userId)))
    .returning({ id: passkeyCredentials.id });
  if (removed.length === 0) return false;
  await recordAuditEvent(ctx, {
    action: 'user.passkey_removed',
    entityType: 'user',
    entityId: userId,
  });
  return true;
}
