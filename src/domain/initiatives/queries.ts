import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
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
} from '../../db/schema/index.js';
import { NotFoundError } from '../errors.js';

export interface InitiativeListItem {
  id: number;
  title: string;
  titleEn: string | null;
  summary: string;
  status: 'planerad' | 'pagaende' | 'avslutad' | 'avbruten';
  startDate: string;
  endDate: string | null;
  ownerName: string;
  exampleOfYear: number | null;
  isDemo: boolean;
  fundingSek: number;
  publishedAt: Date | null;
  updatedAt: Date;
}

export interface InitiativeFilter {
  goalAreaId?: number;
  goalId?: number;
  exampleOfYear?: number;
  placeCode?: string;
  /** Owner or partner. */
  organisationId?: number;
  ownerOnly?: boolean;
  sdgGoal?: number;
  limit?: number;
  newestFirst?: boolean;
}

/** Published initiatives only: drafts and archived records never reach the public. */
export async function listPublishedInitiatives(
  db: Db,
  filter: InitiativeFilter = {},
): Promise<InitiativeListItem[]> {
  const where: SQL[] = [eq(initiatives.workflowState, 'publicerad')];
  if (filter.goalId != null || filter.goalAreaId != null) {
    const goalCond =
      filter.goalId != null
        ? eq(initiativeGoals.goalId, filter.goalId)
        : eq(goals.goalAreaId, filter.goalAreaId!);
    const linked = db
      .select({ id: initiativeGoals.initiativeId })
      .from(initiativeGoals)
      .innerJoin(goals, eq(goals.id, initiativeGoals.goalId))
      .where(goalCond);
    where.push(inArray(initiatives.id, linked));
  }
  if (filter.exampleOfYear != null) where.push(eq(initiatives.exampleOfYear, filter.exampleOfYear));
  if (filter.placeCode != null) {
    where.push(
      inArray(
        initiatives.id,
        db
          .select({ id: initiativePlaces.initiativeId })
          .from(initiativePlaces)
          .where(eq(initiativePlaces.placeCode, filter.placeCode)),
      ),
    );
  }
  if (filter.organisationId != null) {
    where.push(
      filter.ownerOnly
        ? eq(initiatives.ownerOrganisationId, filter.organisationId)
        : inArray(
            initiatives.id,
            db
              .select({ id: initiativePartners.initiativeId })
              .from(initiativePartners)
              .where(eq(initiativePartners.organisationId, filter.organisationId)),
          ),
    );
  }
  if (filter.sdgGoal != null) {
    where.push(
      inArray(
        initiatives.id,
        db
          .select({ id: initiativeSdgTargets.initiativeId })
          .from(initiativeSdgTargets)
          .innerJoin(sdgTargets, eq(sdgTargets.code, initiativeSdgTargets.sdgTargetCode))
          .where(eq(sdgTargets.goalNumber, filter.sdgGoal)),
      ),
    );
  }
  const funding = sql<number>`coalesce((select sum(${fundingLines.amountSek}) from ${fundingLines} where ${fundingLines.initiativeId} = ${initiatives.id}), 0)::float8`;
  return db
    .select({
      id: initiatives.id,
      title: initiatives.title,
      titleEn: initiatives.titleEn,
      summary: initiatives.summary,
      status: initiatives.status,
      startDate: initiatives.startDate,
      endDate: initiatives.endDate,
      ownerName: organisations.name,
      exampleOfYear: initiatives.exampleOfYear,
      isDemo: initiatives.isDemo,
      fundingSek: funding,
      publishedAt: initiatives.publishedAt,
      updatedAt: initiatives.updatedAt,
    })
    .from(initiatives)
    .innerJoin(organisations, eq(organisations.id, initiatives.ownerOrganisationId))
    .where(and(...where))
    .orderBy(
      filter.newestFirst ? desc(initiatives.publishedAt) : desc(initiatives.startDate),
      asc(initiatives.title),
    )
    .limit(filter.limit ?? 500);
}

