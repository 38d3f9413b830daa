import { and, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  accessibilityReports,
  auditEvents,
  consultationComments,
  initiatives,
  initiativeVersions,
  invitations,
  loginAttempts,
  memberships,
  oidcIdentities,
  passwordResets,
  sessions,
  users,
} from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError } from '../errors.js';
import { fail, issue, ok, type Result } from '../result.js';
import { removeSecondFactors } from '../actors/secondFactor/removeSecondFactors.js';
import { looksLikeEmail, mayHandlePersonalData, normaliseEmail } from './policies.js';

export interface AnonymisedUser {
  userId: number;
  /** The name the audit trail now shows for the person. */
  pseudonym: string;
  pseudonymEmail: string;
  cleared: {
    sessions: number;
    memberships: number;
    signInIdentities: number;
    invitations: number;
    passwordResets: number;
    failedSignIns: number;
    initiativeContacts: number;
    comments: number;
    accessibilityReports: number;
    auditEvents: number;
  };
}

/** The pseudonym of an anonymised user: stable, and says nothing about the person. */
export const pseudonymOf = (userId: number) => ({
  name: `Anonymiserad användare ${userId}`,
  email: `anonymiserad-${userId}@anonymiserad.invalid`,
});

/**
 * Removes a leaving user's personal data and keeps the record of what they did: the user row
 * stays (audit events point at it) with a pseudonym for name and address, no password, no
 * sessions, no sign-in identities or memberships, and `anonymised_at` set. Wherever the address
 * was stored — initiatives' contact, comments, accessibility reports, the audit trail and
 * initiative versions — it is cleared or replaced by the pseudonym. All in one transaction, with
 * an audit event that names the user by id only.
 */
export async function anonymiseUser(
  ctx: Ctx,
  input: { email: string },
): Promise<Result<AnonymisedUser>> {
  if (!mayHandlePersonalData(ctx.actor)) throw new ForbiddenError();
  if (!looksLikeEmail(input.email)) {
    return fail([issue('email', 'Ange en giltig e-postadress.', 'invalid_email')]);
  }
  const email = normaliseEmail(input.email);
  return inTransaction(ctx, async (tx) => {
    const db = tx.db;
    const [user] = await db
      .select({ id: users.id, anonymisedAt: users.anonymisedAt })
      .from(users)
      .where(eq(users.email, email));
    if (!user) {
      return fail([
        issue('email', 'Det finns ingen användare med den e-postadressen.', 'unknown_user'),
      ]);
    }
    if (user.anonymisedAt) {
      return fail([issue('email', 'Användaren är redan anonymiserad.', 'already_anonymised')]);
    }
    if (ctx.actor.kind === 'user' && ctx.actor.userId === user.id) {
      return fail([
        issue('email', 'Du kan inte anonymisera ditt eget konto.', 'cannot_anonymise_self'),
      ]);
    }
    const pseudonym = pseudonymOf(user.id);
    const now = ctx.now();
    const emailIs = (column: AnyPgColumn) => sql`lower(trim(${column})) = ${email}`;
    const count = (rows: unknown[]) => rows.length;
    // Every spelling of the address inside JSON text, whatever its case.
    const pattern = email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const scrub = (column: SQL | AnyPgColumn) =>
      sql`regexp_replace(${column}::text, ${pattern}, ${pseudonym.email}, 'gi')::jsonb`;

    const cleared = {
      sessions: count(
        await db
          .delete(sessions)
          .where(eq(sessions.userId, user.id))
          .returning({ id: sessions.id }),
      ),
      memberships: count(
        await db
          .delete(memberships)
          .where(eq(memberships.userId, user.id))
          .returning({ id: memberships.organisationId }),
      ),
      signInIdentities: count(
        await db
          .delete(oidcIdentities)
          .where(or(eq(oidcIdentities.userId, user.id), emailIs(oidcIdentities.email)))
          .returning({ id: oidcIdentities.id }),
      ),
      invitations: count(
        await db
          .delete(invitations)
          .where(emailIs(invitations.email))
          .returning({ id: invitations.id }),
      ),
      passwordResets: count(
        await db
          .delete(passwordResets)
          .where(eq(passwordResets.userId, user.id))
          .returning({ id: passwordResets.id }),
      ),
      failedSignIns: count(
        await db
          .delete(loginAttempts)
          .where(eq(loginAttempts.key, `email:${email}`))
          .returning({ id: loginAttempts.id }),
      ),
      initiativeContacts: count(
        await db
          .update(initiatives)
          .set({ contactEmail: null })
          .where(emailIs(initiatives.contactEmail))
          .returning({ id: initiatives.id }),
      ),
      comments: count(
        await db
          .update(consultationComments)
          .set({ email: null })
          .where(or(eq(consultationComments.userId, user.id), emailIs(consultationComments.email)))
          .returning({ id: consultationComments.id }),
      ),
      accessibilityReports: count(
        await db
          .update(accessibilityReports)
          .set({ contactEmail: null })
          .where(emailIs(accessibilityReports.contactEmail))
          .returning({ id: accessibilityReports.id }),
      ),
      auditEvents: count(
        await db
          .update(auditEvents)
          .set({
            actorLabel: sql`case when ${auditEvents.actorLabel} = ${`user:${email}`} then ${`user:${pseudonym.email}`} else ${auditEvents.actorLabel} end`,
            before: sql`case when ${auditEvents.before} is null then null else ${scrub(auditEvents.before)} end`,
            after: sql`case when ${auditEvents.after} is null then null else ${scrub(auditEvents.after)} end`,
          })
          .where(
            or(
              eq(auditEvents.actorLabel, `user:${email}`),
              sql`strpos(lower(coalesce(${auditEvents.before}::text, '') || coalesce(${auditEvents.after}::text, '')), ${email}) > 0`,
            ),
          )
          .returning({ id: auditEvents.id }),
      ),
    };
    await removeSecondFactors(db, user.id);
    // Older versions and changes waiting for approval keep the address inside their snapshots.
    await db
      .update(initiativeVersions)
      .set({
        snapshot: scrub(initiativeVersions.snapshot),
      })
      .where(sql`strpos(lower(${initiativeVersions.snapshot}::text), ${email}) > 0`);
    await db
      .update(initiatives)
      .set({
        pendingChanges: scrub(initiatives.pendingChanges),
      })
      .where(sql`strpos(lower(coalesce(${initiatives.pendingChanges}::text, '')), ${email}) > 0`);

    await db
      .update(users)
      .set({
        email: pseudonym.email,
        name: pseudonym.name,
        passwordHash: null,
        disabledAt: sql`coalesce(${users.disabledAt}, ${now.toISOString()}::timestamptz)`,
        anonymisedAt: now,
        updatedAt: now,
      })
      .where(and(eq(users.id, user.id), isNull(users.anonymisedAt)));

    await recordAuditEvent(tx, {
      action: 'user.anonymised',
      entityType: 'user',
      entityId: user.id,
      after: { pseudonym: pseudonym.name, cleared },
    });
    return ok({
      userId: user.id,
      pseudonym: pseudonym.name,
      pseudonymEmail: pseudonym.email,
      cleared,
    });
  });
}
