import type { Actor } from '../context.js';
import { can } from '../actors/policies.js';

/**
 * Strategy version policies: drafting, editing content, comparing and adopting are for the
 * Region's editors (samordnare) and administrators. Drafts are never public.
 */
export const strategyVersionPolicy = {
  manage(actor: Actor): boolean {
    return can(actor, 'strategy.manage');
  },
};

export const forbiddenMessage =
  'Bara samordnare och administratörer får ändra strategins innehåll.';
