import { isCurator } from '../actors/policies.js';
import type { Actor } from '../context.js';

/**
 * Who may do what with progress reports and reporting periods. Owners (members of the owning
 * organisation with the actor role) write and submit; the Region's curators configure periods
 * and review. Readers (analysts) only read.
 */
export const progressReportPolicy = {
  /** Write, save, submit or check in a report for an initiative of this organisation. */
  report(actor: Actor, ownerOrganisationId: number): boolean {
    if (isCurator(actor)) return true;
    return (
      actor.kind === 'user' &&
      actor.role === 'aktor' &&
      actor.organisationIds.includes(ownerOrganisationId)
    );
  },
  /** Read the reports (any state) of an initiative of this organisation. */
  read(actor: Actor, ownerOrganisationId: number): boolean {
    if (isCurator(actor)) return true;
    return actor.kind === 'user' && actor.organisationIds.includes(ownerOrganisationId);
  },
  review(actor: Actor): boolean {
    return isCurator(actor);
  },
  managePeriods(actor: Actor): boolean {
    return isCurator(actor);
  },
};
