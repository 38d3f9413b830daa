import type { InitiativeDetail } from './queries.js';

/**
 * The published shape of an initiative. Views, the API and downloads all read this, so a field
 * leaves the server only if it is listed here. The contact mailbox is functional by policy and
 * is the only contact detail published.
 */
export function presentInitiative(d: InitiativeDetail) {
  const i = d.initiative;
  return {
    id: i.id,
    title: i.title,
    summary: i.summary,
    description: i.description,
    // Published records are complete (submitting checks it); a draft's empty fields read as
    // planned and undated only in the admin area's previews.
    status: i.status ?? 'planerad',
    start_date: i.startDate ?? '',
    end_date: i.endDate,
    owner: { id: d.owner.id, name: d.owner.name, slug: d.owner.slug },
    partners: d.partners.map((p) => ({ name: p.name, kind: p.kind, role: p.role })),
    funding: d.funding.map((f) => ({ source: f.source, amount_sek: f.amountSek, year: f.year })),
    funding_total_sek: d.funding.reduce((s, f) => s + f.amountSek, 0),
    places: d.places.map((p) => ({ code: p.code, name: p.nameSv, kind: p.kind })),
    goals: d.goals.map((g) => ({ code: g.code, name: g.nameSv, goal_area: g.areaSlug })),
    perspectives: d.perspectives.map((p) => ({ slug: p.slug, name: p.nameSv })),
    sdg_targets: d.sdgTargets.map((t) => t.code),
    diarienummer: i.diarienummer,
    contact_email: i.contactEmail,
    example_of_year: i.exampleOfYear,
    is_demo: i.isDemo,
    published_at: i.publishedAt?.toISOString() ?? null,
    updated_at: i.updatedAt.toISOString(),
  };
}

export type PresentedInitiative = ReturnType<typeof presentInitiative>;
