import { eq } from 'drizzle-orm';
import { initiatives } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { fail, issue, parseInput, type Issue } from '../result.js';
import { loadInitiativeData, loadInitiativeState } from './initiativeData.js';
import { initiativeColumns, writeInitiativeRelations } from './initiativeRelations.js';
import {
  initiativeDraftSchema,
  initiativeSchema,
  type InitiativeDraft,
  type InitiativeDraftInput,
} from './initiativeSchema.js';
import { appendVersion, getVersion } from './initiativeVersions.js';
import { initiativePolicy } from './policies.js';
import { checkInitiativeReferences } from './references.js';

export interface UpdateInitiativeInput {
  initiativeId: number;
  /** The version the editor started from; a save on top of a newer version is refused. */
  expectedVersion: number;
  data: InitiativeDraftInput;
  /** Set when the data is an earlier version brought back. */
  restoredFromVersion?: number;
}

/** What the other person saved, so the editor can compare it with their own change. */
export interface VersionConflict {
  version: number;
  /** The values the editor would now edit (a proposed change where one is open). */
  values: InitiativeDraft;
  changedBy: string | null;
  changedAt: Date;
}

export type UpdateInitiativeResult =
  | { ok: true; value: { id: number; version: number; mode: 'direct' | 'proposal' } }
  | { ok: false; issues: Issue[]; conflict?: VersionConflict };

/**
 * Saves every field of an initiative as a new version, with optimistic locking: the input names
 * the version it was made from, and a save on top of a newer version writes nothing and returns
 * the current values and who changed them. Curators (and members on drafts) change the record
 * directly; a member's change to a published initiative becomes a proposal waiting for
 * approval (`pending_changes`) while the published record stays on the portal.
 */
export async function updateInitiative(
  ctx: Ctx,
  input: UpdateInitiativeInput,
): Promise<UpdateInitiativeResult> {
  return inTransaction(ctx, async (tx) => {
    const row = await loadInitiativeState(tx.db, input.initiativeId, true);
    if (!row || !initiativePolicy.read(ctx.actor, row))
      throw new NotFoundError('Insatsen finns inte.');
    if (!initiativePolicy.edit(ctx.actor, row)) {
      throw new ForbiddenError('Du kan inte ändra insatsen i det här läget.');
    }
    const mode = initiativePolicy.editMode(ctx.actor, row);
    if (input.expectedVersion !== row.version) {
      const stored = (await loadInitiativeData(tx.db, row.id))!;
      const last = await getVersion(tx.db, row.id, row.version);
      return {
        ok: false,
        issues: [
          issue(
            'expectedVersion',
            'Någon annan har sparat insatsen medan du ändrade den. Ingenting av din ändring är sparat.',
            'stale_version',
          ),
        ],
        conflict: {
          version: row.version,
          values: mode === 'proposal' && stored.pending ? stored.pending : stored.data,
          changedBy: last?.createdBy ?? null,
          changedAt: last?.createdAt ?? row.updatedAt,
        },
      };
    }
    // A draft saves as it is; a published record (or a change proposed to it) stays complete.
    const draft = row.workflowState === 'utkast' || row.workflowState === 'returnerad';
    const parsed = parseInput(draft ? initiativeDraftSchema : initiativeSchema, input.data);
    if (!parsed.ok) return parsed;
    const v = parsed.value;
    if (
      v.ownerOrganisationId !== row.ownerOrganisationId &&
      !initiativePolicy.create(ctx.actor, v.ownerOrganisationId)
    ) {
      return fail([
        issue(
          'ownerOrganisationId',
          'Du kan bara flytta insatsen till en organisation du är medlem i.',
          'forbidden',
        ),
      ]);
    }
    const refIssues = await checkInitiativeReferences(tx.db, row.strategyId, v);
    if (refIssues.length > 0) return fail(refIssues);

    const version = row.version + 1;
    const before = await loadInitiativeData(tx.db, row.id);
    const restored = input.restoredFromVersion;
    if (mode === 'direct') {
      await tx.db
        .update(initiatives)
        .set({ ...initiativeColumns(v), version, updatedAt: ctx.now() })
        .where(eq(initiatives.id, row.id));
      await writeInitiativeRelations(tx.db, row.id, v, true);
    }
    const pendingState = mode === 'proposal' ? (row.pendingState ?? 'utkast') : row.pendingState;
    if (mode === 'proposal') {
      await tx.db
        .update(initiatives)
        .set({ pendingChanges: v, pendingState, version, updatedAt: ctx.now() })
        .where(eq(initiatives.id, row.id));
    }
    await appendVersion(tx, row.id, version, v, {
      action: restored ? 'restored' : mode === 'proposal' ? 'change_proposed' : 'updated',
      state: row.workflowState,
      pendingState,
      proposal: mode === 'proposal',
      ...(restored ? { restoredFromVersion: restored } : {}),
    });
    await recordAuditEvent(tx, {
      action: restored
        ? 'initiative.version_restored'
        : mode === 'proposal'
          ? 'initiative.change_proposed'
          : 'initiative.updated',
      entityType: 'initiative',
      entityId: row.id,
      before: { version: row.version, data: mode === 'proposal' ? before?.pending : before?.data },
      after: { version, data: v, restoredFromVersion: restored ?? null },
    });
    return { ok: true, value: { id: row.id, version, mode } };
  });
}
