import { eq } from 'drizzle-orm';
import { initiatives, memberships } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { submissionIssues } from './initiativeSchema.js';
import { proposalMerge, type MergeChoice } from './threeWayMerge.js';
import type { InitiativeField } from './versionDiff.js';
import { loadInitiativeData, loadInitiativeState } from './initiativeData.js';
import { initiativeColumns, writeInitiativeRelations } from './initiativeRelations.js';
import { appendVersion } from './initiativeVersions.js';
import {
  checkTransition,
  pendingTransitions,
  type WorkflowAction,
  type WorkflowState,
} from './workflow.js';

const changeActions: Partial<
  Record<WorkflowAction, 'change_submitted' | 'change_approved' | 'change_returned'>
> = {
  submit: 'change_submitted',
  approve: 'change_approved',
  return: 'change_returned',
};

/**
 * Moves an initiative through the approval workflow; the policy is checked here, on the server.
 * When a change to a published initiative is open, submit, approve and return act on the
 * change: approval applies it to the record as a new version. Every step is a version and an
 * audit event; with `expectedVersion`, a step taken on a stale page is refused (409).
 */
export async function transitionInitiative(
  ctx: Ctx,
  input: {
    initiativeId: number;
    action: WorkflowAction;
    comment?: string;
    expectedVersion?: number;
    /** Approving a proposal: the approver's choice for each field both it and a later change set. */
    choices?: Partial<Record<InitiativeField, MergeChoice>>;
  },
): Promise<{ id: number; from: WorkflowState; to: WorkflowState }> {
  return inTransaction(ctx, async (tx) => {
    const row = await loadInitiativeState(tx.db, input.initiativeId, true);
    if (!row) throw new NotFoundError('Insatsen finns inte.');
    if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
      throw new ConflictError(
        'Insatsen har ändrats sedan du öppnade sidan. Ladda om sidan och försök igen.',
        'stale_version',
      );
    }
    let isOwnerEditor = false;
    if (ctx.actor.kind === 'user') {
      const m = await tx.db
        .select({ organisationId: memberships.organisationId })
        .from(memberships)
        .where(eq(memberships.userId, ctx.actor.userId));
      // Only organisation members with the actor role edit; readers (analytiker) only read.
      isOwnerEditor =
        ctx.actor.role === 'aktor' && m.some((x) => x.organisationId === row.ownerOrganisationId);
    }
    const who = {
      role: ctx.actor.kind === 'user' ? ctx.actor.role : ('system' as const),
      isOwnerEditor,
    };
    if (
      input.action === 'archive' &&
      row.workflowState === 'publicerad' &&
      who.role !== 'system' &&
      who.role !== 'admin' &&
      who.role !== 'samordnare'
    ) {
      throw new ForbiddenError(
        'Det är Regionen som arkiverar en publicerad insats. Begär arkivering i stället.',
      );
    }
    const onChange =
      row.workflowState === 'publicerad' &&
      row.pendingState != null &&
      input.action in changeActions;
    const checked = onChange
      ? checkTransition(row.pendingState!, input.action, who, pendingTransitions)
      : checkTransition(row.workflowState, input.action, who);
    // Restoring returns the record to the state it had before it was archived.
    const check =
      checked.ok && input.action === 'restore'
        ? { ok: true as const, to: row.archivedFromState ?? checked.to }
        : checked;
    if (!check.ok) {
      if (check.code === 'forbidden') throw new ForbiddenError(check.message);
      throw new ConflictError(check.message, check.code);
    }
    const now = ctx.now();
    const version = row.version + 1;
    const comment = input.comment?.trim() || null;
    const stored = (await loadInitiativeData(tx.db, row.id))!;
    if (input.action === 'submit' && !onChange) {
      const missing = submissionIssues(stored.data);
      if (missing.length > 0) {
        throw new ValidationError(
          missing,
          'Insatsen är inte färdig att skicka in. Fyll i det som saknas och försök igen.',
        );
      }
    }
    let data = stored.data;
    let proposal = false;
    if (onChange) {
      const applied = input.action === 'approve';
      data = stored.pending ?? stored.data;
      if (applied) {
        // Made on an older version: only what the proposal changed is applied (see proposalMerge).
        const merge = proposalMerge(stored, input.choices);
        if (merge.conflicts.length > 0) {
          throw new ConflictError(
            'Förslaget och en senare ändring har ändrat samma fält. Välj vilket värde som ska gälla.',
            'merge_conflict',
          );
        }
        data = merge.merged;
      }
      proposal = !applied;
      if (applied) {
        await tx.db
          .update(initiatives)
          .set(initiativeColumns(data))
          .where(eq(initiatives.id, row.id));
        await writeInitiativeRelations(tx.db, row.id, data, true);
      }
      await tx.db
        .update(initiatives)
        .set({
          version,
          updatedAt: now,
          pendingChanges: applied ? null : undefined,
          pendingState: applied ? null : check.to,
          pendingComment: input.action === 'return' ? comment : applied ? null : undefined,
          pendingBase: applied ? null : undefined,
          pendingRebasedAt: applied ? null : undefined,
        })
        .where(eq(initiatives.id, row.id));
    } else {
      const archived = check.to === 'arkiverad';
      await tx.db
        .update(initiatives)
        .set({
          workflowState: check.to,
          version,
          updatedAt: now,
          publishedAt: check.to === 'publicerad' ? (row.publishedAt ?? now) : row.publishedAt,
          returnComment: input.action === 'return' ? comment : undefined,
          // An open change is kept in the versions; archiving closes it, and any request for it.
          pendingChanges: archived ? null : undefined,
          pendingState: archived ? null : undefined,
          pendingComment: archived ? null : undefined,
          pendingBase: archived ? null : undefined,
          archiveRequest: archived ? null : undefined,
          archivedFromState: archived ? row.workflowState : null,
        })
        .where(eq(initiatives.id, row.id));
    }
    const state = onChange ? 'publicerad' : check.to;
    let pendingState: WorkflowState | null = null;
    if (onChange) pendingState = input.action === 'approve' ? null : check.to;
    else if (check.to !== 'arkiverad') pendingState = row.pendingState;
    await appendVersion(tx, row.id, version, data, {
      action: onChange ? changeActions[input.action]! : input.action,
      state,
      pendingState,
      comment,
      proposal,
    });
    await recordAuditEvent(tx, {
      action: onChange
        ? `initiative.${changeActions[input.action]!}`
        : `initiative.${input.action}`,
      entityType: 'initiative',
      entityId: row.id,
      before: {
        workflowState: row.workflowState,
        pendingState: row.pendingState,
        version: row.version,
      },
      after: { workflowState: state, pendingState, version, comment },
    });
    return { id: row.id, from: onChange ? row.pendingState! : row.workflowState, to: check.to };
  });
}
