import { eq } from 'drizzle-orm';
import { memberships, organisations } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError } from '../errors.js';
import { fail, issue, ok, type Result } from '../result.js';
import { can } from './policies.js';

/** Makes a user a member of an organisation (named by slug); a repeat is harmless. */
export async function addMembership(
  ctx: Ctx,
  input: { userId: number; organisationSlug: string },
): Promise<Result<{ organisationId: number }>> {
  if (!can(ctx.actor, 'users.manage')) throw new ForbiddenError();
  return inTransaction(ctx, async (tx) => {
    const [org] = await tx.db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.slug, input.organisationSlug.trim()));
    if (!org) return fail([issue('org', 'Organisationen finns inte.', 'unknown')]);
    const inserted = await tx.db
      .insert(memberships)
      .values({ userId: input.userId, organisationId: org.id })
      .onConflictDoNothing()
      .returning({ userId: memberships.userId });
    if (inserted.length > 0) {
      await recordAuditEvent(tx, {
        action: 'membership.added',
        entityType: 'user',
        entityId: input.userId,
        after: { organisationId: org.id },
      });
    }
    return ok({ organisationId: org.id });
  });
}
