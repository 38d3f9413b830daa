import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { initiativeVersions, users } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import type { InitiativeDraft } from './initiativeSchema.js';
import { storedPartners } from './initiativeRelations.js';
import type { WorkflowState } from './workflow.js';

/** What a version records beyond the data: the step of the workflow that made it. */
export type VersionAction =
  | 'created'
  | 'updated'
  | 'restored'
  | 'submit'
  | 'approve'
  | 'return'
  | 'archive'
  | 'restore'
  | 'change_proposed'
  | 'change_submitted'
  | 'change_approved'
  | 'change_returned'
  | 'change_withdrawn'
  | 'change_rebased';

export interface VersionStep {
  action: VersionAction;
  /** The workflow state of the initiative after the step. */
  state: WorkflowState;
  /** The state of a proposed change to a published initiative, if one is open. */
  pendingState: WorkflowState | null;
  actorLabel: string;
  comment?: string | null;
  restoredFromVersion?: number;
  /** Whether the data of this version is a proposal that is not (yet) the published record. */
  proposal?: boolean;
}

export interface VersionRow {
  version: number;
  data: InitiativeDraft;
  step: VersionStep | null;
  createdAt: Date;
  createdBy: string | null;
}

/** Writes version `version` of an initiative: its data and the step that made it. */
export async function appendVersion(
  ctx: Ctx,
  initiativeId: number,
  version: number,
  data: InitiativeDraft,
  step: Omit<VersionStep, 'actorLabel'>,
): Promise<void> {
  await ctx.db.insert(initiativeVersions).values({
    initiativeId,
    version,
    snapshot: {
      ...data,
      partners: storedPartners(data),
      workflow: { ...step, actorLabel: ctx.actor.label },
    },
    createdByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    createdAt: ctx.now(),
  });
}

/**
 * The data of a stored snapshot in the shape of the form: the owner's own lead row left out of
 * the partners (it is implied), the workflow step apart. Snapshots written before steps were
 * recorded have no step.
 */
export function snapshotData(snapshot: unknown): {
  data: InitiativeDraft;
  step: VersionStep | null;
} {
  const { workflow, ...rest } = (snapshot ?? {}) as Record<string, unknown> & {
    workflow?: VersionStep;
  };
  const data = rest as unknown as InitiativeDraft;
  const partners = (data.partners ?? []).filter(
    (p) => !(p.organisationId === data.ownerOrganisationId && p.role === 'lead'),
  );
  return {
    data: {
      ...data,
      titleEn: data.titleEn ?? null,
      summaryEn: data.summaryEn ?? null,
      descriptionEn: data.descriptionEn ?? null,
      description: data.description ?? '',
      partners,
      funding: data.funding ?? [],
      perspectiveIds: data.perspectiveIds ?? [],
      sdgTargetCodes: data.sdgTargetCodes ?? [],
      measureIds: data.measureIds ?? [],
    },
    step: workflow ?? null,
  };
}

function selectVersions(db: Db, initiativeId: number, version?: number) {
  return db
    .select({
      version: initiativeVersions.version,
      snapshot: initiativeVersions.snapshot,
      createdAt: initiativeVersions.createdAt,
      name: users.name,
      email: users.email,
    })
    .from(initiativeVersions)
    .leftJoin(users, eq(users.id, initiativeVersions.createdByUserId))
    .where(
      and(
        eq(initiativeVersions.initiativeId, initiativeId),
        version === undefined ? undefined : eq(initiativeVersions.version, version),
      ),
    )
    .orderBy(asc(initiativeVersions.version), asc(initiativeVersions.id));
}

function toVersionRow(r: Awaited<ReturnType<typeof selectVersions>>[number]): VersionRow {
  const { data, step } = snapshotData(r.snapshot);
  return {
    version: r.version,
    data,
    step,
    createdAt: r.createdAt,
    createdBy: r.name || r.email || step?.actorLabel || null,
  };
}

/** Every version of an initiative, oldest first, with who made it. */
export async function listVersions(db: Db, initiativeId: number): Promise<VersionRow[]> {
  return (await selectVersions(db, initiativeId)).map(toVersionRow);
}

/** One version, or null. */
export async function getVersion(
  db: Db,
  initiativeId: number,
  version: number,
): Promise<VersionRow | null> {
  const rows = await selectVersions(db, initiativeId, version);
  return rows.length > 0 ? toVersionRow(rows[rows.length - 1]!) : null;
}
