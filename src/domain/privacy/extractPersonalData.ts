import {
  extractSecondFactors,
  type SecondFactorExtract,
} from '../actors/secondFactor/extractSecondFactors.js';
import { and, asc, eq, or, sql } from 'drizzle-orm';
import {
  accessibilityReports,
  apiTokens,
  auditEvents,
  consultationComments,
  consultationResponses,
  initiatives,
  invitations,
  loginAttempts,
  memberships,
  oidcIdentities,
  organisations,
  passwordResets,
  sessions,
  users,
} from '../../db/schema/index.js';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError } from '../errors.js';
import { fail, issue, ok, type Result } from '../result.js';
import { emailDigest, looksLikeEmail, mayHandlePersonalData, normaliseEmail } from './policies.js';

/**
 * A register extract (GDPR art. 15): everything stored about one person, found by e-mail
 * address, as plain JSON. Secrets are never part of it: the password hash and token hashes are
 * stated as present or not, never given.
 */
export interface PersonalDataExtract extends SecondFactorExtract {
  format: 'riktning-registerutdrag/1';
  email: string;
  extractedAt: string;
  user: {
    id: number;
    email: string;
    name: string;
    role: string;
    hasPassword: boolean;
    disabledAt: string | null;
    anonymisedAt: string | null;
    createdAt: string;
    updatedAt: string;
  } | null;
  memberships: { organisationId: number; organisation: string; role: string; since: string }[];
  sessions: {
    createdAt: string;
    lastSeenAt: string;
    expiresAt: string;
    revokedAt: string | null;
    ip: string | null;
    userAgent: string | null;
  }[];
  signInIdentities: {
    issuer: string;
    subject: string;
    email: string | null;
    createdAt: string;
    lastSignInAt: string | null;
  }[];
  invitations: { role: string; createdAt: string; expiresAt: string; acceptedAt: string | null }[];
  passwordResets: { createdAt: string; expiresAt: string; usedAt: string | null }[];
  failedSignIns: { at: string }[];
  apiTokens: { name: string; prefix: string; createdAt: string; revokedAt: string | null }[];
  auditEvents: {
    occurredAt: string;
    actor: string;
    action: string;
    entityType: string;
    entityId: string;
    before: unknown;
    after: unknown;
  }[];
  comments: {
    id: number;
    consultationId: number;
    displayName: string;
    body: string;
    email: string | null;
    status: string;
    createdAt: string;
  }[];
  consultationResponses: {
    id: number;
    consultationId: number;
    organisationId: number;
    status: string;
    summary: string;
    submittedAt: string | null;
  }[];
  initiativesWithContact: { id: number; title: string; contactEmail: string }[];
  accessibilityReports: { id: number; pageUrl: string; description: string; createdAt: string }[];
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const isoOf = (d: Date): string => d.toISOString();

/** Gathers the extract; the access itself is written to the audit log in the same transaction. */
export async function extractPersonalData(
  ctx: Ctx,
  input: { email: string },
): Promise<Result<PersonalDataExtract>> {
  if (!mayHandlePersonalData(ctx.actor)) throw new ForbiddenError();
  if (!looksLikeEmail(input.email)) {
    return fail([issue('email', 'Ange en giltig e-postadress.', 'invalid_email')]);
  }
  const email = normaliseEmail(input.email);
  return inTransaction(ctx, async (tx) => {
    const db = tx.db;
    const [user] = await db.select().from(users).where(eq(users.email, email));
    const userId = user?.id ?? -1;
    const emailMatches = (column: AnyPgColumn) => sql`lower(trim(${column})) = ${email}`;

    const extract: PersonalDataExtract = {
      ...(await extractSecondFactors(db, userId)),
      format: 'riktning-registerutdrag/1',
      email,
      extractedAt: ctx.now().toISOString(),
      user: user
        ? {
            id: user.id,
            email: user.email,
            name: user.name,
            role: user.role,
            hasPassword: user.passwordHash !== null,
            disabledAt: iso(user.disabledAt),
            anonymisedAt: iso(user.anonymisedAt),
            createdAt: isoOf(user.createdAt),
            updatedAt: isoOf(user.updatedAt),
          }
        : null,
      memberships: (
        await db
          .select({
            organisationId: memberships.organisationId,
            organisation: organisations.name,
            role: memberships.role,
            since: memberships.createdAt,
          })
          .from(memberships)
          .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
          .where(eq(memberships.userId, userId))
          .orderBy(asc(memberships.organisationId))
      ).map((m) => ({ ...m, since: isoOf(m.since) })),
      sessions: (
        await db
          .select()
          .from(sessions)
          .where(eq(sessions.userId, userId))
          .orderBy(asc(sessions.createdAt))
      ).map((s) => ({
        createdAt: isoOf(s.createdAt),
        lastSeenAt: isoOf(s.lastSeenAt),
        expiresAt: isoOf(s.expiresAt),
        revokedAt: iso(s.revokedAt),
        ip: s.ip,
        userAgent: s.userAgent,
      })),
      signInIdentities: (
        await db
          .select()
          .from(oidcIdentities)
          .where(or(eq(oidcIdentities.userId, userId), emailMatches(oidcIdentities.email)))
      ).map((o) => ({
        issuer: o.issuer,
        subject: o.subject,
        email: o.email,
        createdAt: isoOf(o.createdAt),
        lastSignInAt: iso(o.lastSignInAt),
      })),
      invitations: (await db.select().from(invitations).where(emailMatches(invitations.email))).map(
        (i) => ({
          role: i.role,
          createdAt: isoOf(i.createdAt),
          expiresAt: isoOf(i.expiresAt),
          acceptedAt: iso(i.acceptedAt),
        }),
      ),
      passwordResets: (
        await db.select().from(passwordResets).where(eq(passwordResets.userId, userId))
      ).map((r) => ({
        createdAt: isoOf(r.createdAt),
        expiresAt: isoOf(r.expiresAt),
        usedAt: iso(r.usedAt),
      })),
      failedSignIns: (
        await db
          .select({ at: loginAttempts.at })
          .from(loginAttempts)
          .where(eq(loginAttempts.key, `email:${email}`))
          .orderBy(asc(loginAttempts.at))
      ).map((a) => ({ at: isoOf(a.at) })),
      apiTokens: (
        await db.select().from(apiTokens).where(eq(apiTokens.createdByUserId, userId))
      ).map((t) => ({
        name: t.name,
        prefix: t.prefix,
        createdAt: isoOf(t.createdAt),
        revokedAt: iso(t.revokedAt),
      })),
      auditEvents: (
        await db
          .select()
          .from(auditEvents)
          .where(
            or(
              eq(auditEvents.actorUserId, userId),
              eq(auditEvents.actorLabel, `user:${email}`),
              and(eq(auditEvents.entityType, 'user'), eq(auditEvents.entityId, String(userId))),
            ),
          )
          .orderBy(asc(auditEvents.id))
      ).map((a) => ({
        occurredAt: isoOf(a.occurredAt),
        actor: a.actorLabel,
        action: a.action,
        entityType: a.entityType,
        entityId: a.entityId,
        before: a.before,
        after: a.after,
      })),
      comments: (
        await db
          .select()
          .from(consultationComments)
          .where(
            or(eq(consultationComments.userId, userId), emailMatches(consultationComments.email)),
          )
          .orderBy(asc(consultationComments.id))
      ).map((c) => ({
        id: c.id,
        consultationId: c.consultationId,
        displayName: c.displayName,
        body: c.body,
        email: c.email,
        status: c.status,
        createdAt: isoOf(c.createdAt),
      })),
      consultationResponses: (
        await db
          .select()
          .from(consultationResponses)
          .where(eq(consultationResponses.submittedByUserId, userId))
          .orderBy(asc(consultationResponses.id))
      ).map((r) => ({
        id: r.id,
        consultationId: r.consultationId,
        organisationId: r.organisationId,
        status: r.status,
        summary: r.summary,
        submittedAt: iso(r.submittedAt),
      })),
      initiativesWithContact: (
        await db
          .select({
            id: initiatives.id,
            title: initiatives.title,
            contactEmail: initiatives.contactEmail,
          })
          .from(initiatives)
          .where(emailMatches(initiatives.contactEmail))
          .orderBy(asc(initiatives.id))
      ).map((i) => ({ id: i.id, title: i.title, contactEmail: i.contactEmail ?? '' })),
      accessibilityReports: (
        await db
          .select()
          .from(accessibilityReports)
          .where(emailMatches(accessibilityReports.contactEmail))
          .orderBy(asc(accessibilityReports.id))
      ).map((r) => ({
        id: r.id,
        pageUrl: r.pageUrl,
        description: r.description,
        createdAt: isoOf(r.createdAt),
      })),
    };

    await recordAuditEvent(tx, {
      action: 'personal_data.extracted',
      entityType: user ? 'user' : 'person',
      entityId: user ? user.id : emailDigest(email),
      after: { sections: sectionSizes(extract) },
    });
    return ok(extract);
  });
}

/** How many items each section of an extract holds; what the audit log and the page show. */
export function sectionSizes(extract: PersonalDataExtract): Record<string, number> {
  const sizes: Record<string, number> = { user: extract.user ? 1 : 0 };
  for (const [key, value] of Object.entries(extract)) {
    if (Array.isArray(value)) sizes[key] = value.length;
  }
  return sizes;
}

/** Whether anything at all is stored about the address. */
export function extractIsEmpty(extract: PersonalDataExtract): boolean {
  return Object.values(sectionSizes(extract)).every((n) => n === 0);
}
