import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  fundingLines,
  goals,
  initiativeGoals,
  initiativePartners,
  initiativePlaces,
  initiatives,
  initiativeSdgTargets,
  organisations,
  sdgTargets,
} from '../../db/schema/index.js';
import { NotFoundError } from '../errors.js';
import { loadPublishedInitiatives } from '../opendata/initiativeQueries.js';

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
      status: sql<InitiativeListItem['status']>`coalesce(${initiatives.status}, 'planerad')`,
      startDate: sql<string>`coalesce(${initiatives.startDate}::text, '')`,
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

/** Everything public about one initiative, as presentInitiative reads it. */
export interface InitiativeDetail {
  initiative: typeof initiatives.$inferSelect;
  owner: { id: number; name: string; slug: string };
  partners: { name: string; kind: string; role: 'lead' | 'partner' | 'funder' | 'implementer' }[];
  funding: {
    source: (typeof fundingLines.$inferSelect)['source'];
    amountSek: number;
    year: number;
  }[];
  places: { code: string; nameSv: string; nameEn: string; kind: 'riket' | 'region' | 'kommun' }[];
  goals: {
    id: number;
    code: string;
    nameSv: string;
    nameEn: string;
    areaSlug: string;
    areaNameSv: string;
    areaNameEn: string;
  }[];
  perspectives: { slug: string; nameSv: string; nameEn: string }[];
  sdgTargets: { code: string; goalNumber: number; titleEn: string }[];
}

/** One published initiative; the same loader as the open-data API, which reads pages of them. */
export async function getPublishedInitiative(db: Db, id: number): Promise<InitiativeDetail> {
  const [detail] = await loadPublishedInitiatives(db, [id]);
  if (!detail) throw new NotFoundError('Insatsen finns inte eller är inte publicerad.');
  return detail;
}
