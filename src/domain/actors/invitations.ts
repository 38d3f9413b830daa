import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { invitations, memberships, organisations, users } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError } from '../errors.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';
import { userRoles } from './addUser.js';
import { checkPasswordRules, hashPassword } from './passwords.js';
import { can } from './policies.js';
import { hashToken, isTokenShaped, newToken } from './tokens.js';

/** An invitation link is valid for seven days. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const inviteSchema = z.object({
  email: z
    .email({ error: 'Ange en giltig e-postadress.' })
    .transform((v) => v.trim().toLowerCase()),
  role: z.enum(userRoles, { error: `Rollen ska vara en av: ${userRoles.join(', ')}.` }),
  organisationSlug: z.string().trim().min(1).nullish(),
});

/** Invites a person by email to an account with a role and, optionally, an organisation. */
export async function inviteUser(
  ctx: Ctx,
  input: z.input<typeof inviteSchema>,
): Promise<Result<{ token: string; email: string; expiresAt: Date }>> {
  if (!can(ctx.actor, 'users.invite')) throw new ForbiddenError();
  const parsed = parseInput(inviteSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const [existing] = await tx.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, v.email));
    if (existing)
      return fail([issue('email', 'Det finns redan ett konto med den e-postadressen.', 'taken')]);
    let organisationId: number | null = null;
    if (v.organisationSlug) {
      const [org] = await tx.db
        .select({ id: organisations.id })
        .from(organisations)
        .where(eq(organisations.slug, v.organisationSlug));
      if (!org) return fail([issue('org', 'Organisationen finns inte.', 'unknown')]);
      organisationId = org.id;
    }
    const token = newToken();
    const expiresAt = new Date(ctx.now().getTime() + INVITATION_TTL_MS);
    const [row] = await tx.db
      .insert(invitations)
      .values({
        tokenHash: hashToken(token),
        email: v.email,
        role: v.role,
        organisationId,
        invitedByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        createdAt: ctx.now(),
        expiresAt,
      })
      .returning({ id: invitations.id });
    await recordAuditEvent(tx, {
      action: 'invitation.created',
      entityType: 'invitation',
      entityId: row!.id,
      after: { email: v.email, role: v.role, organisationId },
    });
    return ok({ token, email: v.email, expiresAt });
  });
}

/** The open invitation behind a token, or null when it is unknown, used or expired. */
export async function findInvitation(ctx: Ctx, token: string) {
  if (!isTokenShaped(token)) return null;
  const [row] = await ctx.db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      organisationId: invitations.organisationId,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, ctx.now()),
      ),
    );
  return row ?? null;
}

/** Accepts an invitation: creates the account with the chosen password and its membership. */
export async function acceptInvitation(
  ctx: Ctx,
  input: { token: string; name: string; password: string },
): Promise<Result<{ userId: number }> | null> {
  return inTransaction(ctx, async (tx) => {
    const inv = await findInvitation(tx, input.token);
    if (!inv) return null;
    const problems = checkPasswordRules(input.password, inv.email);
    if (problems.length > 0) return fail(problems);
    const [taken] = await tx.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, inv.email));
    if (taken)
      return fail([issue('email', 'Det finns redan ett konto med den e-postadressen.', 'taken')]);
    const [user] = await tx.db
      .insert(users)
      .values({
        email: inv.email,
        name: input.name.trim().slice(0, 200),
        role: inv.role,
        passwordHash: await hashPassword(input.password),
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .returning({ id: users.id });
    if (inv.organisationId) {
      await tx.db
        .insert(memberships)
        .values({ userId: user!.id, organisationId: inv.organisationId });
    }
    await tx.db
      .update(invitations)
      .set({ acceptedAt: ctx.now() })
      .where(eq(invitations.id, inv.id));
    await recordAuditEvent(tx, {
      action: 'invitation.accepted',
      entityType: 'user',
      entityId: user!.id,
      after: { email: inv.email, role: inv.role, organisationId: inv.organisationId },
    });
    return ok({ userId: user!.id });
  });
}
