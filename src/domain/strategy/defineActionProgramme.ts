import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { singleLineText, multiLineText } from '../text/plainText.js';
import {
  actionProgrammeGoalAreas,
  actionProgrammes,
  goalAreas,
  measures,
  organisations,
} from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';
import { currentStrategy } from './queries.js';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Använd små bokstäver a–z, siffror och bindestreck.');

export const actionProgrammeSchema = z
  .object({
    slug,
    nameSv: singleLineText().trim().min(3, 'Ange programmets namn.').max(300),
    nameEn: singleLineText().trim().min(3, 'Ange programmets engelska namn.').max(300),
    descriptionSv: multiLineText().trim().max(5000).default(''),
    descriptionEn: multiLineText().trim().max(5000).default(''),
    ownerOrganisationId: z.number().int().positive().nullish(),
    periodStart: z.number().int().min(1990).max(2100),
    periodEnd: z.number().int().min(1990).max(2100),
    goalAreaSlugs: z.array(slug).min(1, 'Välj minst ett målområde.'),
    measures: z
      .array(
        z.object({
          code: z.string().trim().min(1).max(20),
          nameSv: singleLineText().trim().min(3).max(300),
          nameEn: singleLineText().trim().min(3).max(300),
          descriptionSv: multiLineText().trim().max(5000).default(''),
        }),
      )
      .min(1, 'Ett handlingsprogram behöver minst en åtgärd.'),
    isDemo: z.boolean().default(false),
  })
  .refine((p) => p.periodEnd >= p.periodStart, {
    path: ['periodEnd'],
    message: 'Periodens slutår kan inte vara före startåret.',
  });

export type ActionProgrammeInput = z.input<typeof actionProgrammeSchema>;

/** Adds an action programme (handlingsprogram) with its measures to the current strategy. */
export async function defineActionProgramme(
  ctx: Ctx,
  input: ActionProgrammeInput,
): Promise<Result<{ id: number; measureIds: Record<string, number> }>> {
  const parsed = parseInput(actionProgrammeSchema, input);
  if (!parsed.ok) return parsed;
  const p = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const strategy = await currentStrategy(tx.db);
    const areas = await tx.db
      .select({ id: goalAreas.id, slug: goalAreas.slug })
      .from(goalAreas)
      .where(and(eq(goalAreas.strategyId, strategy.id), inArray(goalAreas.slug, p.goalAreaSlugs)));
    const missing = p.goalAreaSlugs.filter((s) => !areas.some((a) => a.slug === s));
    if (missing.length > 0) {
      return fail([
        issue('goalAreaSlugs', `Målområdet finns inte: ${missing.join(', ')}.`, 'unknown'),
      ]);
    }
    if (p.ownerOrganisationId) {
      const [owner] = await tx.db
        .select({ id: organisations.id })
        .from(organisations)
        .where(eq(organisations.id, p.ownerOrganisationId));
      if (!owner)
        return fail([issue('ownerOrganisationId', 'Organisationen finns inte.', 'unknown')]);
    }
    const [taken] = await tx.db
      .select({ id: actionProgrammes.id })
      .from(actionProgrammes)
      .where(and(eq(actionProgrammes.strategyId, strategy.id), eq(actionProgrammes.slug, p.slug)));
    if (taken) return fail([issue('slug', 'Kortadressen används redan.', 'taken')]);
    const [row] = await tx.db
      .insert(actionProgrammes)
      .values({
        strategyId: strategy.id,
        slug: p.slug,
        nameSv: p.nameSv,
        nameEn: p.nameEn,
        descriptionSv: p.descriptionSv,
        descriptionEn: p.descriptionEn,
        ownerOrganisationId: p.ownerOrganisationId ?? null,
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        isDemo: p.isDemo,
      })
      .returning({ id: actionProgrammes.id });
    const programmeId = row!.id;
    await tx.db
      .insert(actionProgrammeGoalAreas)
      .values(areas.map((a) => ({ programmeId, goalAreaId: a.id })));
    const inserted = await tx.db
      .insert(measures)
      .values(p.measures.map((m) => ({ programmeId, ...m })))
      .returning({ id: measures.id, code: measures.code });
    await recordAuditEvent(tx, {
      action: 'action_programme.defined',
      entityType: 'action_programme',
      entityId: programmeId,
      after: p,
    });
    return ok({
      id: programmeId,
      measureIds: Object.fromEntries(inserted.map((m) => [m.code, m.id])),
    });
  });
}
