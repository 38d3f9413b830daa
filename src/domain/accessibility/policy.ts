import { isCurator } from '../actors/policies.js';
import type { Actor } from '../context.js';

/** Who may do what with visitors' accessibility reports (DOS-lagen's feedback function). */
export const accessibilityReportPolicy = {
  /** The Region's administrators and coordinators read the reports and mark them handled. */
  handle: (actor: Actor): boolean => isCurator(actor),
};
