import { and, desc, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { initiatives } from '../../db/schema/index.js';
import type { Actor } from '../../domain/context.js';
import { html, type SafeHtml } from '../html.js';
import type { Locale } from '../i18n/index.js';

const words = {
  sv: {
    heading: 'Dina ändringsförslag bygger på en ny version',
    lead: 'En samordnare har ändrat de här publicerade insatserna medan ert förslag var öppet. Förslagen bygger nu på den nya versionen och era ändringar är kvar. Se över dem, ändra eller dra tillbaka dem.',
  },
  en: {
    heading: 'Your change proposals build on a new version',
    lead: 'A coordinator changed these published initiatives while your proposal was open. The proposals now build on the new version and keep your changes. Review, change or withdraw them.',
  },
};

/** The open proposals of the actor's organisations that a coordinator's edit moved on. */
export async function rebasedProposals(
  db: Db,
  actor: Actor,
): Promise<{ id: number; title: string }[]> {
  if (actor.kind !== 'user' || actor.organisationIds.length === 0) return [];
  return db
    .select({ id: initiatives.id, title: initiatives.title })
    .from(initiatives)
    .where(
      and(
        inArray(initiatives.ownerOrganisationId, actor.organisationIds),
        isNotNull(initiatives.pendingChanges),
        isNotNull(initiatives.pendingRebasedAt),
      ),
    )
    .orderBy(desc(initiatives.pendingRebasedAt))
    .limit(50);
}

/**
 * The notice on the actor's overview: each open proposal of their organisation that a
 * coordinator's edit moved onto a newer version, with a link to it. Empty when there is none.
 */
export async function rebasedProposalsNotice(
  db: Db,
  actor: Actor,
  locale: Locale,
): Promise<SafeHtml | ''> {
  const rows = await rebasedProposals(db, actor);
  if (rows.length === 0) return '';
  const w = words[locale];
  return html`<section class="message" role="status" aria-labelledby="rebased-heading"><h2 id="rebased-heading">${w.heading}</h2><p>${w.lead}</p>
<ul>${rows.map((r) => html`<li><a href="/admin/insatser/${r.id}">${r.title}</a></li>`)}</ul></section>`;
}
