import { chapterTexts } from '../strategy/defineStrategy.js';
import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { singleLineText, multiLineText } from '../text/plainText.js';
import type { Db } from '../../db/client.js';
import {
  actionProgrammeGoalAreas,
  actionProgrammes,
  goalAreas,
  goals,
  indicators,
  measures,
  perspectives,
  strategies,
} from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError } from '../errors.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';
import { forbiddenMessage, strategyVersionPolicy } from './policies.js';

export const slugSchema = singleLineText()
  .trim()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Använd små bokstäver a–z, siffror och bindestreck.')
  .max(80, 'Högst 80 tecken.');

export const requiredText = (max: number) =>
  multiLineText().trim().min(1, 'Fältet får inte vara tomt.').max(max, `Högst ${max} tecken.`);

const year = z.coerce
  .number({ message: 'Ange ett årtal.' })
  .int('Ange ett årtal.')
  .min(1990, 'Ange ett årtal från 1990.')
  .max(2100, 'Ange ett årtal till och med 2100.');

export const startDraftSchema = z
  .object({
    fromStrategyId: z.coerce.number().int().positive(),
    slug: slugSchema,
    nameSv: requiredText(300),
    nameEn: requiredText(300),
    periodStart: year,
    periodEnd: year,
  })
  .refine((s) => s.periodEnd >= s.periodStart, {
    path: ['periodEnd'],
    message: 'Periodens slutår kan inte vara före startåret.',
  });

export type StartDraftInput = z.input<typeof startDraftSchema>;

/**
 * Starts a new strategy version as a draft, copied from an existing version: vision, goal areas,
 * goals, perspectives, indicators, action programmes with their measures, and the links between
 * them. Every copy remembers what it was copied from (source_* columns), which the comparison and
 * the adoption read. Indicator slugs are unique across versions, so copies get the draft's slug
 * as a suffix until adoption hands them the original slugs.
 */
export async function startDraftStrategy(
  ctx: Ctx,
  input: StartDraftInput,
): Promise<Result<{ id: number }>> {
  if (!strategyVersionPolicy.manage(ctx.actor)) throw new ForbiddenError(forbiddenMessage);
  const parsed = parseInput(startDraftSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const db = tx.db;
    const [from] = await db.select().from(strategies).where(eq(strategies.id, v.fromStrategyId));
    if (!from) {
      return fail([issue('fromStrategyId', 'Strategiversionen finns inte.', 'unknown')]);
    }
    const [taken] = await db
      .select({ id: strategies.id })
      .from(strategies)
      .where(eq(strategies.slug, v.slug));
    if (taken) {
      return fail([
        issue('slug', 'Det finns redan en strategiversion med den kortadressen.', 'taken'),
      ]);
    }
    const now = ctx.now();
    const [row] = await db
      .insert(strategies)
      .values({
        slug: v.slug,
        nameSv: v.nameSv,
        nameEn: v.nameEn,
        periodStart: v.periodStart,
        periodEnd: v.periodEnd,
        visionSv: from.visionSv,
        visionEn: from.visionEn,
        ...chapterTexts(from),
        status: 'draft',
        isCurrent: false,
        derivedFromStrategyId: from.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: strategies.id });
    const draftId = row!.id;
    const counts = await copyContent(db, from.id, draftId, v.slug);
    await recordAuditEvent(tx, {
      action: 'strategy.draft_started',
      entityType: 'strategy',
      entityId: draftId,
      after: { ...v, ...counts },
    });
    return ok({ id: draftId });
  });
}

