import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { goals, indicators } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';

export const indicatorSchema = z
  .object({
    goalId: z.number().int().positive(),
    slug: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Använd små bokstäver, siffror och bindestreck.'),
    nameSv: z.string().trim().min(3).max(300),
    nameEn: z.string().trim().min(3).max(300),
    unit: z.string().trim().min(1, 'Ange enhet.').max(50),
    source: z.enum(['kolada', 'scb', 'manual']),
    sourceRef: z
      .string()
      .trim()
      .max(200)
      .nullish()
      .transform((v) => v || null),
    direction: z.enum(['higher', 'lower']),
    genderSplit: z.boolean().default(false),
    decimals: z.number().int().min(0).max(4).default(1),
    baselineYear: z
      .number()
      .int()
      .min(1990)
      .max(2100)
      .nullish()
      .transform((v) => v ?? null),
    baselineValue: z
      .number()
      .finite()
      .nullish()
      .transform((v) => v ?? null),
    targetYear: z
      .number()
      .int()
      .min(1990)
      .max(2100)
      .nullish()
      .transform((v) => v ?? null),
    targetValue: z
      .number()
      .finite()
      .nullish()
      .transform((v) => v ?? null),
    targetIsExample: z.boolean().default(true),
    isDemo: z.boolean().default(false),
  })
  .superRefine((v, c) => {
    if (v.source !== 'manual' && !v.sourceRef) {
      c.addIssue({
        code: 'custom',
        path: ['sourceRef'],
        message: 'Ange nyckeltalets id hos källan.',
      });
    }
    if ((v.baselineYear == null) !== (v.baselineValue == null)) {
      c.addIssue({
        code: 'custom',
        path: ['baselineValue'],
        message: 'Ange både år och värde för utgångsläget.',
      });
    }
    if ((v.targetYear == null) !== (v.targetValue == null)) {
      c.addIssue({
        code: 'custom',
        path: ['targetValue'],
        message: 'Ange både år och värde för målet.',
      });
    }
  });

export type IndicatorInput = z.input<typeof indicatorSchema>;

export async function defineIndicator(
  ctx: Ctx,
  input: IndicatorInput,
): Promise<Result<{ id: number }>> {
  const parsed = parseInput(indicatorSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const [goal] = await tx.db.select({ id: goals.id }).from(goals).where(eq(goals.id, v.goalId));
    if (!goal) return fail([issue('goalId', 'Målet finns inte.', 'unknown')]);
    const [taken] = await tx.db
      .select({ id: indicators.id })
      .from(indicators)
      .where(eq(indicators.slug, v.slug));
    if (taken) return fail([issue('slug', 'Kortadressen används redan.', 'taken')]);
    const [row] = await tx.db.insert(indicators).values(v).returning();
    await recordAuditEvent(tx, {
      action: 'indicator.defined',
      entityType: 'indicator',
      entityId: row!.id,
      after: row,
    });
    return ok({ id: row!.id });
  });
}
