import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { multiLineText } from '../text/plainText.js';
import type { Db } from '../../db/client.js';
import { followUpReports, goalAreas } from '../../db/schema/index.js';
import { isCurator } from '../actors/policies.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ConflictError, ForbiddenError } from '../errors.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';
import { currentStrategy } from '../strategy/queries.js';

/** Editors' introductions per goal area: { [goalAreaId]: { sv, en } }. */
export type AreaIntroductions = Record<string, { sv: string; en: string }>;

const text = multiLineText().trim().max(5000, 'Högst 5 000 tecken.');

export const reportIntroductionsSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  introduction: text.default(''),
  areas: z.record(
    z.string().regex(/^\d+$/),
    z.object({ sv: text.default(''), en: text.default('') }),
  ),
});

/**
 * Saves the introductions of a year's report before it is published: one for the report and one
 * per goal area. A published report is frozen, so its texts can no longer change.
 */
export async function saveReportIntroductions(
  ctx: Ctx,
  input: z.input<typeof reportIntroductionsSchema>,
): Promise<Result<{ year: number }>> {
  if (!isCurator(ctx.actor)) throw new ForbiddenError();
  const parsed = parseInput(reportIntroductionsSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const strategy = await currentStrategy(tx.db);
    const areaIds = new Set(
      (
        await tx.db
          .select({ id: goalAreas.id })
          .from(goalAreas)
          .where(eq(goalAreas.strategyId, strategy.id))
      ).map((a) => String(a.id)),
    );
    const unknown = Object.keys(v.areas).find((id) => !areaIds.has(id));
    if (unknown) return fail([issue(`areas.${unknown}`, 'Målområdet finns inte.', 'unknown')]);
    const [existing] = await tx.db
      .select()
      .from(followUpReports)
      .where(and(eq(followUpReports.strategyId, strategy.id), eq(followUpReports.year, v.year)))
      .for('update');
    if (existing?.status === 'published') {
      throw new ConflictError(
        `Rapporten för ${v.year} är redan publicerad och kan inte ändras.`,
        'already_published',
      );
    }
    const values = {
      introduction: v.introduction,
      areaIntroductions: v.areas,
      updatedAt: ctx.now(),
    };
    if (existing) {
      await tx.db.update(followUpReports).set(values).where(eq(followUpReports.id, existing.id));
    } else {
      await tx.db.insert(followUpReports).values({
        ...values,
        strategyId: strategy.id,
        year: v.year,
        title: `Regionala utvecklingsåret ${v.year}`,
        status: 'draft',
      });
    }
    await recordAuditEvent(tx, {
      action: 'follow_up_report.introductions_saved',
      entityType: 'follow_up_report',
      entityId: existing?.id ?? v.year,
      before: existing
        ? { introduction: existing.introduction, areas: existing.areaIntroductions }
        : undefined,
      after: { introduction: v.introduction, areas: v.areas },
    });
    return ok({ year: v.year });
  });
}

/** The year's report row of the current strategy, if one exists (draft or published). */
export async function reportDraft(db: Db, year: number) {
  const strategy = await currentStrategy(db);
  const [row] = await db
    .select()
    .from(followUpReports)
    .where(and(eq(followUpReports.strategyId, strategy.id), eq(followUpReports.year, year)));
  return row ?? null;
}
