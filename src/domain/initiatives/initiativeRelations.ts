import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  fundingLines,
  initiativeGoals,
  initiativeMeasures,
  initiativePartners,
  initiativePerspectives,
  initiativePlaces,
  initiativeSdgTargets,
} from '../../db/schema/index.js';
import { refreshFacetKeys } from './facetKeys.js';
import type { InitiativeDraft } from './initiativeSchema.js';

export type PartnerRow = InitiativeDraft['partners'][number];

/** The stored columns of an initiative that come straight from its form. */
export function initiativeColumns(v: InitiativeDraft) {
  return {
    title: v.title,
    summary: v.summary,
    description: v.description,
    titleEn: v.titleEn,
    summaryEn: v.summaryEn,
    descriptionEn: v.descriptionEn,
    status: v.status,
    startDate: v.startDate,
    endDate: v.endDate,
    ownerOrganisationId: v.ownerOrganisationId,
    diarienummer: v.diarienummer,
    contactEmail: v.contactEmail,
    exampleOfYear: v.exampleOfYear,
    isDemo: v.isDemo,
  };
}

/** The partners as stored: the owner as lead first, then the others, each pair once. */
export function storedPartners(v: InitiativeDraft): PartnerRow[] {
  const seen = new Set<string>();
  return [{ organisationId: v.ownerOrganisationId, role: 'lead' as const }, ...v.partners].filter(
    (p) => {
      const key = `${p.organisationId}:${p.role}`;
      return seen.has(key) ? false : (seen.add(key), true);
    },
  );
}

const relationTables = [
  initiativePartners,
  fundingLines,
  initiativePlaces,
  initiativeGoals,
  initiativePerspectives,
  initiativeSdgTargets,
  initiativeMeasures,
] as const;

/**
 * Writes the relations of an initiative (partners, funding, places, goals, perspectives, Agenda
 * 2030 targets, measures), replacing what was there, and refreshes its facet keys. Returns the
 * partners as stored.
 */
export async function writeInitiativeRelations(
  db: Db,
  id: number,
  v: InitiativeDraft,
  replace: boolean,
): Promise<PartnerRow[]> {
  if (replace) {
    for (const table of relationTables) await db.delete(table).where(eq(table.initiativeId, id));
  }
  const partners = storedPartners(v);
  const unique = <T>(xs: T[]) => [...new Set(xs)];
  await db.insert(initiativePartners).values(partners.map((p) => ({ initiativeId: id, ...p })));
  if (v.funding.length > 0) {
    await db.insert(fundingLines).values(
      v.funding.map((f) => ({
        initiativeId: id,
        source: f.source,
        amountSek: f.amountSek,
        year: f.year,
        funderOrganisationId: f.funderOrganisationId ?? null,
      })),
    );
  }
  // A draft may have no places or goals yet.
  if (v.placeCodes.length > 0) {
    await db
      .insert(initiativePlaces)
      .values(unique(v.placeCodes).map((placeCode) => ({ initiativeId: id, placeCode })));
  }
  if (v.goalIds.length > 0) {
    await db
      .insert(initiativeGoals)
      .values(unique(v.goalIds).map((goalId) => ({ initiativeId: id, goalId })));
  }
  if (v.perspectiveIds.length > 0) {
    await db
      .insert(initiativePerspectives)
      .values(
        unique(v.perspectiveIds).map((perspectiveId) => ({ initiativeId: id, perspectiveId })),
      );
  }
  if (v.sdgTargetCodes.length > 0) {
    await db
      .insert(initiativeSdgTargets)
      .values(
        unique(v.sdgTargetCodes).map((sdgTargetCode) => ({ initiativeId: id, sdgTargetCode })),
      );
  }
  if (v.measureIds.length > 0) {
    await db
      .insert(initiativeMeasures)
      .values(unique(v.measureIds).map((measureId) => ({ initiativeId: id, measureId })));
  }
  await refreshFacetKeys(db, [id]);
  return partners;
}
