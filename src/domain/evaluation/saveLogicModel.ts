import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { multiLineText } from '../text/plainText.js';
import type { Db } from '../../db/client.js';
import { goals, initiatives, logicModels } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { progressReportPolicy } from '../followup/progressReportPolicy.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';

export const logicStepKinds = ['aktivitet', 'resultat', 'effekt'] as const;
export type LogicStepKind = (typeof logicStepKinds)[number];

export interface LogicStep {
  kind: LogicStepKind;
  textSv: string;
  textEn: string;
  goalIds: number[];
}

export const logicModelSchema = z.object({
  initiativeId: z.number().int().positive(),
  steps: z
    .array(
      z.object({
        kind: z.enum(logicStepKinds),
        textSv: multiLineText()
          .trim()
          .min(2, 'Skriv minst två tecken.')
          .max(500, 'Högst 500 tecken per rad.'),
        textEn: multiLineText().trim().max(500).default(''),
        goalIds: z.array(z.number().int().positive()).max(50).default([]),
      }),
    )
    .max(60, 'Högst 60 rader.'),
});

export type LogicModelInput = z.input<typeof logicModelSchema>;

/**
 * Saves an initiative's logic model: activities lead to outputs, outputs to outcomes, outcomes
 * to goals of the strategy. Owners and curators may write it; it is public with the initiative.
 */
export async function saveLogicModel(
  ctx: Ctx,
  input: LogicModelInput,
): Promise<Result<{ initiativeId: number }>> {
  const parsed = parseInput(logicModelSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const [initiative] = await tx.db
      .select({ id: initiatives.id, owner: initiatives.ownerOrganisationId })
      .from(initiatives)
      .where(eq(initiatives.id, v.initiativeId));
    if (!initiative) throw new NotFoundError('Insatsen finns inte.');
    if (!progressReportPolicy.report(ctx.actor, initiative.owner)) throw new ForbiddenError();
    const goalIds = [...new Set(v.steps.flatMap((s) => s.goalIds))];
    if (goalIds.length > 0) {
      const known = await tx.db
        .select({ id: goals.id })
        .from(goals)
        .where(inArray(goals.id, goalIds));
      if (known.length !== goalIds.length)
        return fail([issue('goalIds', 'Ett av målen finns inte.', 'unknown')]);
    }
    const [before] = await tx.db
      .select()
      .from(logicModels)
      .where(eq(logicModels.initiativeId, initiative.id));
    const values = {
      initiativeId: initiative.id,
      steps: v.steps,
      updatedByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      updatedAt: ctx.now(),
    };
    await tx.db
      .insert(logicModels)
      .values(values)
      .onConflictDoUpdate({ target: logicModels.initiativeId, set: values });
    await recordAuditEvent(tx, {
      action: 'logic_model.saved',
      entityType: 'initiative',
      entityId: initiative.id,
      before: before?.steps,
      after: v.steps,
    });
    return ok({ initiativeId: initiative.id });
  });
}

/** The steps of an initiative's logic model, in order; empty when it has none. */
export async function loadLogicModel(db: Db, initiativeId: number): Promise<LogicStep[]> {
  const [row] = await db
    .select({ steps: logicModels.steps })
    .from(logicModels)
    .where(eq(logicModels.initiativeId, initiativeId));
  return Array.isArray(row?.steps) ? (row.steps as LogicStep[]) : [];
}

/** The logic model with the names of the goals it leads to, for the public page. */
export async function loadPublicLogicModel(db: Db, initiativeId: number) {
  const steps = await loadLogicModel(db, initiativeId);
  const ids = [...new Set(steps.flatMap((s) => s.goalIds))];
  const rows =
    ids.length === 0
      ? []
      : await db
          .select({ id: goals.id, code: goals.code, nameSv: goals.nameSv, nameEn: goals.nameEn })
          .from(goals)
          .where(inArray(goals.id, ids));
  return {
    steps,
    goalName: (locale: 'sv' | 'en') => (id: number) => {
      const g = rows.find((r) => r.id === id);
      return g ? { code: g.code, name: locale === 'en' ? g.nameEn : g.nameSv } : null;
    },
  };
}
