import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { initiatives, initiativeVersions, memberships, users } from '../../db/schema/index.js';
import { curatorRoles } from './policies.js';

/** Active holders of a curator role (coordinators and administrators), who review submitted initiatives. */
export async function curatorEmails(db: Db): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(and(inArray(users.role, curatorRoles), isNull(users.disabledAt)));
  return rows.map((r) => r.email);
}

/** Active members of the organisation that owns the initiative. */
export async function ownerEmails(db: Db, initiativeId: number): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(initiatives)
    .innerJoin(memberships, eq(memberships.organisationId, initiatives.ownerOrganisationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(initiatives.id, initiativeId), isNull(users.disabledAt)));
  return [...new Set(rows.map((r) => r.email))];
}

/** The active author of the initiative's open change proposal: who saved it last. */
export async function proposalAuthorEmails(db: Db, initiativeId: number): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(initiativeVersions)
    .innerJoin(users, eq(users.id, initiativeVersions.createdByUserId))
    .where(
      and(
        eq(initiativeVersions.initiativeId, initiativeId),
        sql`${initiativeVersions.snapshot}->'workflow'->>'proposal' = 'true'`,
        isNull(users.disabledAt),
      ),
    )
    .orderBy(desc(initiativeVersions.version))
    .limit(1);
  return rows.map((r) => r.email);
}
