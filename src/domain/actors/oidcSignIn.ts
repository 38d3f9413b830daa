import { and, eq, or } from 'drizzle-orm';
import { memberships, oidcIdentities, organisations, users } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx, type UserRole } from '../context.js';
import { normaliseOrganisationNumber } from './organisationNumber.js';
import { createSession } from './sessions.js';

/** How a person who signs in for the first time through the provider is placed. */
export interface OidcRules {
  /** A claim whose value (or values) names the organisation by slug or organisationsnummer. */
  organisationClaim: string | null;
  /** Email domain (lower case) → organisation slug. */
  emailDomains: Record<string, string>;
  defaultRole: Extract<UserRole, 'aktor' | 'analytiker'>;
  /** Whether an email without `email_verified: true` may link to an existing account. */
  trustEmail: boolean;
}

/** The validated claims of an id_token (and userinfo) that sign-in uses. */
export interface OidcClaims {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  organisation: unknown;
}

export type OidcSignInResult =
  | { ok: true; token: string; userId: number; created: boolean }
  | { ok: false; code: 'disabled' | 'no_organisation' | 'email_missing' | 'email_unverified' };

/**
 * Signs in the person behind a validated id_token. A known identity (issuer + subject) signs
 * in its user; otherwise a verified email links to an existing account; otherwise a new account
 * is made in the organisation the rules point to, or the sign-in is refused when none does.
 */
export async function signInWithOidc(
  ctx: Ctx,
  claims: OidcClaims,
  rules: OidcRules,
  meta: { ip?: string | null; userAgent?: string | null } = {},
): Promise<OidcSignInResult> {
  return inTransaction(ctx, async (tx) => {
    const email = claims.email?.trim().toLowerCase() || null;
    const [identity] = await tx.db
      .select({ id: oidcIdentities.id, userId: oidcIdentities.userId })
      .from(oidcIdentities)
      .where(
        and(eq(oidcIdentities.issuer, claims.issuer), eq(oidcIdentities.subject, claims.subject)),
      );
    let userId = identity?.userId ?? null;
    let created = false;
    if (userId === null) {
      if (!email) return { ok: false, code: 'email_missing' } as const;
      const trusted = claims.emailVerified || rules.trustEmail;
      const [existing] = trusted
        ? await tx.db.select({ id: users.id }).from(users).where(eq(users.email, email))
        : [];
      if (existing) {
        userId = existing.id;
      } else {
        const [taken] = await tx.db
          .select({ id: users.id })
          .from(users)
          .where(eq(users.email, email));
        // An unverified email that belongs to an account can neither link nor be taken twice.
        if (taken) return { ok: false, code: 'email_unverified' } as const;
        const organisationId = await organisationFor(tx, claims, email, rules);
        if (organisationId === null) return { ok: false, code: 'no_organisation' } as const;
        const [row] = await tx.db
          .insert(users)
          .values({
            email,
            name: (claims.name ?? '').trim().slice(0, 200),
            role: rules.defaultRole,
            createdAt: ctx.now(),
            updatedAt: ctx.now(),
          })
          .returning({ id: users.id });
        userId = row!.id;
        created = true;
        await tx.db.insert(memberships).values({ userId, organisationId });
        await recordAuditEvent(tx, {
          action: 'user.added',
          entityType: 'user',
          entityId: userId,
          after: { email, role: rules.defaultRole, organisationId, via: 'oidc' },
        });
      }
      await tx.db.insert(oidcIdentities).values({
        issuer: claims.issuer,
        subject: claims.subject,
        userId,
        email,
        createdAt: ctx.now(),
        lastSignInAt: ctx.now(),
      });
      await recordAuditEvent(tx, {
        action: 'user.oidc_linked',
        entityType: 'user',
        entityId: userId,
        after: { issuer: claims.issuer, subject: claims.subject },
      });
    } else {
      await tx.db
        .update(oidcIdentities)
        .set({ lastSignInAt: ctx.now(), email })
        .where(eq(oidcIdentities.id, identity!.id));
    }
    const [user] = await tx.db
      .select({ disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, userId));
    if (!user || user.disabledAt) return { ok: false, code: 'disabled' } as const;
    const session = await createSession(tx, {
      userId,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent ?? null,
    });
    await recordAuditEvent(tx, {
      action: 'user.signed_in',
      entityType: 'user',
      entityId: userId,
      after: { via: 'oidc' },
    });
    return { ok: true, token: session.token, userId, created } as const;
  });
}

/** The organisation a new user belongs to: by claim first, then by email domain. */
async function organisationFor(
  ctx: Ctx,
  claims: OidcClaims,
  email: string,
  rules: OidcRules,
): Promise<number | null> {
  if (rules.organisationClaim) {
    const values = (
      Array.isArray(claims.organisation) ? claims.organisation : [claims.organisation]
    )
      .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
      .map((v) => v.trim());
    for (const value of values) {
      const number = normaliseOrganisationNumber(value);
      const [org] = await ctx.db
        .select({ id: organisations.id, archivedAt: organisations.archivedAt })
        .from(organisations)
        .where(
          number
            ? or(eq(organisations.slug, value), eq(organisations.orgNumber, number))
            : eq(organisations.slug, value),
        );
      if (org && !org.archivedAt) return org.id;
    }
  }
  const domain = email.split('@')[1] ?? '';
  const slug = rules.emailDomains[domain];
  if (!slug) return null;
  const [org] = await ctx.db
    .select({ id: organisations.id, archivedAt: organisations.archivedAt })
    .from(organisations)
    .where(eq(organisations.slug, slug));
  return org && !org.archivedAt ? org.id : null;
}
