import { isCurator } from '../actors/policies.js';
import type { Actor } from '../context.js';

const isAnalyst = (actor: Actor) => actor.kind === 'user' && actor.role === 'analytiker';

/**
 * What the follow-up work allows, by role. Analysts (`analytiker`) do the analysis: they keep
 * the indicator catalogue, start and retry imports, enter and upload an indicator's own values
 * and read every record. Making an indicator public is the Region's editors' step, so a draft
 * an analyst prepares is reviewed before the portal shows it.
 *
 * | may                                               | analytiker | samordnare, admin |
 * | ------------------------------------------------- | ---------- | ----------------- |
 * | indicator catalogue: create (as draft) and edit   | yes        | yes               |
 * | imports: start, follow, retry                     | yes        | yes               |
 * | own values: enter in the table, upload CSV/XLSX   | yes        | yes               |
 * | publish a draft indicator                         | no         | yes               |
 */
export const analysisPolicy = {
  /** The indicator catalogue, imports and an indicator's own values. */
  analyse: (actor: Actor) => isCurator(actor) || isAnalyst(actor),
  /** Make a draft indicator public. */
  publishIndicator: (actor: Actor) => isCurator(actor),
  /** Read every record, of every organisation, in any state. */
  readAll: (actor: Actor) => isCurator(actor) || isAnalyst(actor),
};
