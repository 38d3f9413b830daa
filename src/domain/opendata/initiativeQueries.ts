import { and, asc, count, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  fundingLines,
  goalAreas,
  goals,
  initiativeGoals,
  initiativePartners,
  initiativePerspectives,
  initiativePlaces,
  initiatives,
  initiativeSdgTargets,
  organisations,
  perspectives,
  places,
  sdgTargets,
  users,
} from '../../db/schema/index.js';
import type { InitiativeDetail } from '../initiatives/queries.js';

export interface OpenInitiativeFilter {
  goalArea?: string;
  goal?: string;
  place?: string;
  organisation?: string;
  status?: 'planerad' | 'pagaende' | 'avslutad' | 'avbruten';
  year?: number;
  q?: string;
}

/** An organisation as the open data may name it: the number only when it is not a person's. */
export interface OpenOrganisationRef {
  name: string;
  kind: string;
  orgNumber: string | null;
}

export type OpenInitiative = Omit<InitiativeDetail, 'partners' | 'owner'> & {
  owner: InitiativeDetail['owner'] & OpenOrganisationRef;
  partners: (InitiativeDetail['partners'][number] & OpenOrganisationRef)[];
};

/**
 * A legal entity's organisationsnummer has 2 or more in its third digit; a sole trader's is the
 * owner's personnummer (month 01–12), which is personal data and never published.
 */
export function publicOrgNumber(orgNumber: string | null): string | null {
  if (!orgNumber || !/^\d{10}$/.test(orgNumber)) return null;
  return Number(orgNumber[2]) >= 2 ? orgNumber : null;
}

function conditions(filter: OpenInitiativeFilter): SQL[] {
  const where: SQL[] = [eq(initiatives.workflowState, 'publicerad')];
  if (filter.goalArea !== undefined) {
    where.push(
      sql`${initiatives.id} in (select ${initiativeGoals.initiativeId} from ${initiativeGoals}
        join ${goals} on ${goals.id} = ${initiativeGoals.goalId}
        join ${goalAreas} on ${goalAreas.id} = ${goals.goalAreaId}
        where ${goalAreas.slug} = ${filter.goalArea})`,
    );
  }
  if (filter.goal !== undefined) {
    where.push(
      sql`${initiatives.id} in (select ${initiativeGoals.initiativeId} from ${initiativeGoals}
        join ${goals} on ${goals.id} = ${initiativeGoals.goalId} where ${goals.code} = ${filter.goal})`,
    );
  }
  if (filter.place !== undefined) {
    where.push(
      sql`${initiatives.id} in (select ${initiativePlaces.initiativeId} from ${initiativePlaces}
        where ${initiativePlaces.placeCode} = ${filter.place})`,
    );
  }
  if (filter.organisation !== undefined) {
    const orgIds = sql`(select ${organisations.id} from ${organisations} where ${organisations.slug} = ${filter.organisation})`;
    where.push(
      or(
        sql`${initiatives.ownerOrganisationId} in ${orgIds}`,
        sql`${initiatives.id} in (select ${initiativePartners.initiativeId} from ${initiativePartners}
          where ${initiativePartners.organisationId} in ${orgIds})`,
      )!,
    );
  }
  if (filter.status !== undefined) where.push(eq(initiatives.status, filter.status));
  if (filter.year !== undefined) {
    where.push(sql`${initiatives.startDate} <= ${`${filter.year}-12-31`}::date`);
    where.push(
      sql`(${initiatives.endDate} is null or ${initiatives.endDate} >= ${`${filter.year}-01-01`}::date)`,
    );
  }
  if (filter.q !== undefined && filter.q.trim() !== '') {
    where.push(sql`${initiatives.search} @@ websearch_to_tsquery('swedish', ${filter.q})`);
  }
  return where;
}

/** One page of published initiative ids in a stable order (by id), and the total. */
export async function findPublishedInitiativeIds(
  db: Db,
  filter: OpenInitiativeFilter,
  page?: { limit: number; offset: number },
): Promise<{ ids: number[]; total: number }> {
  const where = and(...conditions(filter));
  const base = db.select({ id: initiatives.id }).from(initiatives).where(where);
  const rows = await (page
    ? base.orderBy(asc(initiatives.id)).limit(page.limit).offset(page.offset)
    : base.orderBy(asc(initiatives.id)));
  if (!page) return { ids: rows.map((r) => r.id), total: rows.length };
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(initiatives).where(where);
  return { ids: rows.map((r) => r.id), total: n };
}

