import { and, eq } from 'drizzle-orm';
import { membershipRole, memberships, organisations, users } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { fail, issue, ok, type Result } from '../result.js';
import { can } from './policies.js';

export const membershipRoles = membershipRole.enumValues;
export type MembershipRole = (typeof membershipRoles)[number];

const isRole = (v: string): v is MembershipRole =>
  (membershipRoles as readonly string[]).includes(v);
const roleIssue = () =>
  issue(
    'role',
    `Rollen i organisationen ska vara en av: ${membershipRoles.join(', ')}.`,
    'invalid_role',
  );

async function organisationExists(ctx: Ctx, id: number) {
  const [org] = await ctx.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, id));
  if (!org) throw new NotFoundError();
}

/** Makes an existing user (by email) a member of the organisation with a role. */
export async function addMember(
  ctx: Ctx,
  input: { organisationId: number; email: string; role: string },
): Promise<Result<{ userId: number }>> {
  if (!can(ctx.actor, 'organisations.manage')) throw new ForbiddenError();
  if (!isRole(input.role)) return fail([roleIssue()]);
  const role = input.role;
  const email = input.email.trim().toLowerCase();
  return inTransaction(ctx, async (tx) => {
    await organisationExists(tx, input.organisationId);
    const [user] = await tx.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!user) {
      return fail([
        issue(
          'email',
          'Det finns ingen användare med den e-postadressen. Bjud in personen i stället.',
          'unknown',
        ),
      ]);
    }
    const inserted = await tx.db
      .insert(memberships)
      .values({ userId: user.id, organisationId: input.organisationId, role, createdAt: ctx.now() })
      .onConflictDoNothing()
      .returning({ userId: memberships.userId });
    if (inserted.length === 0) {
      return fail([issue('email', 'Användaren är redan medlem i organisationen.', 'exists')]);
    }
    await recordAuditEvent(tx, {
      action: 'membership.added',
      entityType: 'user',
      entityId: user.id,
      after: { organisationId: input.organisationId, role },
    });
    return ok({ userId: user.id });
  });
}

/** Changes a member's role in the organisation. */
export async function setMemberRole(
  ctx: Ctx,
  input: { organisationId: number; userId: number; role: string },
): Promise<Result<{ userId: number }>> {
  if (!can(ctx.actor, 'organisations.manage')) throw new ForbiddenError();
  if (!isRole(input.role)) return fail([roleIssue()]);
  const role = input.role;
  return inTransaction(ctx, async (tx) => {
    const where = and(
      eq(memberships.organisationId, input.organisationId),
      eq(memberships.userId, input.userId),
    );
    const [row] = await tx.db.select({ role: memberships.role }).from(memberships).where(where);
    if (!row) throw new NotFoundError();
    if (row.role !== role) {
      await tx.db.update(memberships).set({ role }).where(where);
      await recordAuditEvent(tx, {
        action: 'membership.role_changed',
        entityType: 'user',
        entityId: input.userId,
        before: { organisationId: input.organisationId, role: row.role },
        after: { organisationId: input.organisationId, role },
      });
    }
    return ok({ userId: input.userId });
  });
}

/** Ends a membership; the user keeps the account. */
export async function removeMember(
  ctx: Ctx,
  input: { organisationId: number; userId: number },
): Promise<void> {
  if (!can(ctx.actor, 'organisations.manage')) throw new ForbiddenError();
  await inTransaction(ctx, async (tx) => {
    const removed = await tx.db
      .delete(memberships)
      .where(
        and(
          eq(memberships.organisationId, input.organisationId),
          eq(memberships.userId, input.userId),
        ),
      )
      .returning({ role: memberships.role });
    if (removed.length === 0) throw new NotFoundError();
    await recordAuditEvent(tx, {
      action: 'membership.removed',
      entityType: 'user',
      entityId: input.userId,
      before: { organisationId: input.organisationId, role: removed[0]!.role },
    });
  });
}
