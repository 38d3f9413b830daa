import type { Actor } from '../context.js';
import { isCurator } from '../actors/policies.js';
import type { WorkflowState } from './workflow.js';

/** The facts about an initiative that its policies read. */
export interface InitiativeFacts {
  ownerOrganisationId: number;
  workflowState: WorkflowState;
}

const ownsOrganisation = (actor: Actor, organisationId: number) =>
  actor.kind === 'user' && actor.organisationIds.includes(organisationId);

const editableStates: readonly WorkflowState[] = ['utkast', 'returnerad'];

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
  edit(actor: Actor, i: InitiativeFacts): boolean {
    if (i.workflowState === 'arkiverad') return false;
    if (isCurator(actor)) return true;
    return (
      actor.kind === 'user' &&
      actor.role === 'aktor' &&
      ownsOrganisation(actor, i.ownerOrganisationId) &&
      editableStates.includes(i.workflowState)
    );
  },
  submit(actor: Actor, i: InitiativeFacts): boolean {
    return editableStates.includes(i.workflowState) && initiativePolicy.edit(actor, i);
  },
  approve(actor: Actor, i: InitiativeFacts): boolean {
    return isCurator(actor) && i.workflowState === 'inskickad';
  },
  return(actor: Actor, i: InitiativeFacts): boolean {
    return isCurator(actor) && i.workflowState === 'inskickad';
  },
};
