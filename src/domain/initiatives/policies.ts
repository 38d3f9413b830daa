import type { Actor } from '../context.js';
import { isCurator } from '../actors/policies.js';
import type { WorkflowState } from './workflow.js';

/** The facts about an initiative that its policies read. */
export interface InitiativeFacts {
  ownerOrganisationId: number;
  workflowState: WorkflowState;
  /** The state of a proposed change to a published initiative, if one is open. */
  pendingState?: WorkflowState | null;
  /** Whether a member has asked the Region to archive the published initiative. */
  archiveRequest?: unknown;
}

const ownsOrganisation = (actor: Actor, organisationId: number) =>
  actor.kind === 'user' && actor.organisationIds.includes(organisationId);

const editableStates: readonly WorkflowState[] = ['utkast', 'returnerad'];

const isOwnerMember = (actor: Actor, i: InitiativeFacts) =>
  actor.kind === 'user' && actor.role === 'aktor' && ownsOrganisation(actor, i.ownerOrganisationId);

/** A proposed change to a published initiative that its owner may still work on. */
const openChange = (i: InitiativeFacts) =>
  i.workflowState === 'publicerad' &&
  (i.pendingState == null || editableStates.includes(i.pendingState));

/**
 * Initiative policies, one place for every front door. Published initiatives are public;
 * everything else is for the Region's curators and the owning organisation's members.
 */
export const initiativePolicy = {
  /** Register a new initiative owned by the organisation. */
  create(actor: Actor, ownerOrganisationId?: number): boolean {
    if (isCurator(actor)) return true;
    if (actor.kind !== 'user' || actor.role !== 'aktor') return false;
    return ownerOrganisationId === undefined || ownsOrganisation(actor, ownerOrganisationId);
  },
  read(actor: Actor | null, i: InitiativeFacts): boolean {
    if (i.workflowState === 'publicerad') return true;
    if (!actor) return false;
    return isCurator(actor) || ownsOrganisation(actor, i.ownerOrganisationId);
  },
  /**
   * What waits for approval and how the record came to be: an open change proposal (its state,
   * its diff, the Region's comment on it), the version history and the email address of every
   * editor. Only the owning organisation's members and the Region's curators; everyone else
   * who may read the initiative sees the published record only.
   */
  readWorkInProgress(actor: Actor | null, i: InitiativeFacts): boolean {
    if (!actor) return false;
    return isCurator(actor) || ownsOrganisation(actor, i.ownerOrganisationId);
  },
  /**
   * Change the initiative's fields. Curators edit every state but archived directly; members
   * edit their drafts, and propose changes to their published initiatives (see editMode).
   */
  edit(actor: Actor, i: InitiativeFacts): boolean {
    if (i.workflowState === 'arkiverad') return false;
    if (isCurator(actor)) return true;
    return isOwnerMember(actor, i) && (editableStates.includes(i.workflowState) || openChange(i));
  },
  /** Whether a save applies to the record or becomes a change proposed for approval. */
  editMode(actor: Actor, i: InitiativeFacts): 'direct' | 'proposal' {
    return !isCurator(actor) && i.workflowState === 'publicerad' ? 'proposal' : 'direct';
  },
  /** Submit a draft, or a proposed change of a published initiative, for approval. */
  submit(actor: Actor, i: InitiativeFacts): boolean {
    if (i.workflowState === 'publicerad') {
      return (
        i.pendingState != null &&
        editableStates.includes(i.pendingState) &&
        (isCurator(actor) || isOwnerMember(actor, i))
      );
    }
    return editableStates.includes(i.workflowState) && initiativePolicy.edit(actor, i);
  },
  approve(actor: Actor, i: InitiativeFacts): boolean {
    return isCurator(actor) && awaitingApproval(i);
  },
  return(actor: Actor, i: InitiativeFacts): boolean {
    return isCurator(actor) && awaitingApproval(i);
  },
  /**
   * Archive (never delete): curators; the owner's members archive what is not published. Taking
   * a published initiative off the portal is the Region's decision (see requestArchive).
   */
  archive(actor: Actor, i: InitiativeFacts): boolean {
    if (i.workflowState === 'arkiverad') return false;
    if (isCurator(actor)) return true;
    return isOwnerMember(actor, i) && i.workflowState !== 'publicerad';
  },
  /** Ask the Region to archive a published initiative: its members, once at a time. */
  requestArchive(actor: Actor, i: InitiativeFacts): boolean {
    return i.workflowState === 'publicerad' && isOwnerMember(actor, i) && !i.archiveRequest;
  },
  /** Turn down a member's request to archive: curators. */
  declineArchive(actor: Actor, i: InitiativeFacts): boolean {
    return isCurator(actor) && i.workflowState === 'publicerad' && !!i.archiveRequest;
  },
  /** Withdraw an open change proposal: its organisation's members and curators. */
  withdrawChange(actor: Actor, i: InitiativeFacts): boolean {
    return (
      i.workflowState === 'publicerad' &&
      i.pendingState != null &&
      (isCurator(actor) || isOwnerMember(actor, i))
    );
  },
  /** Bring an archived initiative back to the state it had before: curators only. */
  restore(actor: Actor, i: InitiativeFacts): boolean {
    return i.workflowState === 'arkiverad' && isCurator(actor);
  },
};

function awaitingApproval(i: InitiativeFacts): boolean {
  return (
    i.workflowState === 'inskickad' ||
    (i.workflowState === 'publicerad' && i.pendingState === 'inskickad')
  );
}
