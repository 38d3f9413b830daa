import { and, eq } from 'drizzle-orm';
import {
  fundingLines,
  initiativeGoals,
  initiativeMeasures,
  initiativePartners,
  initiativePerspectives,
  initiativePlaces,
  initiatives,
  initiativeSdgTargets,
  initiativeVersions,
  strategies,
} from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError } from '../errors.js';
import { initiativePolicy } from './policies.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';
import { initiativeSchema, type InitiativeInput } from './initiativeSchema.js';
import { checkInitiativeReferences } from './references.js';

/**
 * Registers an initiative as a draft under the current strategy (or the one named), with its
 * partners, funding, places and links, and keeps version 1 of it.
 */
export async function createInitiative(
  ctx: Ctx,
  input: InitiativeInput & { strategyId?: number },
): Promise<Result<{ id: number }>> {
  const parsed = parseInput(initiativeSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (!initiativePolicy.create(ctx.actor, v.ownerOrganisationId)) {
    throw new ForbiddenError('Du kan bara registrera insatser för din egen organisation.');
  }
  return inTransaction(ctx, async (tx) => {
    const [strategy] = await tx.db
      .select({ id: strategies.id })
      .from(strategies)
      .where(
        input.strategyId
          ? eq(strategies.id, input.strategyId)
          : and(eq(strategies.isCurrent, true)),
      );
    if (!strategy)
      return fail([issue('strategyId', 'Det finns ingen gällande strategi.', 'unknown')]);
    const refIssues = await checkInitiativeReferences(tx.db, strategy.id, v);
    if (refIssues.length > 0) return fail(refIssues);

    const [row] = await tx.db
      .insert(initiatives)
      .values({
        strategyId: strategy.id,
        title: v.title,
        summary: v.summary,
        description: v.description,
        status: v.status,
        startDate: v.startDate,
        endDate: v.endDate,
        ownerOrganisationId: v.ownerOrganisationId,
        diarienummer: v.diarienummer,
        contactEmail: v.contactEmail,
        exampleOfYear: v.exampleOfYear,
        isDemo: v.isDemo,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .returning({ id: initiatives.id });
    const id = row!.id;
    const partners = dedupe(
      [{ organisationId: v.ownerOrganisationId, role: 'lead' as const }, ...v.partners],
      (p) => `${p.organisationId}:${p.role}`,
    );
    await tx.db
      .insert(initiativePartners)
      .values(partners.map((p) => ({ initiativeId: id, ...p })));
    if (v.funding.length > 0) {
      await tx.db.insert(fundingLines).values(
        v.funding.map((f) => ({
          initiativeId: id,
          source: f.source,
          amountSek: f.amountSek,
          year: f.year,
          funderOrganisationId: f.funderOrganisationId ?? null,
        })),
      );
    }
    await tx.db
      .insert(initiativePlaces)
      .values([...new Set(v.placeCodes)].map((placeCode) => ({ initiativeId: id, placeCode })));
    await tx.db
      .insert(initiativeGoals)
      .values([...new Set(v.goalIds)].map((goalId) => ({ initiativeId: id, goalId })));
    if (v.perspectiveIds.length > 0) {
      await tx.db.insert(initiativePerspectives).values(
        [...new Set(v.perspectiveIds)].map((perspectiveId) => ({
          initiativeId: id,
          perspectiveId,
        })),
      );
    }
    if (v.sdgTargetCodes.length > 0) {
      await tx.db.insert(initiativeSdgTargets).values(
        [...new Set(v.sdgTargetCodes)].map((sdgTargetCode) => ({
          initiativeId: id,
          sdgTargetCode,
        })),
      );
    }
    if (v.measureIds.length > 0) {
      await tx.db
        .insert(initiativeMeasures)
        .values([...new Set(v.measureIds)].map((measureId) => ({ initiativeId: id, measureId })));
    }
    const snapshot = { ...v, partners };
    await tx.db.insert(initiativeVersions).values({
      initiativeId: id,
      version: 1,
      snapshot,
      createdByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      createdAt: ctx.now(),
    });
    await recordAuditEvent(tx, {
      action: 'initiative.created',
      entityType: 'initiative',
      entityId: id,
      after: snapshot,
    });
    return ok({ id });
  });
}

function dedupe<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
}
