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
import { threeWayMerge, type MergeChoice } from './threeWayMerge.js';
import type { InitiativeField } from './versionDiff.js';
import { initiativePolicy } from './policies.js';
import { checkInitiativeReferences } from './references.js';

export interface UpdateInitiativeInput {
  initiativeId: number;
  /** The version the editor started from; a save on top of a newer version is refused. */
  expectedVersion: number;
  data: InitiativeDraftInput;
  /** Set when the data is an earlier version brought back. */
  restoredFromVersion?: number;
  /**
   * The values the editor's form was read at. With them, a save on top of a newer version is
   * merged field by field (threeWayMerge) instead of refused.
   */
  base?: InitiativeDraftInput;
  /** The editor's choice for each field both changed. */
  choices?: Partial<Record<InitiativeField, MergeChoice>>;
}

/** What the other person saved, so the editor can compare it with their own change. */
export interface VersionConflict {
  version: number;
  /** The values the editor would now edit (a proposed change where one is open). */
  values: InitiativeDraft;
  changedBy: string | null;
  changedAt: Date;
  /** After a merge: the fields both changed differently, to be chosen; nothing was saved. */
  fields?: InitiativeField[];
  /** After a merge: the values with every other field decided (the other's where only they changed). */
  merged?: InitiativeDraft;
}

export type UpdateInitiativeResult =
  | {
      ok: true;
      value: {
        id: number;
        version: number;
        mode: 'direct' | 'proposal';
        /** Whether the save moved an open proposal onto the new version (its author is told). */
        rebased: boolean;
      };
    }
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
    const stored = (await loadInitiativeData(tx.db, row.id))!;
    const current = mode === 'proposal' && stored.pending ? stored.pending : stored.data;
    let data: InitiativeDraftInput = input.data;
    // A field the editor chose to keep as it was saved takes the value the form was read at.
    if (input.base && input.choices) {
      const kept = Object.entries(input.choices).filter(([, c]) => c === 'theirs');
      const base = input.base as Record<string, unknown>;
      data = { ...data, ...Object.fromEntries(kept.map(([f]) => [f, base[f]])) };
    }
    if (input.expectedVersion !== row.version) {
      const last = await getVersion(tx.db, row.id, row.version);
      const conflict = {
        version: row.version,
        values: current,
        changedBy: last?.createdBy ?? null,
        changedAt: last?.createdAt ?? row.updatedAt,
      };
      const base = input.base ? initiativeDraftSchema.safeParse(input.base) : null;
      const mine = initiativeDraftSchema.safeParse(data);
      if (!base?.success) {
        return {
          ok: false,
          issues: [
            issue(
              'expectedVersion',
              'Någon annan har sparat insatsen medan du ändrade den. Ingenting av din ändring är sparat.',
              'stale_version',
            ),
          ],
          conflict,
        };
      }
      // A value that is wrong in itself is named first, as on any save.
      if (!mine.success) {
        const named = parseInput(initiativeDraftSchema, data);
        return fail(named.ok ? [] : named.issues);
      }
      const merge = threeWayMerge(base.data, current, mine.data, input.choices);
      if (merge.conflicts.length > 0) {
        return {
          ok: false,
          issues: [
            issue(
              'expectedVersion',
              'Någon annan har ändrat samma fält som du medan du arbetade. Välj för varje fält nedan vilket värde som ska gälla. Ingenting är sparat än.',
              'merge_conflict',
            ),
          ],
          conflict: {
            ...conflict,
            fields: merge.conflicts,
            // For the form: the merge, with the editor's own value in each field to choose.
            merged: {
              ...merge.merged,
              ...Object.fromEntries(merge.conflicts.map((f) => [f, mine.data[f]])),
            },
          },
        };
      }
      data = merge.merged;
    }
    // A draft saves as it is; a published record (or a change proposed to it) stays complete.
    const draft = row.workflowState === 'utkast' || row.workflowState === 'returnerad';
    const parsed = parseInput(draft ? initiativeDraftSchema : initiativeSchema, data);
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
    const before = stored;
    const restored = input.restoredFromVersion;
    if (mode === 'direct') {
      // An open proposal is moved onto the new record: see rebaseProposal.
      const rebased = stored.pending ? rebaseProposal(stored, v) : null;
      await tx.db
        .update(initiatives)
        .set({
          ...initiativeColumns(v),
          version,
          updatedAt: ctx.now(),
          ...(rebased
            ? {
                pendingChanges: rebased.pending,
                pendingBase: rebased.base,
                pendingRebasedAt: ctx.now(),
              }
            : {}),
        })
        .where(eq(initiatives.id, row.id));
      await writeInitiativeRelations(tx.db, row.id, v, true);
    }
    const pendingState = mode === 'proposal' ? (row.pendingState ?? 'utkast') : row.pendingState;
    if (mode === 'proposal') {
      await tx.db
        .update(initiatives)
        .set({
          pendingChanges: v,
          pendingState,
          version,
          updatedAt: ctx.now(),
          // The first save of a proposal records the published values it is made from.
          ...(stored.pending ? {} : { pendingBase: stored.data, pendingRebasedAt: null }),
        })
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
    return {
      ok: true,
      value: { id: row.id, version, mode, rebased: Boolean(stored.pending) && mode === 'direct' },
    };
  });
}

/**
 * A curator's direct save while a proposal is open moves the proposal onto the new record: what
 * only the proposal changed stays proposed, what only the curator changed is taken in. A field
 * both changed keeps the proposal's value and its old base, so approving it later shows the
 * two side by side instead of reverting the curator's change unseen.
 */
export function rebaseProposal(
  stored: {
    pending: InitiativeDraft | null;
    pendingBase: InitiativeDraft | null;
    data: InitiativeDraft;
  },
  saved: InitiativeDraft,
): { pending: InitiativeDraft; base: InitiativeDraft } {
  const proposal = stored.pending!;
  const oldBase = stored.pendingBase ?? stored.data;
  const { merged, conflicts } = threeWayMerge(oldBase, saved, proposal);
  const pending = { ...merged } as Record<string, unknown>;
  const base = { ...saved } as Record<string, unknown>;
  for (const f of conflicts) {
    pending[f] = proposal[f];
    base[f] = oldBase[f];
  }
  return { pending: pending as InitiativeDraft, base: base as InitiativeDraft };
}
