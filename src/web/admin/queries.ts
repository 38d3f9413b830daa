import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  actionProgrammes,
  goalAreas,
  goals,
  initiatives,
  measures,
  organisations,
  perspectives,
  places,
  strategies,
} from '../../db/schema/index.js';
import { isCurator } from '../../domain/actors/policies.js';
import type { Actor } from '../../domain/context.js';
import type { ArchiveRequest } from '../../domain/initiatives/initiativeData.js';
import type { WorkflowState } from '../../domain/initiatives/workflow.js';

export interface AdminInitiativeRow {
  id: number;
  title: string;
  workflowState: WorkflowState;
  pendingState: WorkflowState | null;
  ownerOrganisationId: number;
  ownerName: string;
  updatedAt: Date;
  /** The Region's comment when it returned the record or the open proposal. */
  returnComment: string | null;
  pendingComment: string | null;
}

/**
 * Initiatives the actor may see in the admin area: all for curators, the own organisations'
 * for members and readers. Optionally limited to some workflow states.
 */
export async function adminInitiatives(
  db: Db,
  actor: Actor,
  states?: WorkflowState[],
  ownOnly = false,
): Promise<AdminInitiativeRow[]> {
  const where: SQL[] = [];
  if (!isCurator(actor) || ownOnly) {
    const own = actor.kind === 'user' ? actor.organisationIds : [];
    if (own.length === 0) return [];
    where.push(inArray(initiatives.ownerOrganisationId, own));
  }
  // A published initiative with an open change proposal counts in the proposal's state too.
  if (states) {
    where.push(
      or(inArray(initiatives.workflowState, states), inArray(initiatives.pendingState, states))!,
    );
  }
  return db
    .select({
      id: initiatives.id,
      title: initiatives.title,
      workflowState: initiatives.workflowState,
      pendingState: initiatives.pendingState,
      ownerOrganisationId: initiatives.ownerOrganisationId,
      ownerName: organisations.name,
      updatedAt: initiatives.updatedAt,
      returnComment: initiatives.returnComment,
      pendingComment: initiatives.pendingComment,
    })
    .from(initiatives)
    .innerJoin(organisations, eq(organisations.id, initiatives.ownerOrganisationId))
    .where(and(...where))
    .orderBy(desc(initiatives.updatedAt), desc(initiatives.id))
    .limit(500);
}

export async function adminInitiative(db: Db, id: number) {
  const [row] = await db
    .select({
      id: initiatives.id,
      title: initiatives.title,
      summary: initiatives.summary,
      description: initiatives.description,
      status: initiatives.status,
      startDate: initiatives.startDate,
      endDate: initiatives.endDate,
      workflowState: initiatives.workflowState,
      ownerOrganisationId: initiatives.ownerOrganisationId,
      ownerName: organisations.name,
      contactEmail: initiatives.contactEmail,
      diarienummer: initiatives.diarienummer,
      version: initiatives.version,
      pendingState: initiatives.pendingState,
      pendingComment: initiatives.pendingComment,
      returnComment: initiatives.returnComment,
      archiveRequest: sql<ArchiveRequest | null>`${initiatives.archiveRequest}`,
      pendingRebasedAt: initiatives.pendingRebasedAt,
    })
    .from(initiatives)
    .innerJoin(organisations, eq(organisations.id, initiatives.ownerOrganisationId))
    .where(eq(initiatives.id, id));
  return row ?? null;
}

export type AdminInitiative = NonNullable<Awaited<ReturnType<typeof adminInitiative>>>;

/** The choices of the initiative form, from the current strategy. */
export async function formChoices(db: Db) {
  const [strategy] = await db
    .select({ id: strategies.id })
    .from(strategies)
    .where(eq(strategies.isCurrent, true));
  const strategyId = strategy?.id ?? -1;
  const [orgs, goalRows, perspectiveRows, placeRows, measureRows] = await Promise.all([
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(isNull(organisations.archivedAt))
      .orderBy(asc(organisations.name)),
    db
      .select({ id: goals.id, name: goals.nameSv, area: goalAreas.nameSv })
      .from(goals)
      .innerJoin(goalAreas, eq(goalAreas.id, goals.goalAreaId))
      .where(eq(goalAreas.strategyId, strategyId))
      .orderBy(asc(goalAreas.position), asc(goals.position)),
    db
      .select({ id: perspectives.id, name: perspectives.nameSv })
      .from(perspectives)
      .where(eq(perspectives.strategyId, strategyId))
      .orderBy(asc(perspectives.position)),
    db
      .select({ code: places.code, name: places.nameSv })
      .from(places)
      .where(
        and(or(eq(places.kind, 'region'), eq(places.kind, 'kommun')), eq(places.comparison, false)),
      )
      .orderBy(asc(places.code)),
    db
      .select({ id: measures.id, code: measures.code, name: measures.nameSv })
      .from(measures)
      .innerJoin(actionProgrammes, eq(actionProgrammes.id, measures.programmeId))
      .where(eq(actionProgrammes.strategyId, strategyId))
      .orderBy(asc(actionProgrammes.slug), asc(measures.code)),
  ]);
  return {
    orgs,
    goals: goalRows,
    perspectives: perspectiveRows,
    places: placeRows,
    measures: measureRows.map((m) => ({ id: m.id, name: `${m.code} ${m.name}` })),
  };
}

export type FormChoices = Awaited<ReturnType<typeof formChoices>>;
