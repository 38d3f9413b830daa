import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { singleLineText } from '../text/plainText.js';
import type { Db } from '../../db/client.js';
import { apiTokens, memberships, organisations, users } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Actor, type Ctx } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { ok, parseInput, type Result } from '../result.js';

/**
 * API tokens: an organisation's own systems use the write API with a bearer token that a member
 * of the organisation created in the admin. The token is shown once; only its SHA-256 is stored
 * with a short prefix to recognise it by. A token acts for its organisation only, as the member
 * who created it, and stops working when revoked or when that member leaves the organisation.
 */

export const TOKEN_PREFIX = 'rkt_';
/** `rkt_` + 43 base64url characters (32 random bytes). */
const TOKEN_SHAPE = /^rkt_[A-Za-z0-9_-]{43}$/;
/** How many characters of the token the list shows. */
const SHOWN = 10;

export const hashApiToken = (token: string) => createHash('sha256').update(token).digest('hex');

const isEditingMember = (actor: Actor, organisationId: number) =>
  actor.kind === 'user' &&
  actor.role !== 'analytiker' &&
  actor.organisationIds.includes(organisationId);

/**
 * Who may do what with tokens. Members who edit create their organisation's tokens (a token acts
 * as its creator's membership, so only a member can make one that works); members and
 * administrators see and revoke them, so an administrator can stop a leaked token.
 */
export const apiTokenPolicy = {
  create: isEditingMember,
  revoke(actor: Actor, organisationId: number): boolean {
    return (
      (actor.kind === 'user' && actor.role === 'admin') || isEditingMember(actor, organisationId)
    );
  },
  /** Whether the actor has the token page at all. */
  page(actor: Actor): boolean {
    if (actor.kind !== 'user') return false;
    return (
      actor.role === 'admin' || (actor.role !== 'analytiker' && actor.organisationIds.length > 0)
    );
  },
};

export const apiTokenSchema = z.object({
  organisationId: z.number({ error: 'Välj organisation.' }).int().positive('Välj organisation.'),
  name: singleLineText()
    .trim()
    .min(2, 'Ge nyckeln ett namn på minst två tecken, t.ex. systemets namn.')
    .max(100, 'Högst 100 tecken.'),
});

export type ApiTokenInput = z.input<typeof apiTokenSchema>;

/** Creates a token; the returned `token` is the only time it exists in clear text. */
export async function createApiToken(
  ctx: Ctx,
  input: ApiTokenInput,
): Promise<Result<{ id: number; token: string; prefix: string }>> {
  const parsed = parseInput(apiTokenSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (ctx.actor.kind !== 'user') throw new ForbiddenError('API-nycklar skapas av en användare.');
  if (!apiTokenPolicy.create(ctx.actor, v.organisationId)) {
    throw new ForbiddenError('Du kan bara skapa API-nycklar för din egen organisation.');
  }
  const userId = ctx.actor.userId;
  return inTransaction(ctx, async (tx) => {
    const [org] = await tx.db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.id, v.organisationId));
    if (!org) throw new NotFoundError('Organisationen finns inte.');
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const prefix = token.slice(0, SHOWN);
    const [row] = await tx.db
      .insert(apiTokens)
      .values({
        organisationId: v.organisationId,
        name: v.name,
        tokenHash: hashApiToken(token),
        prefix,
        createdByUserId: userId,
        createdAt: ctx.now(),
      })
      .returning({ id: apiTokens.id });
    await recordAuditEvent(tx, {
      action: 'api_token.created',
      entityType: 'api_token',
      entityId: row!.id,
      after: { organisationId: v.organisationId, name: v.name, prefix },
    });
    return ok({ id: row!.id, token, prefix });
  });
}

/** Revokes a token at once; a revoked token is kept (never deleted) and answers 401. */
export async function revokeApiToken(ctx: Ctx, id: number): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db.select().from(apiTokens).where(eq(apiTokens.id, id)).for('update');
    if (!row || !apiTokenPolicy.revoke(ctx.actor, row.organisationId)) {
      throw new NotFoundError('API-nyckeln finns inte.');
    }
    if (row.revokedAt) return;
    await tx.db.update(apiTokens).set({ revokedAt: ctx.now() }).where(eq(apiTokens.id, id));
    await recordAuditEvent(tx, {
      action: 'api_token.revoked',
      entityType: 'api_token',
      entityId: id,
      before: { revokedAt: null },
      after: { revokedAt: ctx.now(), name: row.name, prefix: row.prefix },
    });
  });
}

export interface ApiTokenRow {
  id: number;
  organisationId: number;
  organisationName: string;
  name: string;
  prefix: string;
  createdAt: Date;
  createdBy: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The tokens the actor manages: their organisations' (all of them for an admin). */
export async function listApiTokens(db: Db, actor: Actor): Promise<ApiTokenRow[]> {
  if (actor.kind !== 'user') return [];
  const scope =
    actor.role === 'admin'
      ? undefined
      : actor.role === 'analytiker' || actor.organisationIds.length === 0
        ? null
        : inArray(apiTokens.organisationId, actor.organisationIds);
  if (scope === null) return [];
  return db
    .select({
      id: apiTokens.id,
      organisationId: apiTokens.organisationId,
      organisationName: organisations.name,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      createdBy: users.name,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(organisations, eq(organisations.id, apiTokens.organisationId))
    .innerJoin(users, eq(users.id, apiTokens.createdByUserId))
    .where(scope)
    .orderBy(asc(organisations.name), desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** The organisations the actor may create tokens for. */
export async function tokenOrganisations(
  db: Db,
  actor: Actor,
): Promise<{ id: number; name: string }[]> {
  if (actor.kind !== 'user' || actor.role === 'analytiker') return [];
  if (actor.organisationIds.length === 0) return [];
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(inArray(organisations.id, actor.organisationIds), isNull(organisations.archivedAt)))
    .orderBy(asc(organisations.name));
}

export interface TokenPrincipal {
  tokenId: number;
  organisationId: number;
  actor: Actor;
}

/**
 * The principal of a bearer token, or null when it is unknown, revoked, or its creator is no
 * longer an active member of the organisation. Records when the token was last used.
 */
export async function authenticateApiToken(
  db: Db,
  token: string,
  now: Date,
): Promise<TokenPrincipal | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      organisationId: apiTokens.organisationId,
      userId: apiTokens.createdByUserId,
      revokedAt: apiTokens.revokedAt,
      disabledAt: users.disabledAt,
      anonymisedAt: users.anonymisedAt,
      member: memberships.userId,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdByUserId))
    .leftJoin(
      memberships,
      and(
        eq(memberships.userId, apiTokens.createdByUserId),
        eq(memberships.organisationId, apiTokens.organisationId),
      ),
    )
    .where(eq(apiTokens.tokenHash, hashApiToken(token)));
  if (!row || row.revokedAt || row.disabledAt || row.anonymisedAt || row.member === null) {
    return null;
  }
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  return {
    tokenId: row.id,
    organisationId: row.organisationId,
    actor: {
      kind: 'user',
      userId: row.userId,
      // The token acts as a member of its organisation, whatever the creator's own role.
      role: 'aktor',
      organisationIds: [row.organisationId],
      label: `api-token:${row.id}:${row.name}`,
    },
  };
}
