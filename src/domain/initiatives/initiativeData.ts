import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import {
  fundingLines,
  initiativeGoals,
  initiativeMeasures,
  initiativePartners,
  initiativePerspectives,
  initiativePlaces,
  initiatives,
  initiativeSdgTargets,
} from '../../db/schema/index.js';
import type { InitiativeDraft } from './initiativeSchema.js';
import { snapshotData } from './initiativeVersions.js';
import type { WorkflowState } from './workflow.js';

/** The row facts that editing, locking and the workflow read. */
export interface InitiativeState {
  id: number;
  strategyId: number;
  version: number;
  workflowState: WorkflowState;
  ownerOrganisationId: number;
  pendingState: WorkflowState | null;
  pendingComment: string | null;
  returnComment: string | null;
  publishedAt: Date | null;
  updatedAt: Date;
  archivedFromState: WorkflowState | null;
  archiveRequest: ArchiveRequest | null;
}

/** A member's request that the Region archive a published initiative. */
export interface ArchiveRequest {
  reason: string;
  byUserId: number | null;
  byLabel: string;
  at: string;
}

export interface StoredInitiative {
  state: InitiativeState;
  /** The record as stored (and, when published, as the portal shows it). */
  data: InitiativeDraft;
  /** A proposed change to the published record, if one is open. */
  pending: InitiativeDraft | null;
  /** The published values the open proposal was made from (its merge base). */
  pendingBase: InitiativeDraft | null;
}

const stateColumns = {
  id: initiatives.id,
  strategyId: initiatives.strategyId,
  version: initiatives.version,
  workflowState: initiatives.workflowState,
  ownerOrganisationId: initiatives.ownerOrganisationId,
  pendingState: initiatives.pendingState,
  pendingComment: initiatives.pendingComment,
  returnComment: initiatives.returnComment,
  publishedAt: initiatives.publishedAt,
  updatedAt: initiatives.updatedAt,
  archivedFromState: initiatives.archivedFromState,
  archiveRequest: sql<ArchiveRequest | null>`${initiatives.archiveRequest}`,
};

/** The state of an initiative; with `lock`, the row is locked for the rest of the transaction. */
export async function loadInitiativeState(
  db: Db,
  id: number,
  lock = false,
): Promise<InitiativeState | null> {
  const q = db.select(stateColumns).from(initiatives).where(eq(initiatives.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** The values one link table holds for the initiatives, sorted: places, goals and the like. */
function linked<V>(db: Db, of: PgColumn, v: PgColumn, ids: number[]) {
  return db
    .select({ of, v })
    .from(of.table)
    .where(inArray(of, ids))
    .orderBy(asc(v)) as unknown as Promise<{ of: number; v: V }[]>;
}

/** An initiative in the shape of its form: every field, every relation. */
export async function loadInitiativeData(db: Db, id: number): Promise<StoredInitiative | null> {
  return (await loadInitiativesData(db, [id]))[0] ?? null;
}

/** Several initiatives in the shape of their form, in the order of the ids (missing ones left out). */
export async function loadInitiativesData(db: Db, ids: number[]): Promise<StoredInitiative[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      ...stateColumns,
      i: initiatives,
      pendingChanges: initiatives.pendingChanges,
      pendingBase: initiatives.pendingBase,
    })
    .from(initiatives)
    .where(inArray(initiatives.id, ids));
  const [partners, funding, placeRows, goalRows, perspectiveRows, sdgRows, measureRows] =
    await Promise.all([
      db
        .select({
          of: initiativePartners.initiativeId,
          organisationId: initiativePartners.organisationId,
          role: initiativePartners.role,
        })
        .from(initiativePartners)
        .where(inArray(initiativePartners.initiativeId, ids))
        .orderBy(asc(initiativePartners.organisationId), asc(initiativePartners.role)),
      db
        .select({
          of: fundingLines.initiativeId,
          source: fundingLines.source,
          amountSek: fundingLines.amountSek,
          year: fundingLines.year,
          funderOrganisationId: fundingLines.funderOrganisationId,
        })
        .from(fundingLines)
        .where(inArray(fundingLines.initiativeId, ids))
        .orderBy(asc(fundingLines.id)),
      linked<string>(db, initiativePlaces.initiativeId, initiativePlaces.placeCode, ids),
      linked<number>(db, initiativeGoals.initiativeId, initiativeGoals.goalId, ids),
      linked<number>(
        db,
        initiativePerspectives.initiativeId,
        initiativePerspectives.perspectiveId,
        ids,
      ),
      linked<string>(
        db,
        initiativeSdgTargets.initiativeId,
        initiativeSdgTargets.sdgTargetCode,
        ids,
      ),
      linked<number>(db, initiativeMeasures.initiativeId, initiativeMeasures.measureId, ids),
    ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const of = <T extends { of: number }>(list: T[], id: number) => list.filter((x) => x.of === id);
  const values = <T>(list: { of: number; v: T }[], id: number) => of(list, id).map((x) => x.v);
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const i = row.i;
    const data: InitiativeDraft = {
      title: i.title,
      summary: i.summary,
      description: i.description,
      titleEn: i.titleEn,
      summaryEn: i.summaryEn,
      descriptionEn: i.descriptionEn,
      status: i.status,
      startDate: i.startDate,
      endDate: i.endDate,
      ownerOrganisationId: i.ownerOrganisationId,
      partners: of(partners, id)
        .filter((p) => !(p.organisationId === i.ownerOrganisationId && p.role === 'lead'))
        .map((p) => ({ organisationId: p.organisationId, role: p.role })),
      funding: of(funding, id).map((f) => ({
        source: f.source,
        amountSek: f.amountSek,
        year: f.year,
        funderOrganisationId: f.funderOrganisationId,
      })),
      placeCodes: values(placeRows, id),
      goalIds: values(goalRows, id),
      perspectiveIds: values(perspectiveRows, id),
      sdgTargetCodes: values(sdgRows, id),
      measureIds: values(measureRows, id),
      diarienummer: i.diarienummer,
      contactEmail: i.contactEmail,
      exampleOfYear: i.exampleOfYear,
      isDemo: i.isDemo,
    };
    const { i: _row, pendingChanges, pendingBase, ...state } = row;
    void _row;
    return [
      {
        state,
        data,
        pending: pendingChanges ? snapshotData(pendingChanges).data : null,
        pendingBase: pendingBase ? snapshotData(pendingBase).data : null,
      },
    ];
  });
}
