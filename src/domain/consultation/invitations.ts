import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { consultationInvitees, memberships, organisations, users } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError } from '../errors.js';
import { fail, issue, ok, type Result } from '../result.js';
import { loadConsultation } from './consultations.js';
import { consultationPolicy, effectiveStatus, manageForbidden } from './policies.js';

export interface InvitationRecipient {
  organisationId: number;
  organisationName: string;
  email: string;
}

/**
 * Invites organisations to respond (remissinstanser). Each organisation is invited once; the
 * result lists the active members to email, which the caller sends after the commit.
 */
export async function inviteOrganisations(
  ctx: Ctx,
  input: { consultationId: number; organisationIds: number[] },
): Promise<Result<{ invited: number; recipients: InvitationRecipient[] }>> {
  if (!consultationPolicy.manage(ctx.actor)) throw new ForbiddenError(manageForbidden);
  const ids = [...new Set(input.organisationIds.filter((n) => Number.isSafeInteger(n) && n > 0))];
  if (ids.length === 0) {
    return fail([issue('organisationIds', 'Välj minst en organisation att bjuda in.', 'missing')]);
  }
  return inTransaction(ctx, async (tx) => {
    const c = await loadConsultation(tx, input.consultationId);
    const status = effectiveStatus(c, ctx.now());
    if (status === 'stangd' || status === 'sammanstalld') {
      return fail([
        issue('organisationIds', 'Samrådet är stängt; inga fler kan bjudas in.', 'closed'),
      ]);
    }
    const orgs = await tx.db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(and(inArray(organisations.id, ids), isNull(organisations.archivedAt)));
    if (orgs.length !== ids.length) {
      return fail([issue('organisationIds', 'En vald organisation finns inte.', 'unknown')]);
    }
    const already = new Set(
      (
        await tx.db
          .select({ id: consultationInvitees.organisationId })
          .from(consultationInvitees)
          .where(eq(consultationInvitees.consultationId, c.id))
      ).map((r) => r.id),
    );
    const fresh = orgs.filter((o) => !already.has(o.id));
    if (fresh.length === 0) return ok({ invited: 0, recipients: [] });
    const now = ctx.now();
    const recipients = await memberEmails(
      tx.db,
      fresh.map((o) => o.id),
    );
    const mailed = new Set(recipients.map((r) => r.organisationId));
    await tx.db.insert(consultationInvitees).values(
      fresh.map((o) => ({
        consultationId: c.id,
        organisationId: o.id,
        invitedAt: now,
        emailedAt: mailed.has(o.id) ? now : null,
      })),
    );
    await recordAuditEvent(tx, {
      action: 'consultation.organisations_invited',
      entityType: 'consultation',
      entityId: c.id,
      after: {
        organisations: fresh.map((o) => ({ id: o.id, name: o.name })),
        mailedMembers: recipients.length,
      },
    });
    return ok({ invited: fresh.length, recipients });
  });
}

async function memberEmails(db: Db, organisationIds: number[]): Promise<InvitationRecipient[]> {
  return db
    .select({
      organisationId: organisations.id,
      organisationName: organisations.name,
      email: users.email,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(
      and(
        inArray(memberships.organisationId, organisationIds),
        isNull(users.disabledAt),
        isNull(users.anonymisedAt),
      ),
    )
    .orderBy(asc(organisations.name), asc(users.email));
}
