import { and, eq, inArray } from 'drizzle-orm';
import {
  goalAreas,
  goals,
  measures,
  organisations,
  perspectives,
  places,
  sdgTargets,
} from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { issue, type Issue } from '../result.js';
import type { InitiativeDraft } from './initiativeSchema.js';

/** Checks that every record an initiative points at exists and belongs to its strategy. */
export async function checkInitiativeReferences(
  db: Db,
  strategyId: number,
  v: InitiativeDraft,
): Promise<Issue[]> {
  const issues: Issue[] = [];
  const orgIds = unique([
    v.ownerOrganisationId,
    ...v.partners.map((p) => p.organisationId),
    ...v.funding.flatMap((f) => (f.funderOrganisationId ? [f.funderOrganisationId] : [])),
  ]);
  const foundOrgs = new Set(
    (
      await db
        .select({ id: organisations.id })
        .from(organisations)
        .where(inArray(organisations.id, orgIds))
    ).map((r) => r.id),
  );
  if (!foundOrgs.has(v.ownerOrganisationId)) {
    issues.push(issue('ownerOrganisationId', 'Den ägande organisationen finns inte.', 'unknown'));
  }
  v.partners.forEach((p, i) => {
    if (!foundOrgs.has(p.organisationId)) {
      issues.push(issue(`partners.${i}.organisationId`, 'Samarbetsparten finns inte.', 'unknown'));
    }
  });
  const foundPlaces = new Set(
    (
      await db
        .select({ code: places.code })
        .from(places)
        .where(and(inArray(places.code, unique(v.placeCodes)), eq(places.comparison, false)))
    ).map((r) => r.code),
  );
  v.placeCodes.forEach((code, i) => {
    if (!foundPlaces.has(code))
      issues.push(issue(`placeCodes.${i}`, `Platsen ${code} finns inte.`, 'unknown'));
  });
  const foundGoals = new Set(
    (
      await db
        .select({ id: goals.id, strategyId: goalAreas.strategyId })
        .from(goals)
        .innerJoin(goalAreas, eq(goals.goalAreaId, goalAreas.id))
        .where(inArray(goals.id, unique(v.goalIds)))
    )
      .filter((r) => r.strategyId === strategyId)
      .map((r) => r.id),
  );
  v.goalIds.forEach((id, i) => {
    if (!foundGoals.has(id))
      issues.push(issue(`goalIds.${i}`, 'Målet finns inte i strategin.', 'unknown'));
  });
  if (v.perspectiveIds.length > 0) {
    const found = new Set(
      (
        await db
          .select({ id: perspectives.id, strategyId: perspectives.strategyId })
          .from(perspectives)
          .where(inArray(perspectives.id, unique(v.perspectiveIds)))
      )
        .filter((r) => r.strategyId === strategyId)
        .map((r) => r.id),
    );
    v.perspectiveIds.forEach((id, i) => {
      if (!found.has(id))
        issues.push(issue(`perspectiveIds.${i}`, 'Perspektivet finns inte.', 'unknown'));
    });
  }
  if (v.sdgTargetCodes.length > 0) {
    const found = new Set(
      (
        await db
          .select({ code: sdgTargets.code })
          .from(sdgTargets)
          .where(inArray(sdgTargets.code, unique(v.sdgTargetCodes)))
      ).map((r) => r.code),
    );
    v.sdgTargetCodes.forEach((code, i) => {
      if (!found.has(code))
        issues.push(issue(`sdgTargetCodes.${i}`, `Delmålet ${code} finns inte.`, 'unknown'));
    });
  }
  if (v.measureIds.length > 0) {
    const found = new Set(
      (
        await db
          .select({ id: measures.id })
          .from(measures)
          .where(inArray(measures.id, unique(v.measureIds)))
      ).map((r) => r.id),
    );
    v.measureIds.forEach((id, i) => {
      if (!found.has(id)) issues.push(issue(`measureIds.${i}`, 'Åtgärden finns inte.', 'unknown'));
    });
  }
  return issues;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
