import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  goalAreas,
  goals,
  initiatives,
  organisations,
  perspectives,
  places,
  sdgTargets,
} from '../../db/schema/index.js';
import { goalColumns, personalAddresses } from '../opendata/initiativeQueries.js';
import { partnerRoles, type InitiativeDraft } from './initiativeSchema.js';
import type { InitiativeDetail } from './queries.js';

/**
 * An initiative's values (a draft, a submitted record or an open change proposal) in the shape
 * the public page reads, with every id resolved to its name and sorted as the published loader
 * sorts: the preview shows the record as the portal will show it once it is approved. A contact
 * address that is someone's sign-in address is left out, as on the portal.
 */
export async function previewInitiative(
  db: Db,
  id: number,
  values: InitiativeDraft,
): Promise<InitiativeDetail | null> {
  const [row] = await db.select().from(initiatives).where(eq(initiatives.id, id));
  if (!row) return null;
  const orgIds = [
    values.ownerOrganisationId,
    ...values.partners.map((p) => p.organisationId),
  ].filter((v) => v > 0);
  const none = [-1];
  const [orgRows, placeRows, goalRows, perspectiveRows, sdgRows, personal] = await Promise.all([
    db
      .select({
        id: organisations.id,
        name: organisations.name,
        slug: organisations.slug,
        kind: organisations.kind,
      })
      .from(organisations)
      .where(inArray(organisations.id, orgIds.length > 0 ? orgIds : none)),
    db
      .select({
        code: places.code,
        nameSv: places.nameSv,
        nameEn: places.nameEn,
        kind: places.kind,
      })
      .from(places)
      .where(inArray(places.code, values.placeCodes.length > 0 ? values.placeCodes : ['']))
      .orderBy(asc(places.code)),
    db
      .select(goalColumns)
      .from(goals)
      .innerJoin(goalAreas, eq(goalAreas.id, goals.goalAreaId))
      .where(inArray(goals.id, values.goalIds.length > 0 ? values.goalIds : none))
      .orderBy(asc(goalAreas.position), asc(goals.position)),
    db
      .select({ slug: perspectives.slug, nameSv: perspectives.nameSv, nameEn: perspectives.nameEn })
      .from(perspectives)
      .where(
        inArray(perspectives.id, values.perspectiveIds.length > 0 ? values.perspectiveIds : none),
      )
      .orderBy(asc(perspectives.position)),
    db
      .select({
        code: sdgTargets.code,
        goalNumber: sdgTargets.goalNumber,
        titleEn: sdgTargets.titleEn,
      })
      .from(sdgTargets)
      .where(
        inArray(sdgTargets.code, values.sdgTargetCodes.length > 0 ? values.sdgTargetCodes : ['']),
      )
      .orderBy(asc(sdgTargets.goalNumber), asc(sdgTargets.position)),
    personalAddresses(db, [values.contactEmail]),
  ]);
  const org = new Map(orgRows.map((o) => [o.id, o]));
  const owner = org.get(values.ownerOrganisationId);
  if (!owner) return null;
  const partners = values.partners
    .flatMap((p) => {
      const o = org.get(p.organisationId);
      return o ? [{ name: o.name, kind: o.kind, role: p.role }] : [];
    })
    .sort(
      (a, b) =>
        partnerRoles.indexOf(a.role) - partnerRoles.indexOf(b.role) ||
        a.name.localeCompare(b.name, 'sv'),
    );
  const funding = values.funding
    .map((f) => ({ source: f.source, amountSek: f.amountSek, year: f.year }))
    .sort((a, b) => a.year - b.year || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const contact = values.contactEmail;
  return {
    initiative: {
      ...row,
      title: values.title,
      summary: values.summary,
      description: values.description,
      titleEn: values.titleEn,
      summaryEn: values.summaryEn,
      descriptionEn: values.descriptionEn,
      status: values.status,
      startDate: values.startDate,
      endDate: values.endDate,
      ownerOrganisationId: values.ownerOrganisationId,
      diarienummer: values.diarienummer,
      contactEmail: contact && personal.has(contact.toLowerCase()) ? null : contact,
      exampleOfYear: values.exampleOfYear,
      isDemo: values.isDemo,
    },
    owner: { id: owner.id, name: owner.name, slug: owner.slug },
    partners,
    funding,
    places: placeRows,
    goals: goalRows,
    perspectives: perspectiveRows,
    sdgTargets: sdgRows,
  };
}
