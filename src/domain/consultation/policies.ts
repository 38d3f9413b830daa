import type { Actor } from '../context.js';
import { can } from '../actors/policies.js';

export type ConsultationStatus = 'planerad' | 'oppen' | 'stangd' | 'sammanstalld';

/**
 * Who may do what in a consultation. Editors (samordnare) and administrators run it: create,
 * open, close, invite, record meetings, moderate and compile. A response (remissvar) belongs to
 * its organisation: only that organisation's members read its draft, edit it and submit it —
 * not other organisations, not the public and not the editors, who see it once submitted.
 */
export const consultationPolicy = {
  manage(actor: Actor): boolean {
    return can(actor, 'strategy.manage');
  },
  /** Reading the organisation's own response, draft included: its members only. */
  readOwn(actor: Actor, organisationId: number): boolean {
    if (actor.kind === 'system') return true;
    return actor.organisationIds.includes(organisationId);
  },
  /** Writing it: members who are not read-only analysts (system actors for seeds and tests). */
  respond(actor: Actor, organisationId: number): boolean {
    if (actor.kind === 'system') return true;
    return actor.role !== 'analytiker' && actor.organisationIds.includes(organisationId);
  },
};

export const manageForbidden = 'Bara samordnare och administratörer får hantera samråd.';
export const respondForbidden =
  'Bara medlemmar i den inbjudna organisationen får skriva dess remissvar.';

/** Today's date in Sweden as YYYY-MM-DD: periods and deadlines are Swedish calendar days. */
export function swedishDate(d: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(d);
}

/**
 * The status the dates give: a planned consultation is open from its first day, and an open one
 * is closed after its last day. Editors may open early or close early; the compilation is final.
 */
export function effectiveStatus(
  c: { status: ConsultationStatus; opensOn: string; closesOn: string },
  now: Date,
): ConsultationStatus {
  const today = swedishDate(now);
  if (c.status === 'sammanstalld' || c.status === 'stangd') return c.status;
  if (today > c.closesOn) return 'stangd';
  if (c.status === 'oppen') return 'oppen';
  return today >= c.opensOn ? 'oppen' : 'planerad';
}

/** Whether the public may see the consultation and its draft: only once it has opened. */
export const isPublic = (status: ConsultationStatus): boolean => status !== 'planerad';