/** Years that have "examples of the year" under a goal area, newest first. */
export async function exampleYears(db: Db, goalAreaId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: initiatives.exampleOfYear })
    .from(initiatives)
    .innerJoin(initiativeGoals, eq(initiativeGoals.initiativeId, initiatives.id))
    .innerJoin(goals, eq(goals.id, initiativeGoals.goalId))
    .where(
      and(
        eq(initiatives.workflowState, 'publicerad'),
        eq(goals.goalAreaId, goalAreaId),
        sql`${initiatives.exampleOfYear} is not null`,
      ),
    )
    .orderBy(desc(initiatives.exampleOfYear));
  return rows.map((r) => r.year!).filter((y) => y != null);
}

export async function getPublishedInitiative(db: Db, id: number) {
  const [row] = await db
    .select({
      initiative: initiatives,
      owner: { id: organisations.id, name: organisations.name, slug: organisations.slug },
    })
    .from(initiatives)
    .innerJoin(organisations, eq(organisations.id, initiatives.ownerOrganisationId))
    .where(and(eq(initiatives.id, id), eq(initiatives.workflowState, 'publicerad')));
  if (!row) throw new NotFoundError('Insatsen finns inte eller är inte publicerad.');
  const [partners, funding, placeRows, goalRows, perspectiveRows, sdgRows] = await Promise.all([
    db
      .select({ name: organisations.name, kind: organisations.kind, role: initiativePartners.role })
      .from(initiativePartners)
      .innerJoin(organisations, eq(organisations.id, initiativePartners.organisationId))
      .where(eq(initiativePartners.initiativeId, id))
      .orderBy(asc(initiativePartners.role), asc(organisations.name)),
    db
      .select({
        source: fundingLines.source,
        amountSek: fundingLines.amountSek,
        year: fundingLines.year,
      })
      .from(fundingLines)
      .where(eq(fundingLines.initiativeId, id))
      .orderBy(asc(fundingLines.year), asc(fundingLines.source)),
    db
      .select({
        code: places.code,
        nameSv: places.nameSv,
        nameEn: places.nameEn,
        kind: places.kind,
      })
      .from(initiativePlaces)
      .innerJoin(places, eq(places.code, initiativePlaces.placeCode))
      .where(eq(initiativePlaces.initiativeId, id))
      .orderBy(asc(places.code)),
    db
      .select({
        id: goals.id,
        code: goals.code,
        nameSv: goals.nameSv,
        nameEn: goals.nameEn,
        areaSlug: goalAreas.slug,
        areaNameSv: goalAreas.nameSv,
        areaNameEn: goalAreas.nameEn,
      })
      .from(initiativeGoals)
      .innerJoin(goals, eq(goals.id, initiativeGoals.goalId))
      .innerJoin(goalAreas, eq(goalAreas.id, goals.goalAreaId))
      .where(eq(initiativeGoals.initiativeId, id))
      .orderBy(asc(goalAreas.position), asc(goals.position)),
    db
      .select({ slug: perspectives.slug, nameSv: perspectives.nameSv, nameEn: perspectives.nameEn })
      .from(initiativePerspectives)
      .innerJoin(perspectives, eq(perspectives.id, initiativePerspectives.perspectiveId))
      .where(eq(initiativePerspectives.initiativeId, id))
      .orderBy(asc(perspectives.position)),
    db
      .select({
        code: sdgTargets.code,
        goalNumber: sdgTargets.goalNumber,
        titleEn: sdgTargets.titleEn,
      })
      .from(initiativeSdgTargets)
      .innerJoin(sdgTargets, eq(sdgTargets.code, initiativeSdgTargets.sdgTargetCode))
      .where(eq(initiativeSdgTargets.initiativeId, id))
      .orderBy(asc(sdgTargets.goalNumber), asc(sdgTargets.position)),
  ]);
  return {
    ...row,
    partners,
    funding,
    places: placeRows,
    goals: goalRows,
    perspectives: perspectiveRows,
    sdgTargets: sdgRows,
  };
}

export type InitiativeDetail = Awaited<ReturnType<typeof getPublishedInitiative>>;
