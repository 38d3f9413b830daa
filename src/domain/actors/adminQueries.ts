import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { containsPattern, queryRows } from '../../db/rows.js';
import { memberships, oidcIdentities, organisations, users } from '../../db/schema/index.js';
import type { UserRole } from '../context.js';
import type { MembershipRole } from './memberships.js';

/** What the admin screens show of users and organisations; never password hashes. */

export interface UserRow {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  disabled: boolean;
  organisations: string[];
}

export interface UserFilter {
  q?: string;
  role?: UserRole;
  status?: 'aktiv' | 'avstangd';
}

export async function listUsers(db: Db, f: UserFilter): Promise<UserRow[]> {
  const q = f.q?.trim();
  return queryRows<UserRow>(
    db,
    sql`select u.id, u.email, u.name, u.role::text as role, (u.disabled_at is not null) as disabled,
          coalesce(array_agg(o.name order by o.name) filter (where o.id is not null), '{}') as organisations
        from users u
        left join memberships m on m.user_id = u.id
        left join organisations o on o.id = m.organisation_id
        where u.anonymised_at is null
          ${q ? sql`and (u.email ilike ${containsPattern(q)} or u.name ilike ${containsPattern(q)})` : sql``}
          ${f.role ? sql`and u.role = ${f.role}` : sql``}
          ${f.status === 'aktiv' ? sql`and u.disabled_at is null` : sql``}
          ${f.status === 'avstangd' ? sql`and u.disabled_at is not null` : sql``}
        group by u.id order by u.email limit 500`,
  );
}

export async function userDetail(db: Db, id: number) {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
      anonymisedAt: users.anonymisedAt,
    })
    .from(users)
    .where(eq(users.id, id));
  if (!user || user.anonymisedAt) return null;
  const orgs = await db
    .select({ id: organisations.id, name: organisations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, id))
    .orderBy(asc(organisations.name));
  const identities = await db
    .select({ issuer: oidcIdentities.issuer, subject: oidcIdentities.subject })
    .from(oidcIdentities)
    .where(eq(oidcIdentities.userId, id));
  return { ...user, organisations: orgs, identities };
}

export interface OrganisationRow {
  id: number;
  slug: string;
  name: string;
  kind: string;
  orgNumber: string | null;
  archived: boolean;
  members: number;
}

export async function listOrganisations(
  db: Db,
  f: { q?: string; archived?: boolean },
): Promise<OrganisationRow[]> {
  const q = f.q?.trim();
  return queryRows<OrganisationRow>(
    db,
    sql`select o.id, o.slug, o.name, o.kind::text as kind, o.org_number as "orgNumber",
          (o.archived_at is not null) as archived,
          (select count(*) from memberships m where m.organisation_id = o.id)::int as members
        from organisations o
        where true
          ${q ? sql`and (o.name ilike ${containsPattern(q)} or o.slug ilike ${containsPattern(q)} or o.org_number ilike ${containsPattern(q.replace(/-/g, ''))})` : sql``}
          ${f.archived ? sql`` : sql`and o.archived_at is null`}
        order by o.name limit 1000`,
  );
}

export async function organisationDetail(db: Db, id: number) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, id));
  if (!org) return null;
  const members = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, id))
    .orderBy(asc(users.email));
  return {
    ...org,
    members: members as { userId: number; email: string; name: string; role: MembershipRole }[],
  };
}

/** Organisations to choose from in forms: id, slug and name of those not archived. */
export async function organisationChoices(db: Db) {
  return queryRows<{ id: number; slug: string; name: string }>(
    db,
    sql`select id, slug, name from organisations where archived_at is null order by name`,
  );
}