async function copyContent(db: Db, fromId: number, draftId: number, draftSlug: string) {
  const areaMap = new Map<number, number>();
  const sourceAreas = await db
    .select()
    .from(goalAreas)
    .where(eq(goalAreas.strategyId, fromId))
    .orderBy(asc(goalAreas.position));
  for (const a of sourceAreas) {
    const [copy] = await db
      .insert(goalAreas)
      .values({
        strategyId: draftId,
        slug: a.slug,
        nameSv: a.nameSv,
        nameEn: a.nameEn,
        descriptionSv: a.descriptionSv,
        descriptionEn: a.descriptionEn,
        colour: a.colour,
        position: a.position,
        sourceGoalAreaId: a.id,
      })
      .returning({ id: goalAreas.id });
    areaMap.set(a.id, copy!.id);
  }

  const goalMap = new Map<number, number>();
  const sourceGoals =
    areaMap.size === 0
      ? []
      : await db
          .select()
          .from(goals)
          .where(inArray(goals.goalAreaId, [...areaMap.keys()]))
          .orderBy(asc(goals.id));
  for (const g of sourceGoals) {
    const [copy] = await db
      .insert(goals)
      .values({
        goalAreaId: areaMap.get(g.goalAreaId)!,
        code: g.code,
        nameSv: g.nameSv,
        nameEn: g.nameEn,
        descriptionSv: g.descriptionSv,
        descriptionEn: g.descriptionEn,
        position: g.position,
        sourceGoalId: g.id,
      })
      .returning({ id: goals.id });
    goalMap.set(g.id, copy!.id);
  }

  const sourcePerspectives = await db
    .select()
    .from(perspectives)
    .where(eq(perspectives.strategyId, fromId));
  if (sourcePerspectives.length > 0) {
    await db.insert(perspectives).values(
      sourcePerspectives.map((p) => ({
        strategyId: draftId,
        slug: p.slug,
        nameSv: p.nameSv,
        nameEn: p.nameEn,
        descriptionSv: p.descriptionSv,
        descriptionEn: p.descriptionEn,
        position: p.position,
        sourcePerspectiveId: p.id,
      })),
    );
  }

  const sourceIndicators =
    goalMap.size === 0
      ? []
      : await db
          .select()
          .from(indicators)
          .where(inArray(indicators.goalId, [...goalMap.keys()]))
          .orderBy(asc(indicators.id));
  const usedSlugs = new Set(
    (await db.select({ slug: indicators.slug }).from(indicators)).map((r) => r.slug),
  );
  for (const i of sourceIndicators) {
    const slug = uniqueSlug(`${i.slug}-${draftSlug}`, usedSlugs);
    const { id, goalId, slug: _slug, createdAt: _createdAt, sourceIndicatorId: _s, ...rest } = i;
    await db.insert(indicators).values({
      ...rest,
      goalId: goalMap.get(goalId)!,
      slug,
      sourceIndicatorId: id,
    });
  }

  const sourceProgrammes = await db
    .select()
    .from(actionProgrammes)
    .where(eq(actionProgrammes.strategyId, fromId));
  let measureCount = 0;
  for (const p of sourceProgrammes) {
    const { id, strategyId: _sid, ...rest } = p;
    const [copy] = await db
      .insert(actionProgrammes)
      .values({ ...rest, strategyId: draftId })
      .returning({ id: actionProgrammes.id });
    const areaLinks = await db
      .select({ goalAreaId: actionProgrammeGoalAreas.goalAreaId })
      .from(actionProgrammeGoalAreas)
      .where(eq(actionProgrammeGoalAreas.programmeId, id));
    const mappedLinks = areaLinks.filter((l) => areaMap.has(l.goalAreaId));
    if (mappedLinks.length > 0) {
      await db.insert(actionProgrammeGoalAreas).values(
        mappedLinks.map((l) => ({
          programmeId: copy!.id,
          goalAreaId: areaMap.get(l.goalAreaId)!,
        })),
      );
    }
    const programmeMeasures = await db.select().from(measures).where(eq(measures.programmeId, id));
    if (programmeMeasures.length > 0) {
      await db.insert(measures).values(
        programmeMeasures.map((m) => ({
          programmeId: copy!.id,
          code: m.code,
          nameSv: m.nameSv,
          nameEn: m.nameEn,
          descriptionSv: m.descriptionSv,
        })),
      );
      measureCount += programmeMeasures.length;
    }
  }
  return {
    goalAreas: areaMap.size,
    goals: goalMap.size,
    perspectives: sourcePerspectives.length,
    indicators: sourceIndicators.length,
    actionProgrammes: sourceProgrammes.length,
    measures: measureCount,
  };
}

function uniqueSlug(base: string, used: Set<string>): string {
  let slug = base;
  for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
  used.add(slug);
  return slug;
}