/** The published initiatives with these ids, with everything presentInitiative reads, in id order. */
export async function loadPublishedInitiatives(db: Db, ids: number[]): Promise<OpenInitiative[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      initiative: initiatives,
      owner: {
        id: organisations.id,
        name: organisations.name,
        slug: organisations.slug,
        kind: organisations.kind,
        orgNumber: organisations.orgNumber,
      },
    })
    .from(initiatives)
    .innerJoin(organisations, eq(organisations.id, initiatives.ownerOrganisationId))
    .where(and(inArray(initiatives.id, ids), eq(initiatives.workflowState, 'publicerad')))
    .orderBy(asc(initiatives.id));
  const [partners, funding, placeRows, goalRows, perspectiveRows, sdgRows] = await Promise.all([
    db
      .select({
        initiativeId: initiativePartners.initiativeId,
        name: organisations.name,
        kind: organisations.kind,
        orgNumber: organisations.orgNumber,
        role: initiativePartners.role,
      })
      .from(initiativePartners)
      .innerJoin(organisations, eq(organisations.id, initiativePartners.organisationId))
      .where(inArray(initiativePartners.initiativeId, ids))
      .orderBy(asc(initiativePartners.role), asc(organisations.name)),
    db
      .select({
        initiativeId: fundingLines.initiativeId,
        source: fundingLines.source,
        amountSek: fundingLines.amountSek,
        year: fundingLines.year,
      })
      .from(fundingLines)
      .where(inArray(fundingLines.initiativeId, ids))
      .orderBy(asc(fundingLines.year), asc(fundingLines.source)),
    db
      .select({
        initiativeId: initiativePlaces.initiativeId,
        code: places.code,
        nameSv: places.nameSv,
        nameEn: places.nameEn,
        kind: places.kind,
      })
      .from(initiativePlaces)
      .innerJoin(places, eq(places.code, initiativePlaces.placeCode))
      .where(inArray(initiativePlaces.initiativeId, ids))
      .orderBy(asc(places.code)),
    db
      .select({
        initiativeId: initiativeGoals.initiativeId,
        ...goalColumns,
      })
      .from(initiativeGoals)
      .innerJoin(goals, eq(goals.id, initiativeGoals.goalId))
      .innerJoin(goalAreas, eq(goalAreas.id, goals.goalAreaId))
      .where(inArray(initiativeGoals.initiativeId, ids))
      .orderBy(asc(goalAreas.position), asc(goals.position)),
    db
      .select({
        initiativeId: initiativePerspectives.initiativeId,
        slug: perspectives.slug,
        nameSv: perspectives.nameSv,
        nameEn: perspectives.nameEn,
      })
      .from(initiativePerspectives)
      .innerJoin(perspectives, eq(perspectives.id, initiativePerspectives.perspectiveId))
      .where(inArray(initiativePerspectives.initiativeId, ids))
      .orderBy(asc(perspectives.position)),
    db
      .select({
        initiativeId: initiativeSdgTargets.initiativeId,
        code: sdgTargets.code,
        goalNumber: sdgTargets.goalNumber,
        titleEn: sdgTargets.titleEn,
      })
      .from(initiativeSdgTargets)
      .innerJoin(sdgTargets, eq(sdgTargets.code, initiativeSdgTargets.sdgTargetCode))
      .where(inArray(initiativeSdgTargets.initiativeId, ids))
      .orderBy(asc(sdgTargets.goalNumber), asc(sdgTargets.position)),
  ]);
  const personal = await personalAddresses(
    db,
    rows.map((r) => r.initiative.contactEmail),
  );
  const of = <T extends { initiativeId: number }>(list: T[], id: number) =>
    list.filter((x) => x.initiativeId === id).map(({ initiativeId: _, ...rest }) => rest);
  return rows.map((row) => ({
    initiative: {
      ...row.initiative,
      contactEmail: personal.has(row.initiative.contactEmail?.toLowerCase() ?? '')
        ? null
        : row.initiative.contactEmail,
    },
    owner: { ...row.owner, orgNumber: publicOrgNumber(row.owner.orgNumber) },
    partners: of(partners, row.initiative.id).map((p) => ({
      ...p,
      orgNumber: publicOrgNumber(p.orgNumber),
    })),
    funding: of(funding, row.initiative.id),
    places: of(placeRows, row.initiative.id),
    goals: of(goalRows, row.initiative.id),
    perspectives: of(perspectiveRows, row.initiative.id),
    sdgTargets: of(sdgRows, row.initiative.id),
  }));
}

/**
 * The contact addresses that are someone's own sign-in address. The contact of an initiative
 * is meant to be a functional mailbox; an address that belongs to a user is a person's, and
 * is never published.
 */
/** A goal as the initiative pages name it: code, names and its area (join goalAreas). */
export const goalColumns = {
  id: goals.id,
  code: goals.code,
  nameSv: goals.nameSv,
  nameEn: goals.nameEn,
  areaSlug: goalAreas.slug,
  areaNameSv: goalAreas.nameSv,
  areaNameEn: goalAreas.nameEn,
};

export async function personalAddresses(db: Db, emails: (string | null)[]): Promise<Set<string>> {
  const wanted = [...new Set(emails.filter((e): e is string => !!e).map((e) => e.toLowerCase()))];
  if (wanted.length === 0) return new Set();
  const rows = await db
    .select({ email: sql<string>`lower(${users.email})` })
    .from(users)
    .where(inArray(sql`lower(${users.email})`, wanted));
  return new Set(rows.map((r) => r.email));
}
